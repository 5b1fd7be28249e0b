// @vitest-environment node
/**
 * The client against the local portal emulator over real loopback HTTP: what the emulator
 * recorded is what the client really sent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/utils/errors';
import { portalSessionProvider } from '@/utils/portal/auth';
import { createPortalClient } from '@/utils/portal/client';
import type { FetchFunction } from '@/utils/portal/http';
import { type PortalEmulator, startPortalEmulator } from '../../emulator/server.ts';
import { expectBodiesFitClientSchemas } from './contract-schemas';
import { emulatorTokenClient, nodeFetch, type TokenClientOptions } from './emulator-client';

let emulator: PortalEmulator;

const tokenClient = (options?: TokenClientOptions) => emulatorTokenClient(emulator, options);
const scopedClient = () => emulatorTokenClient(emulator, { tokenKind: 'scoped' });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  emulator = await startPortalEmulator();
});
afterEach(() => {
  // Every body the emulator sent in this test fits the client's schemas.
  expectBodiesFitClientSchemas(emulator.requests());
  emulator.reset();
});
afterAll(async () => {
  await emulator.close();
});

describe('portal client against the emulator', () => {
  it('creates a request, uploads two files, attaches them and adds a participant', async () => {
    const client = tokenClient();
    const [desk] = await client.listServiceDesks();
    expect(desk?.projectName).toBe('Stakater Support');
    const types = await client.listRequestTypes(desk?.id ?? '');
    const incident = types.find((type) => type.name === 'Report an incident');
    expect(incident).toBeDefined();
    const meta = await client.getRequestTypeFields(desk?.id ?? '', incident?.id ?? '');
    const severity = meta.requestTypeFields.find((field) => field.name === 'Severity');
    const p2 = severity?.validValues.find((value) => value.label?.startsWith('P2'));
    expect(severity?.required).toBe(true);

    const created = await client.createRequest({
      serviceDeskId: desk?.id ?? '',
      requestTypeId: incident?.id ?? '',
      requestFieldValues: {
        summary: 'Deployments page fails with 500',
        description: 'Capture reference SC-TEST0001',
        [severity?.fieldId ?? '']: { id: p2?.value },
      },
    });
    expect(created.issueKey).toMatch(/^SUP-\d+$/);
    expect(created._links?.web).toBe(
      emulator.url(`/servicedesk/customer/portal/1/${created.issueKey}`),
    );
    expect(created.requestFieldValues?.find((v) => v.fieldId === 'summary')?.value).toBe(
      'Deployments page fails with 500',
    );

    const uploaded = await client.attachTemporaryFiles(desk?.id ?? '', [
      {
        name: 'screenshot.png',
        data: new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
      },
      { name: 'capture.json', data: new Blob(['{"events":[]}'], { type: 'application/json' }) },
    ]);
    expect(uploaded.temporaryAttachments.map((item) => item.fileName)).toEqual([
      'screenshot.png',
      'capture.json',
    ]);

    const attached = await client.attachToRequest(
      created.issueKey,
      uploaded.temporaryAttachments.map((item) => item.temporaryAttachmentId),
      'Captured by Support Capture.',
    );
    expect(attached.attachments.values.map((item) => item.filename)).toEqual([
      'screenshot.png',
      'capture.json',
    ]);

    const colleague = emulator.data.colleagues[0]?.accountId ?? '';
    const participants = await client.addParticipants(created.issueKey, [colleague]);
    expect(participants.values.map((user) => user.accountId)).toEqual([colleague]);

    // What really arrived.
    const record = emulator.requests();
    const create = record.find((r) => r.route === 'request.create');
    expect(create?.body).toMatchObject({ serviceDeskId: '1', requestTypeId: '10' });
    expect(create?.body).not.toHaveProperty('requestParticipants');
    expect(create?.body).not.toHaveProperty('raiseOnBehalfOf');
    const upload = record.find((r) => r.route === 'attachTemporaryFile');
    expect(upload?.headers['x-atlassian-token']).toBe('no-check');
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload?.body).toEqual({
      multipart: [
        expect.objectContaining({ name: 'file', fileName: 'screenshot.png' }),
        expect.objectContaining({ name: 'file', fileName: 'capture.json' }),
      ],
    });
    const attach = record.find((r) => r.route === 'request.attach');
    expect(attach?.body).toEqual({
      temporaryAttachmentIds: uploaded.temporaryAttachments.map(
        (item) => item.temporaryAttachmentId,
      ),
      public: true,
      additionalComment: { body: 'Captured by Support Capture.' },
    });
    const share = record.find((r) => r.route === 'participant.add');
    expect(share?.body).toEqual({ accountIds: [colleague] });
    expect(
      record.every((r) => r.headers.authorization?.startsWith('Basic ') || r.route === undefined),
    ).toBe(true);
  });

  it('walks five pages of request types following isLastPage', async () => {
    const client = tokenClient();
    const types = await client.listRequestTypes('1', {}, { limit: 1 });
    expect(types.map((type) => type.name)).toEqual([
      'Report an incident',
      'Ask a question',
      'Request a change',
      'Report a cluster problem',
      'Request a platform change',
    ]);
    const pages = emulator.requests().filter((r) => r.route === 'requesttype.list');
    expect(pages.map((r) => r.query.start?.[0])).toEqual(['0', '1', '2', '3', '4']);
  });

  it('sends a scoped token through the gateway with the cloudId from tenant_info', async () => {
    const { customer, site } = emulator.data;
    const seen: string[] = [];
    const client = tokenClient({ tokenKind: 'scoped', onCloudId: (id) => seen.push(id) });
    const me = await client.myself();
    expect(me.displayName).toBe(customer.displayName);
    await client.listServiceDesks();
    expect(seen).toEqual([site.cloudId]);
    const paths = emulator.requests().map((r) => r.path);
    expect(paths).toEqual([
      '/_edge/tenant_info',
      `/ex/jira/${site.cloudId}/rest/api/3/myself`,
      `/ex/jira/${site.cloudId}/rest/servicedeskapi/servicedesk`,
    ]);
  });

  it('refuses a scoped token on the site URL', async () => {
    const scopedOnSite = tokenClient({ token: emulator.data.customer.scopedApiToken });
    expect((await failure(scopedOnSite.listServiceDesks())).code).toBe('auth');
  });

  it('uses the portal session cookie and reports a signed-out session as auth', async () => {
    const login = await fetch(emulator.url('/servicedesk/customer/user/login'), {
      method: 'POST',
      body: new URLSearchParams({
        email: emulator.data.customer.emailAddress,
        password: emulator.data.customer.portalPassword,
      }),
      redirect: 'manual',
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^customer\.account\.session\.token=/);
    // Node's fetch keeps no cookie jar: add the cookie the way the browser would.
    const withCookie: FetchFunction = (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
    const client = createPortalClient({
      fetch: withCookie,
      auth: portalSessionProvider(emulator.origin),
    });
    expect((await client.myself()).displayName).toBe(emulator.data.customer.displayName);
    const signedOut = createPortalClient({
      fetch: nodeFetch,
      auth: portalSessionProvider(emulator.origin),
    });
    const error = await failure(signedOut.listServiceDesks());
    expect(error.code).toBe('auth');
    expect(error.message).toContain('not signed in to the portal');
  });

  it('validates create against the request type fields, in JSM error shape', async () => {
    const client = tokenClient();
    const missing = await failure(
      client.createRequest({
        serviceDeskId: '1',
        requestTypeId: '10',
        requestFieldValues: { summary: 'x' },
      }),
    );
    expect(missing.code).toBe('validation');
    expect(missing.message).toContain("Please provide a valid value for field 'Severity'");
    const bareString = await failure(
      client.createRequest({
        serviceDeskId: '1',
        requestTypeId: '10',
        requestFieldValues: { summary: 'x', customfield_10050: 'P1 - Critical' },
      }),
    );
    expect(bareString.message).toContain("Could not find valid 'id' or 'value'");
    const priority = await client.createRequest({
      serviceDeskId: '1',
      requestTypeId: '12',
      requestFieldValues: {
        summary: 'Raise the quota',
        description: 'To 20 namespaces',
        priority: { id: '2' },
      },
    });
    expect(priority.requestFieldValues?.find((v) => v.fieldId === 'priority')?.value).toMatchObject(
      { name: 'High' },
    );
    const last = emulator.requests().at(-1);
    expect(last?.response?.status).toBe(201);
  });

  it('refuses multipart without the XSRF header, as text', async () => {
    const { customer } = emulator.data;
    const form = new FormData();
    form.append('file', new Blob(['x']), 'a.txt');
    const response = await fetch(
      emulator.url('/rest/servicedeskapi/servicedesk/1/attachTemporaryFile'),
      {
        method: 'POST',
        body: form,
        headers: {
          Authorization: `Basic ${btoa(`${customer.emailAddress}:${customer.apiToken}`)}`,
        },
      },
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('XSRF check failed');
  });

  it('expires temporary attachments', async () => {
    const client = tokenClient();
    const created = await client.createRequest({
      serviceDeskId: '1',
      requestTypeId: '11',
      requestFieldValues: { summary: 'A question' },
    });
    const uploaded = await client.attachTemporaryFiles('1', [
      { name: 'a.txt', data: new Blob(['a']) },
    ]);
    emulator.advanceClock(2 * 60 * 60 * 1000);
    const error = await failure(
      client.attachToRequest(created.issueKey, [
        uploaded.temporaryAttachments[0]?.temporaryAttachmentId ?? '',
      ]),
    );
    expect(error.code).toBe('validation');
    expect(error.message).toContain('expired');
  });

  it('finds my requests by a term in the summary only, as JSM does', async () => {
    const client = tokenClient();
    // The capture reference of the demo request is in its description: searchTerm misses it.
    expect((await client.myRequests({ searchTerm: 'SC-DEMO0001' })).values).toEqual([]);
    const bySummary = await client.myRequests({ searchTerm: 'etcdserver' });
    expect(bySummary.values.map((r) => r.summary)).toEqual([
      "Argo CD sync fails with 'etcdserver: request timed out'",
    ]);
    expect(bySummary.values[0]?.status?.values[0]?.status).toBe('Waiting for support');
    const closed = await client.myRequests({ requestStatus: 'CLOSED_REQUESTS' });
    expect(closed.values.map((r) => r.currentStatus?.statusCategory)).toEqual(['DONE']);
    const one = await client.getRequest(bySummary.values[0]?.issueKey ?? '');
    expect(one.issueKey).toBe(bySummary.values[0]?.issueKey);
    expect(emulator.requests().find((r) => r.route === 'request.list')?.query.expand).toEqual([
      'status',
    ]);
  });

  it('lists lag writes; owned requests of one desk and request type; attachments and transitions', async () => {
    const client = tokenClient();
    emulator.setRealism({ listLagMs: 60_000 });
    const created = await client.createRequest({
      serviceDeskId: '1',
      requestTypeId: '11',
      requestFieldValues: { summary: 'Lagging [SC-LAG001]' },
    });
    const mine = () =>
      client.myRequests({
        requestOwnership: ['OWNED_REQUESTS'],
        serviceDeskId: '1',
        requestTypeId: '11',
        expand: ['attachment'],
      });
    expect((await mine()).values.map((r) => r.issueKey)).not.toContain(created.issueKey);
    emulator.advanceClock(60_000);
    const listed = (await mine()).values;
    expect(listed.map((r) => r.issueKey)).toContain(created.issueKey);
    expect(listed.every((r) => r.requestTypeId === '11')).toBe(true);
    expect(listed.find((r) => r.issueKey === created.issueKey)?.attachments?.values).toEqual([]);
    expect(await client.listAttachments(created.issueKey)).toEqual([]);
    const transitions = await client.listTransitions(created.issueKey);
    expect(transitions.map((t) => t.name)).toContain('Cancel request');
    const cancel = transitions.find((t) => t.name === 'Cancel request');
    await client.performTransition(created.issueKey, cancel?.id ?? '');
    expect((await client.getRequest(created.issueKey)).currentStatus?.statusCategory).toBe('DONE');
    expect(await client.listTransitions(created.issueKey)).toEqual([]);
  });

  it('refuses a summary with a line break or over 255 characters, and text over 32,767', async () => {
    const client = tokenClient();
    const create = (values: Record<string, unknown>) =>
      failure(
        client.createRequest({
          serviceDeskId: '1',
          requestTypeId: '11',
          requestFieldValues: values,
        }),
      );
    expect((await create({ summary: 'two\nlines' })).message).toContain('newline');
    expect((await create({ summary: 'x'.repeat(256) })).code).toBe('validation');
    expect((await create({ summary: 'long', description: 'x'.repeat(32_768) })).message).toContain(
      '32,767',
    );
  });

  it('a scoped token without write:servicedesk-request is refused by the gateway', async () => {
    emulator.setRealism({ tokenScopes: ['read:servicedesk-request', 'read:jira-user'] });
    const client = scopedClient();
    expect((await client.myRequests({})).values.length).toBeGreaterThan(0);
    const error = await failure(
      client.createRequest({
        serviceDeskId: '1',
        requestTypeId: '11',
        requestFieldValues: { summary: 'x' },
      }),
    );
    expect(error.code).toBe('scope');
    expect(error.message).toContain('write:servicedesk-request');
  });

  it('comments, lists participants, searches the knowledge base, reads limits and finds colleagues', async () => {
    const client = tokenClient();
    const [request] = (await client.myRequests({})).values;
    const comment = await client.addComment(request?.issueKey ?? '', 'Still happening.');
    expect(comment.public).toBe(true);
    expect(await client.listParticipants(request?.issueKey ?? '')).toEqual([]);
    const articles = await client.searchKnowledgeBase('grafana password', { serviceDeskId: '1' });
    expect(articles.values[0]?.title).toContain('Grafana');
    expect((await client.searchKnowledgeBase('etcd')).values.length).toBeGreaterThan(0);
    expect(await client.attachmentMeta()).toEqual({ enabled: true, uploadLimit: 10485760 });
    const picker = await client.userPicker('sam');
    expect(picker.users.map((user) => user.accountId)).toEqual([
      emulator.data.colleagues[0]?.accountId,
    ]);
    const info = await client.info();
    expect(info.isLicensedForUse).toBe(true);
  });

  it('refuses participants that are not accountIds', async () => {
    const client = tokenClient();
    const [request] = (await client.myRequests({})).values;
    const error = await failure(
      client.addParticipants(request?.issueKey ?? '', ['sam@customer.example']),
    );
    expect(error.code).toBe('validation');
    expect(error.message).toContain('does not exist');
  });
});

describe('fault switches seen through the client', () => {
  it('maps 5xx, 429, HTML 400, empty 403 and 401 to their codes', async () => {
    const client = tokenClient();
    const path = '/rest/servicedeskapi/servicedesk';
    emulator.setFaults([{ kind: 'status', status: 502, path, times: 1 }]);
    const server = await failure(client.listServiceDesks());
    expect(server.code).toBe('server');
    expect(server.info.portalRequestId).toMatch(/^emu-/);

    emulator.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 42, path, times: 1 }]);
    const limited = await failure(client.listServiceDesks());
    expect(limited.code).toBe('rate-limited');
    expect(limited.info.retryAfterSeconds).toBe(42);

    emulator.setFaults([{ kind: 'html-400', path, times: 1 }]);
    expect((await failure(client.listServiceDesks())).code).toBe('refused');

    emulator.setFaults([{ kind: 'empty-403', path, times: 1 }]);
    expect((await failure(client.listServiceDesks())).code).toBe('forbidden');

    emulator.setFaults([{ kind: 'unauthorized', path, times: 1 }]);
    expect((await failure(client.listServiceDesks())).code).toBe('auth');

    // `times` ran out: the next call works.
    expect((await client.listServiceDesks()).length).toBe(1);
  });

  it('reports a dropped connection as network after the request was committed', async () => {
    const client = tokenClient();
    emulator.setFaults([
      { kind: 'drop-after-commit', method: 'POST', path: '/rest/servicedeskapi/request', times: 1 },
    ]);
    const error = await failure(
      client.createRequest({
        serviceDeskId: '1',
        requestTypeId: '11',
        requestFieldValues: { summary: 'Dropped' },
      }),
    );
    expect(error.code).toBe('network');
    // The portal has the ticket (listed once the index caught up): the outbox must look it
    // up before retrying.
    emulator.advanceClock(5_000);
    const found = await client.myRequests({ searchTerm: 'Dropped' });
    expect(found.values).toHaveLength(1);
  });

  it('times out a slow answer with the timeout code', async () => {
    const client = tokenClient({ timeoutMs: 200 });
    emulator.setFaults([
      { kind: 'latency', latencyMs: 1000, path: '/rest/api/3/myself', times: 1 },
    ]);
    const error = await failure(client.myself());
    expect(error.code).toBe('timeout');
  });
});
