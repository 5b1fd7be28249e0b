import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lockStorageToTrustedContexts } from '@/utils/storage-access';

type Lockable = { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };
const local = () => browser.storage.local as unknown as Lockable;

describe('storage locked to trusted contexts', () => {
  let original: Lockable['setAccessLevel'];
  beforeEach(() => {
    fakeBrowser.reset();
    original = local().setAccessLevel;
  });
  afterEach(() => {
    local().setAccessLevel = original;
  });

  it('asks the browser to close storage.local to content scripts', async () => {
    const setAccessLevel = vi.fn(async () => {});
    local().setAccessLevel = setAccessLevel;
    await expect(lockStorageToTrustedContexts()).resolves.toBe(true);
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('keeps working where the browser has no setAccessLevel', async () => {
    local().setAccessLevel = undefined;
    await expect(lockStorageToTrustedContexts()).resolves.toBe(false);
    await browser.storage.local.set({ kept: 1 });
    expect(await browser.storage.local.get('kept')).toEqual({ kept: 1 });
  });

  it('keeps working where the browser rejects it for storage.local (Firefox)', async () => {
    local().setAccessLevel = vi.fn(async () => {
      throw new Error('setAccessLevel is only supported for storage.session');
    });
    await expect(lockStorageToTrustedContexts()).resolves.toBe(false);
  });

  it('is called by the background at start', async () => {
    // The entry point is wiring only; this checks the wiring is there, before anything else.
    const { readFile } = await import('node:fs/promises');
    const source = await readFile('entrypoints/background.ts', 'utf8');
    const body = source.slice(source.indexOf('defineBackground('));
    expect(body.indexOf('lockStorageToTrustedContexts()')).toBeGreaterThan(-1);
    expect(body.indexOf('lockStorageToTrustedContexts()')).toBeLessThan(
      body.indexOf('onBackgroundMessages('),
    );
  });
});
