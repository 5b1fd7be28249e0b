/**
 * Exactly once against a portal that behaves like JSM Cloud (tests/emulator/realism.ts):
 * Chromium's own re-send of a create whose kept-alive connection dropped after the commit,
 * request lists that lag writes, an unreachable portal, edge HTML refusals, a scoped token
 * without the write scope, and answers the client cannot read. In every case the emulator's
 * own record is checked: one open request, no file twice, no participant twice.
 *
 * The e2e build waits seconds where a real build waits minutes for the portal's index
 * (E2E_TIMINGS in utils/outbox/retry-policy.ts: first look 3 s after the create, once more
 * after 20 s); the emulator's list lag is set per case below those.
 */
import type { Page } from '@playwright/test';
import { connectExtensionToEmulator } from '../emulator/connect.ts';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import {
  type ExtensionApi,
  type ExtensionBrowser,
  openSection,
  reloadUntilCaptured,
  setExtensionStorage,
} from '../support/browser.ts';
import {
  exactlyOnce,
  jobOf,
  reference,
  send,
  submit,
  waitForJob,
  withReference,
} from '../support/outbox.ts';
import { expect, test } from './fixtures';

let emulator: PortalEmulator;

test.beforeAll(async () => {
  emulator = await startPortalEmulator();
});
test.afterAll(async () => {
  await emulator.close();
});
test.beforeEach(() => {
  emulator.reset();
});

const CREATE = '/rest/servicedeskapi/request';
const FIRST_ERROR = 'Failed to load cluster operators: 503 Service Unavailable';

const settled = (job: { status: string; checking: boolean }) =>
  job.status === 'delivered' && !job.checking;

function creates(target: PortalEmulator) {
  return target.requests().filter((r) => r.method === 'POST' && r.path.endsWith(CREATE));
}

async function setUp(
  extension: ExtensionBrowser,
  openExtensionPage: (path: string) => Promise<Page>,
  target: PortalEmulator = emulator,
) {
  await connectExtensionToEmulator(extension, target);
  const page = await openExtensionPage('options.html');
  // The worker talks to the portal once, so its connection is kept alive for the create.
  await send(page, 'testConnection', {});
  return page;
}

/** The withdrawn copy: a public comment naming the kept key, cancelled by the transition. */
function expectWithdrawn(withdrawn: ReturnType<typeof exactlyOnce>['withdrawn'], keptKey: string) {
  expect(withdrawn).toHaveLength(1);
  const [other] = withdrawn;
  expect(other?.comments.some((c) => c.public && c.body.includes(`duplicate of ${keptKey}`))).toBe(
    true,
  );
  expect(other?.transitions.map((t) => t.id)).toEqual(['851']);
  expect(other?.status).toBe('Canceled');
  expect(other?.attachments).toEqual([]);
}

test('1: create committed, then the kept-alive connection dropped: the browser re-sends; one request stays open, the popup shows it', async ({
  extension,
  consoleServer,
  allowOrigin,
  openPopup,
}) => {
  // The duplicate check confirms 20 s after the create (E2E_TIMINGS); the composer comes first.
  test.setTimeout(120_000);
  emulator.setRealism({ listLagMs: 3_000 });
  await connectExtensionToEmulator(extension, emulator);
  const page = await extension.context.newPage();
  await page.goto(consoleServer.url('/console'));
  await allowOrigin(page);
  await reloadUntilCaptured(extension, page, FIRST_ERROR);
  const popup = await openPopup(page);
  await openSection(popup, 'Portal fields');
  await expect(
    popup.getByRole('table', { name: "How the request fills the portal's fields" }),
  ).toBeVisible();
  await popup.getByLabel('Impact', { exact: true }).fill('Deployments cannot be scaled.');
  await popup.getByRole('radio', { name: /^P2/ }).check();
  emulator.setFaults([{ kind: 'drop-kept-alive', method: 'POST', path: CREATE, times: 1 }]);
  await popup.getByRole('button', { name: 'Submit request' }).click();
  await popup.getByRole('button', { name: 'Send request' }).click();

  const filed = popup.getByRole('region', { name: 'Request filed' });
  await expect(filed).toContainText(/Filed as [A-Z]+-\d+/, { timeout: 20_000 });
  // The create arrived twice: the first on a kept-alive connection that was closed after the
  // commit, the second sent by Chromium itself; the extension saw only the second answer.
  const posts = creates(emulator);
  expect(posts).toHaveLength(2);
  expect(posts[0]?.fault).toBe('drop-kept-alive');
  expect(posts[0]?.reusedConnection).toBe(true);
  expect(posts[1]?.response?.status).toBe(201);

  // After the index caught up: the copy without the screenshot is withdrawn.
  await expect(filed).toContainText(/duplicate [A-Z]+-\d+ was withdrawn/, { timeout: 40_000 });
  const ref = /SC-[0-9A-Z]{6}/.exec(JSON.stringify(emulator.state().requests.at(-1)))?.[0] ?? '';
  const record = exactlyOnce(emulator, ref);
  expect(record.attachments.length).toBeGreaterThan(0);
  expectWithdrawn(record.withdrawn, record.kept.issueKey);
  await expect(filed).toContainText(`Filed as ${record.kept.issueKey}`);
  await expect(filed.getByRole('link', { name: record.kept.issueKey })).toBeVisible();
  // "My requests" names the kept one and says its duplicate was withdrawn.
  await expect(popup.getByRole('region', { name: 'My requests' })).toContainText(
    `(duplicate ${record.withdrawn[0]?.issueKey} withdrawn)`,
    { timeout: 10_000 },
  );
});

