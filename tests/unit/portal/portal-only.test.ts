// @vitest-environment node
/**
 * Portal-only customers: the platform's `/myself` and user picker refused (emulator `refuse`),
 * while the service desk API and the portal's own people search work.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { findPeople } from '@/utils/outbox/people';
import { readConnectionWith } from '@/utils/portal/connection-in-force';
import type { FetchFunction } from '@/utils/portal/http';
import { getPortalClient, saveConnection, testConnection } from '@/utils/portal/service';
import { connectionReader } from '@/utils/settings/effective';
import { type PortalEmulator, startPortalEmulator } from '../../emulator/server.ts';

const nodeFetch: FetchFunction = (input, init) => fetch(input, init);
let emulator: PortalEmulator;

// The background wires this at start (entrypoints/background.ts).
readConnectionWith(connectionReader);

beforeAll(async () => {
  emulator = await startPortalEmulator({ refuse: ['myself', 'user.picker'] });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  emulator.reset();
  vi.spyOn(browser.permissions, 'contains').mockImplementation((async () => true) as never);
  await saveConnection({
    portalUrl: emulator.origin,
    authMethod: 'api-token',
    email: emulator.data.customer.emailAddress,
    apiToken: emulator.data.customer.apiToken,
  });
});

describe('a portal-only customer', () => {
  it('connects on the desk list and is named from the reporter of their own requests', async () => {
    const result = await testConnection(nodeFetch);
    expect(result.displayName).toBe(emulator.data.customer.displayName);
    expect(result.accountId).toBe(emulator.data.customer.accountId);
    expect(result.serviceDesks.length).toBeGreaterThan(0);
    expect(emulator.requests().find((r) => r.route === 'myself')?.response?.status).toBe(403);
  });

  it('finds colleagues through the portal search when the user picker is refused', async () => {
    const colleague = emulator.data.colleagues[0];
    if (!colleague) throw new Error('demo data has colleagues');
    const query = colleague.displayName.split(' ')[0] ?? colleague.displayName;
    const found = await findPeople(await getPortalClient(nodeFetch), query);
    expect(found.people).toContainEqual({
      accountId: colleague.accountId,
      displayName: colleague.displayName,
    });
    expect(emulator.requests().some((r) => r.route === 'portal.user-search')).toBe(true);
  });

  it('says so when nobody is found anywhere', async () => {
    const found = await findPeople(await getPortalClient(nodeFetch), 'nobody-by-this-name');
    expect(found.people).toEqual([]);
    expect(found.note).toMatch(/Nobody found/);
  });

  it('shares through the portal by e-mail address', async () => {
    const colleague = emulator.data.colleagues[0];
    if (!colleague) throw new Error('demo data has colleagues');
    const client = await getPortalClient(nodeFetch);
    const [request] = emulator.state().requests;
    if (!request) throw new Error('demo data has requests');
    await client.portalShare(request.issueKey, { emails: [colleague.emailAddress] });
    expect(request.participants).toContain(colleague.accountId);
  });
});
