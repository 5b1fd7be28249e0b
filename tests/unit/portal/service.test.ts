// @vitest-environment node
/**
 * The background's connection service: what is stored where, what pages get back, and the
 * "Test connection" steps against the emulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readConnectionWith } from '@/utils/portal/connection-in-force';
import { portalCredentialsItem } from '@/utils/portal/credentials-item';
import type { FetchFunction } from '@/utils/portal/http';
import { portalSettingsItem } from '@/utils/portal/items';
import {
  forgetConnection,
  getConnection,
  getPortalClient,
  saveConnection,
  testConnection,
} from '@/utils/portal/service';
import { connectionReader } from '@/utils/settings/effective';
import { type PortalEmulator, startPortalEmulator } from '../../emulator/server.ts';

const nodeFetch: FetchFunction = (input, init) => fetch(input, init);
let emulator: PortalEmulator;

// The background wires this at start (entrypoints/background.ts).
readConnectionWith(connectionReader);

beforeAll(async () => {
  emulator = await startPortalEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  emulator.reset();
  // The fake browser has no permissions API; the options page asks for it from the click.
  vi.spyOn(browser.permissions, 'contains').mockImplementation((async () => true) as never);
});

function tokenConnection(apiToken?: string) {
  return {
    portalUrl: `${emulator.origin}/servicedesk/customer/portals`,
    authMethod: 'api-token' as const,
    email: emulator.data.customer.emailAddress,
    apiToken,
  };
}

describe('connection service', () => {
  it('stores the token apart, and gives pages only a hint of it', async () => {
    const view = await saveConnection(tokenConnection(emulator.data.customer.apiToken));
    expect(view).toMatchObject({
      portalUrl: emulator.origin,
      authMethod: 'api-token',
      tokenHint: '••••4821',
      originGranted: true,
    });
    expect(JSON.stringify(view)).not.toContain(emulator.data.customer.apiToken);
    expect(await portalCredentialsItem.get()).toEqual({
      apiToken: emulator.data.customer.apiToken,
      origin: emulator.origin,
    });
    expect(JSON.stringify(await portalSettingsItem.get())).not.toContain(
      emulator.data.customer.apiToken,
    );
    const local = await browser.storage.local.get(null);
    expect(Object.keys(local).sort()).toEqual(['portalCredentials', 'portalSettings']);
    expect(JSON.stringify(await browser.storage.sync.get(null))).not.toContain('ATATT');
    expect(await getConnection()).toEqual(view);
  });

  it('keeps the saved token when the form leaves it empty, and drops it for the portal session', async () => {
    await saveConnection(tokenConnection('first-token-1111'));
    const kept = await saveConnection(tokenConnection(undefined));
    expect(kept.tokenHint).toBe('••••1111');
    const session = await saveConnection({
      portalUrl: emulator.origin,
      authMethod: 'portal-session',
    });
    expect(session.tokenHint).toBeUndefined();
    expect(await portalCredentialsItem.get()).toBeNull();
    await forgetConnection();
    expect(await getConnection()).toEqual({ originGranted: false });
  });

  it('refuses plain http for a real site, a missing token, and an origin the browser did not grant', async () => {
    await expect(
      saveConnection({ portalUrl: 'http://vendor.atlassian.net', authMethod: 'portal-session' }),
    ).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('https://'),
    });
    await expect(saveConnection(tokenConnection(undefined))).rejects.toMatchObject({
      code: 'validation',
    });
    vi.spyOn(browser.permissions, 'contains').mockImplementation((async () => false) as never);
    await expect(saveConnection(tokenConnection('x'))).rejects.toMatchObject({
      code: 'permission-denied',
    });
  });

  it('without a connection, says to configure one', async () => {
    await expect(getPortalClient(nodeFetch)).rejects.toMatchObject({ code: 'not-configured' });
    await expect(testConnection(nodeFetch)).rejects.toMatchObject({ code: 'not-configured' });
  });

  it('tests the connection: display name and service desks', async () => {
    await saveConnection(tokenConnection(emulator.data.customer.apiToken));
    expect(await testConnection(nodeFetch)).toEqual({
      displayName: 'Dana Developer',
      accountId: emulator.data.customer.accountId,
      serviceDesks: [{ id: '1', projectName: 'Stakater Support', projectKey: 'SUP' }],
    });
  });

  it('tells a wrong token, a site that is not JSM, and an unreachable site apart', async () => {
    await saveConnection(tokenConnection('wrong-token'));
    await expect(testConnection(nodeFetch)).rejects.toMatchObject({
      code: 'auth',
      message: expect.stringContaining('API token'),
    });

    await saveConnection({ ...tokenConnection('x'), portalUrl: emulator.origin });
    emulator.setFaults([{ kind: 'html-400', path: '/rest/servicedeskapi/info' }]);
    await expect(testConnection(nodeFetch)).rejects.toMatchObject({
      code: 'unexpected-response',
      message: expect.stringContaining('does not look like a Jira Service Management site'),
    });

    await saveConnection({ ...tokenConnection('x'), portalUrl: 'http://127.0.0.1:9' });
    await expect(testConnection(nodeFetch)).rejects.toMatchObject({ code: 'network' });
  });

  it('keeps the cloudId of a scoped token after the first call', async () => {
    await saveConnection({
      ...tokenConnection(emulator.data.customer.scopedApiToken),
      tokenKind: 'scoped',
    });
    await testConnection(nodeFetch);
    await vi.waitFor(async () =>
      expect((await portalCredentialsItem.get())?.cloudId).toBe(emulator.data.site.cloudId),
    );
    emulator.reset();
    await testConnection(nodeFetch);
    expect(emulator.requests().some((r) => r.path === '/_edge/tenant_info')).toBe(false);
  });

  it('never sends a token to a portal other than the one it was entered for', async () => {
    const other = await startPortalEmulator();
    try {
      const tokenA = emulator.data.customer.apiToken;
      await saveConnection(tokenConnection(tokenA));
      // Another portal with the token field empty: asked for a token for it, nothing sent.
      await expect(
        saveConnection({ ...tokenConnection(undefined), portalUrl: other.origin }),
      ).rejects.toMatchObject({
        code: 'validation',
        message: expect.stringContaining(`Enter an API token for ${other.origin}`),
      });
      // The organisation's policy names the other portal: the token stays unused.
      await fakeBrowser.storage.managed.set({ portalUrl: other.origin });
      expect((await getConnection()).tokenHint).toBeUndefined();
      await expect(testConnection(nodeFetch)).rejects.toMatchObject({ code: 'not-configured' });
      const sentA = other
        .requests()
        .filter(
          (r) =>
            r.headers.authorization ===
            `Basic ${btoa(`${emulator.data.customer.emailAddress}:${tokenA}`)}`,
        );
      expect(sentA).toEqual([]);
      // A token entered for the policy's portal is used there.
      await saveConnection({
        ...tokenConnection(other.data.customer.apiToken),
        portalUrl: other.origin,
      });
      expect(await portalCredentialsItem.get()).toMatchObject({ origin: other.origin });
      await testConnection(nodeFetch);
    } finally {
      await other.close();
    }
  });

  it('binds a token saved before origins were kept to the Portal URL saved with it', async () => {
    await portalSettingsItem.set({
      portalUrl: emulator.origin,
      authMethod: 'api-token',
      email: emulator.data.customer.emailAddress,
      tokenKind: 'classic',
    });
    await portalCredentialsItem.set({ apiToken: emulator.data.customer.apiToken });
    expect((await getConnection()).tokenHint).toBe('••••4821');
    await fakeBrowser.storage.managed.set({ portalUrl: 'https://vendor.atlassian.net' });
    expect((await getConnection()).tokenHint).toBeUndefined();
  });
});