test('2: the same with request lists lagging 15 s behind writes', async ({
  extension,
  openExtensionPage,
}) => {
  test.setTimeout(120_000);
  emulator.setRealism({ listLagMs: 15_000 });
  const page = await setUp(extension, openExtensionPage);
  emulator.setFaults([{ kind: 'drop-kept-alive', method: 'POST', path: CREATE, times: 1 }]);
  const ref = reference(21);
  const [colleague] = emulator.data.colleagues;
  const job = await submit(page, emulator.origin, {
    ref,
    files: [
      { name: 'screenshot.png', size: 40_000 },
      { name: 'console.txt', size: 400, type: 'text/plain' },
    ],
    participants: [colleague?.accountId ?? ''],
  });
  const first = await waitForJob(page, job.id, (j) => j.status === 'delivered');
  expect(first.checking).toBe(true);
  expect(creates(emulator)).toHaveLength(2);
  const done = await waitForJob(page, job.id, settled, 45_000);
  const record = exactlyOnce(emulator, ref);
  expect(done.issueKey).toBe(record.kept.issueKey);
  expect(done.withdrawn).toEqual([record.withdrawn[0]?.issueKey]);
  expect(record.attachments).toEqual(['console.txt', 'screenshot.png']);
  expect(record.kept.participants).toEqual([colleague?.accountId]);
  expectWithdrawn(record.withdrawn, record.kept.issueKey);
  // The first look found nothing (the index was behind); the second found both.
  const looks = emulator
    .requests()
    .filter(
      (r) => r.route === 'request.list' && r.query.requestOwnership?.[0] === 'OWNED_REQUESTS',
    );
  expect(looks.length).toBeGreaterThanOrEqual(2);
  expect(looks[0]?.query).toMatchObject({ serviceDeskId: ['1'], requestTypeId: ['10'] });
  // The notification names the kept request and the withdrawn duplicate.
  const notifications = await page.evaluate(() =>
    (globalThis as unknown as { chrome: ExtensionApi }).chrome.notifications.getAll(),
  );
  expect(Object.keys(notifications)).toContain(`outbox:${job.id}`);
});

test('3: portal unreachable at submit, then back, with lists lagging: exactly one request', async ({
  extension,
  openExtensionPage,
}) => {
  const offline = await startPortalEmulator();
  const port = Number(new URL(offline.origin).port);
  await offline.close();
  const origin = `http://127.0.0.1:${port}`;
  await connectExtensionToEmulator(extension, { ...emulator, origin } as PortalEmulator);
  const page = await openExtensionPage('options.html');
  const ref = reference(31);
  const job = await submit(page, origin, {
    ref,
    files: [{ name: 'screenshot.png', size: 20_000 }],
  });
  const waiting = await waitForJob(page, job.id, (j) => j.status === 'waiting-retry');
  expect(waiting.lastError?.code).toBe('network');

  const back = await startPortalEmulator({ port, realism: { listLagMs: 5_000 } });
  try {
    const done = await waitForJob(page, job.id, settled, 50_000);
    const record = exactlyOnce(back, ref);
    expect(withReference(back, ref)).toHaveLength(1);
    expect(done.issueKey).toBe(record.kept.issueKey);
    expect(record.attachments).toEqual(['screenshot.png']);
    expect(creates(back)).toHaveLength(1);
  } finally {
    await back.close();
  }
});

