import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readLastChoice } from '@/utils/composer/last-choice';
import { type BackgroundProtocol, sendMessage } from '@/utils/messages/background';
import { earlySender } from '@/utils/messages/early';

const ask = earlySender<BackgroundProtocol>();
const CONNECTED = { portalUrl: 'https://portal.example', originGranted: true };
const NO_TYPES = { groups: [], requestTypes: [] };

describe('early requests of the popup', () => {
  let send: MockInstance<(message: unknown) => Promise<unknown>>;
  beforeEach(() => {
    fakeBrowser.reset();
    send = vi.spyOn(browser.runtime, 'sendMessage') as unknown as typeof send;
  });
  afterEach(() => {
    vi.useRealTimers();
    send.mockRestore();
  });

  it('sends at once, and the later ask for the same message takes that answer instead of sending', async () => {
    send.mockResolvedValue({ ok: true, value: { serviceDesks: [] } });
    ask('listServiceDesks', {});
    expect(send).toHaveBeenCalledTimes(1);
    await expect(sendMessage('listServiceDesks', {})).resolves.toEqual({ serviceDesks: [] });
    expect(send).toHaveBeenCalledTimes(1);
    // Taken once: the next ask goes to the background.
    await sendMessage('listServiceDesks', {});
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('hands an answer over only for the same data, and validates it like any answer', async () => {
    send.mockResolvedValueOnce({ ok: true, value: { requestTypes: 'not-a-list' } });
    ask('listRequestTypes', { serviceDeskId: '1' });
    send.mockResolvedValueOnce({ ok: true, value: NO_TYPES });
    await expect(sendMessage('listRequestTypes', { serviceDeskId: '2' })).resolves.toEqual(
      NO_TYPES,
    );
    await expect(sendMessage('listRequestTypes', { serviceDeskId: '1' })).rejects.toMatchObject({
      code: 'bad-message',
    });
  });

  it('reports an early failure where the answer is taken', async () => {
    send.mockResolvedValueOnce({
      ok: false,
      error: { code: 'auth', message: 'Connect a portal first.' },
    });
    ask('getConnection', {});
    await expect(sendMessage('getConnection', {})).rejects.toMatchObject({ code: 'auth' });
  });

  it('drops an answer nobody took within five seconds', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    send.mockResolvedValue({ ok: true, value: CONNECTED });
    ask('getConnection', {});
    vi.advanceTimersByTime(5_001);
    await sendMessage('getConnection', {});
    expect(send).toHaveBeenCalledTimes(2);
  });
});

describe('readLastChoice', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the last desk and request type from storage', async () => {
    await browser.storage.local.set({
      composerChoice: { serviceDeskId: '1', requestTypeId: '10' },
    });
    await expect(readLastChoice()).resolves.toEqual({ serviceDeskId: '1', requestTypeId: '10' });
  });

  it('counts anything but strings as no choice', async () => {
    await expect(readLastChoice()).resolves.toEqual({});
    await browser.storage.local.set({ composerChoice: { serviceDeskId: 1, requestTypeId: '' } });
    await expect(readLastChoice()).resolves.toEqual({});
  });
});
