// @vitest-environment node
/**
 * Portal-only customers: the platform's `/myself` and user picker refused (emulator `refuse`),
 * while the service desk API and the portal's own people search work.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { findPeople } from '@/utils/outbox/people';
import { outboxPortal } from '@/utils/outbox/portal-adapter';
import { addParticipants } from '@/utils/outbox/step-share';
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

  it('is refused an accountId the site does not know, as the real portal refuses it, and adds nobody', async () => {
    const colleague = emulator.data.colleagues[0];
    const [request] = emulator.state().requests;
    if (!colleague || !request) throw new Error('demo data has colleagues and requests');
    const before = [...request.participants];
    const client = await getPortalClient(nodeFetch);
    await expect(
      client.portalShare(request.issueKey, {
        accountIds: ['qm:no-such-account', colleague.accountId],
      }),
    ).rejects.toMatchObject({ code: 'validation' });
    expect(request.participants).toEqual(before);
  });

  it('shares with the colleagues it knows and names the one the portal does not know', async () => {
    const colleague = emulator.data.colleagues[0];
    const [request] = emulator.state().requests;
    if (!colleague || !request) throw new Error('demo data has colleagues and requests');
    // A customer who may not add participants: the portal's own share is the way.
    emulator.setRefused(['myself', 'user.picker', 'participant.add']);
    const client = await getPortalClient(nodeFetch);
    const outcome = await addParticipants(outboxPortal(client), request.issueKey, [
      'qm:no-such-account',
      colleague.accountId,
    ]).finally(() => emulator.setRefused(['myself', 'user.picker']));
    expect(outcome).toEqual({
      added: [colleague.accountId],
      rejected: ['qm:no-such-account'],
      notPermitted: false,
    });
    expect(request.participants).toContain(colleague.accountId);
    expect(request.participants).not.toContain('qm:no-such-account');
  });
});
