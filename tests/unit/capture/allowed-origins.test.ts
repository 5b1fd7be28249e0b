/**
 * Ending capture on a site gives its host permission back only when nothing else needs it:
 * the portal on the same host, or another capture site on another port of it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { releasablePatterns, removeOrigin } from '@/utils/capture/allowed-origins';
import { allowedOriginsItem } from '@/utils/capture/items';
import { portalSettingsItem } from '@/utils/portal/items';

describe('releasablePatterns', () => {
  it('keeps a pattern another user still needs', () => {
    expect(releasablePatterns('https://console.example.net', [])).toEqual([
      'https://console.example.net/*',
    ]);
    expect(
      releasablePatterns('https://support.example.net:8443', ['https://support.example.net/*']),
    ).toEqual([]);
  });
});

describe('removeOrigin', () => {
  const removed: string[][] = [];
  beforeEach(() => {
    fakeBrowser.reset();
    removed.length = 0;
    vi.spyOn(browser.permissions, 'contains').mockImplementation((async () => true) as never);
    vi.spyOn(browser.permissions, 'remove').mockImplementation((async (p: {
      origins: string[];
    }) => {
      removed.push(p.origins);
      return true;
    }) as never);
    vi.spyOn(browser.scripting, 'getRegisteredContentScripts').mockImplementation(
      (async () => []) as never,
    );
    vi.spyOn(browser.scripting, 'registerContentScripts').mockImplementation(
      (async () => undefined) as never,
    );
  });

  it("does not revoke the portal's access when the capture site shares its host", async () => {
    await portalSettingsItem.set({
      portalUrl: 'https://support.example.net',
      authMethod: 'portal-session',
      tokenKind: 'classic',
    });
    await allowedOriginsItem.set([
      'https://support.example.net:8443',
      'https://grafana.example.net',
    ]);
    await removeOrigin('https://support.example.net:8443');
    expect(removed).toEqual([]);
    await removeOrigin('https://grafana.example.net');
    expect(removed).toEqual([['https://grafana.example.net/*']]);
  });

  it('does not revoke a grant another port of the same host still uses', async () => {
    await allowedOriginsItem.set(['https://argo.example.net', 'https://argo.example.net:8443']);
    await removeOrigin('https://argo.example.net:8443');
    expect(removed).toEqual([]);
    expect(await allowedOriginsItem.get()).toEqual(['https://argo.example.net']);
  });
});