test('4: an edge HTML 400 on create: no second create, the draft comes back with a clear message; an HTML 413 on upload names the file and delivers the rest', async ({
  extension,
  openExtensionPage,
}) => {
  const page = await setUp(extension, openExtensionPage);
  emulator.setFaults([{ kind: 'html-400', method: 'POST', path: CREATE, times: 1 }]);
  const ref = reference(41);
  const refused = await submit(page, emulator.origin, { ref });
  const edit = await waitForJob(page, refused.id, (j) => j.status === 'needs-edit');
  expect(edit.lastError).toMatchObject({
    code: 'refused',
    messageKey: 'error_refusedCreate',
    values: ['description', expect.stringMatching(/^emu-/)],
  });
  await page.waitForTimeout(4_000);
  expect(creates(emulator)).toHaveLength(1);
  expect(withReference(emulator, ref)).toHaveLength(0);

  // The edge refuses the upload that carries the big file (twice: with the others, then alone).
  emulator.setFaults([{ kind: 'html-413', method: 'POST', path: 'attachTemporaryFile', times: 2 }]);
  const ref2 = reference(42);
  const job = await submit(page, emulator.origin, {
    ref: ref2,
    files: [
      { name: 'full-page.png', size: 900_000 },
      { name: 'screenshot.png', size: 20_000 },
    ],
  });
  const done = await waitForJob(page, job.id, settled, 45_000);
  expect(done.skipped.map((s) => s.name)).toEqual(['full-page.png']);
  expect(done.skipped[0]?.reason).toMatch(/too large \(HTTP 413\)/);
  expect(exactlyOnce(emulator, ref2).attachments).toEqual(['screenshot.png']);
});

test('5: a scoped token without write:servicedesk-request: the user is told which scopes; not retried on a timer', async ({
  extension,
  openExtensionPage,
}) => {
  emulator.setRealism({
    tokenScopes: ['read:servicedesk-request', 'read:jira-user', 'read:jira-work'],
  });
  const { customer, site } = emulator.data;
  await setExtensionStorage(extension, {
    portalSettings: {
      portalUrl: emulator.origin,
      authMethod: 'api-token',
      email: customer.emailAddress,
      tokenKind: 'scoped',
    },
    portalCredentials: { apiToken: customer.scopedApiToken, cloudId: site.cloudId },
  });
  const page = await openExtensionPage('options.html');
  const ref = reference(51);
  const job = await submit(page, emulator.origin, { ref });
  const failed = await waitForJob(page, job.id, (j) => j.status === 'failed');
  expect(failed.lastError?.code).toBe('scope');
  expect(failed.lastError?.messageKey).toBe('error_scope');
  expect(failed.lastError?.values?.[0]).toContain('write:servicedesk-request');
  expect(failed.nextAttemptAt).toBeNull();
  const refusals = creates(emulator);
  expect(refusals).toHaveLength(1);
  expect(refusals[0]?.response).toMatchObject({
    status: 401,
    body: { code: 401, message: 'Unauthorized; scope does not match' },
  });
  // Nothing more on a timer.
  await page.waitForTimeout(5_000);
  expect(creates(emulator)).toHaveLength(1);
  expect((await jobOf(page, job.id))?.status).toBe('failed');
  expect(withReference(emulator, ref)).toHaveLength(0);
});

test('6: an answer the client cannot read, past the cap: the job ends failed and offers the report', async ({
  extension,
  openExtensionPage,
}) => {
  const page = await setUp(extension, openExtensionPage);
  emulator.setFaults([{ kind: 'unreadable-200', method: 'POST', path: 'attachTemporaryFile' }]);
  const ref = reference(61);
  const job = await submit(page, emulator.origin, {
    ref,
    files: [{ name: 'screenshot.png', size: 10_000 }],
  });
  const failed = await waitForJob(page, job.id, (j) => j.status === 'failed', 45_000);
  expect(failed.lastError).toMatchObject({
    code: 'unexpected-response',
    messageKey: 'error_unreadableCap',
  });
  expect(failed.nextAttemptAt).toBeNull();
  const uploads = emulator.requests().filter((r) => r.path.endsWith('/attachTemporaryFile'));
  expect(uploads).toHaveLength(5);
  const report = await send<{ fileName: string; content: string }>(page, 'downloadReport', {
    id: job.id,
  });
  expect(report.content).toContain(`Capture reference: ${ref}`);
  // The request itself was filed once; its file is in the report.
  expect(exactlyOnce(emulator, ref).attachments).toEqual([]);
  expect(report.content).toContain('screenshot.png');
});
