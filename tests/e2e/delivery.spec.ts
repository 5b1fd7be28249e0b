/**
 * Delivery through the outbox against the local portal emulator's fault switches: the job is
 * submitted from an extension page with the `submitJob` message (what the composer sends),
 * its files put in the extension's IndexedDB first, and the emulator's own state is checked
 * for duplicates in every case.
 */
import type { Page } from '@playwright/test';
import { connectExtensionToEmulator } from '../emulator/connect.ts';
import { loadDemoData } from '../emulator/data.ts';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import type { ExtensionApi, ExtensionBrowser } from '../support/browser.ts';
import {
  exactlyOnce,
  type FileSpec,
  type JobView,
  jobOf,
  reference,
  send,
  submit as submitJob,
  waitForJob,
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

/** Request times as the emulator received them (its record has no clock of its own). */
function stampArrivals(target: PortalEmulator): { path: string; method: string; at: number }[] {
  const arrivals: { path: string; method: string; at: number }[] = [];
  const record = target.requests();
  const push = record.push.bind(record);
  record.push = (...items) => {
    for (const item of items)
      arrivals.push({ path: item.path, method: item.method, at: Date.now() });
    return push(...items);
  };
  return arrivals;
}

function person(account: { accountId: string; displayName: string }) {
  return { accountId: account.accountId, displayName: account.displayName };
}

/** Submits a job to this portal the way the composer does (tests/support/outbox.ts). */
function submit(
  page: Page,
  target: Pick<PortalEmulator, 'origin'>,
  options: { ref: string; files?: FileSpec[]; participants?: string[] },
): Promise<JobView> {
  return submitJob(page, target.origin, options);
}

const waitForStatus = (page: Page, id: string, status: string, timeout?: number) =>
  waitForJob(page, id, (job) => job.status === status, timeout);

/** The emulator's own record: exactly one request with the reference, nothing doubled. */
function delivered(target: PortalEmulator, ref: string) {
  const { kept, attachments } = exactlyOnce(target, ref);
  return { issueKey: kept.issueKey, attachments, participants: kept.participants };
}

async function setUp(
  extension: ExtensionBrowser,
  openExtensionPage: (path: string) => Promise<Page>,
  target = emulator,
) {
  await connectExtensionToEmulator(extension, target);
  return openExtensionPage('options.html');
}

test('portal unreachable at submit: the job waits, then exactly one request with everything', async ({
  extension,
  openExtensionPage,
}) => {
  // A second emulator on a port that is closed at submit time, opened again later.
  const offline = await startPortalEmulator();
  const port = Number(new URL(offline.origin).port);
  await offline.close();
  const page = await setUp(extension, openExtensionPage, {
    ...emulator,
    origin: `http://127.0.0.1:${port}`,
  } as PortalEmulator);
  const ref = reference(1);
  const [colleague] = emulator.data.colleagues;
  const job = await submit(page, { origin: `http://127.0.0.1:${port}` } as PortalEmulator, {
    ref,
    files: [
      { name: 'screenshot.png', size: 20_000 },
      { name: 'console.txt', size: 300, type: 'text/plain' },
    ],
    participants: [colleague?.accountId ?? ''],
  });
  const waiting = await waitForStatus(page, job.id, 'waiting-retry');
  expect(waiting.lastError?.code).toBe('network');
  // The badge shows the job waiting.
  const badge = await page.evaluate(() =>
    (globalThis as unknown as { chrome: ExtensionApi }).chrome.action.getBadgeText({}),
  );
  expect(badge).toBe('1');

  const back = await startPortalEmulator({ port });
  try {
    const done = await waitForStatus(page, job.id, 'delivered', 45_000);
    expect(done.issueKey).toMatch(/^SUP-\d+$/);
    expect(delivered(back, ref)).toMatchObject({
      attachments: ['console.txt', 'screenshot.png'],
      participants: [colleague?.accountId],
    });
    const creates = back.requests().filter((r) => r.route === 'request.create');
    expect(creates).toHaveLength(1);
  } finally {
    await back.close();
  }
});

test('500 on the attach step: retried; one request, every attachment once', async ({
  extension,
  openExtensionPage,
}) => {
  const page = await setUp(extension, openExtensionPage);
  emulator.setFaults([
    { kind: 'status', status: 500, method: 'POST', path: '/attachment', times: 1 },
  ]);
  const ref = reference(2);
  const job = await submit(page, emulator, {
    ref,
    files: [
      { name: 'screenshot.png', size: 30_000 },
      { name: 'full-page.png', size: 60_000 },
      { name: 'console.txt', size: 500, type: 'text/plain' },
    ],
  });
  await waitForStatus(page, job.id, 'delivered');
  expect(delivered(emulator, ref).attachments).toEqual([
    'console.txt',
    'full-page.png',
    'screenshot.png',
  ]);
  const attaches = emulator
    .requests()
    .filter((r) => r.method === 'POST' && r.path.endsWith('/attachment'));
  expect(attaches.map((r) => r.fault ?? r.response?.status)).toEqual(['status', 201]);

  // "Filed as SUP-n": the notification, and the report with the text and files in one page.
  const done = (await jobOf(page, job.id)) as JobView;
  const notifications = await page.evaluate(() =>
    (globalThis as unknown as { chrome: ExtensionApi }).chrome.notifications.getAll(),
  );
  expect(Object.keys(notifications)).toContain(`outbox:${job.id}`);
  const report = await send<{ fileName: string; content: string }>(page, 'downloadReport', {
    id: job.id,
  });
  expect(report.fileName).toBe(`support-report-${done.issueKey}.html`);
  expect(report.content).toContain(`Capture reference: ${ref}`);
  expect(report.content).toContain('<img src="data:image/png;base64,');
  expect(report.content).toContain('<a download="console.txt"');
});

test('429 with Retry-After: 2 on create: no new attempt before 2 s; delivered once', async ({
  extension,
  openExtensionPage,
}) => {
  const page = await setUp(extension, openExtensionPage);
  const arrivals = stampArrivals(emulator);
  emulator.setFaults([
    {
      kind: 'rate-limit',
      retryAfterSeconds: 2,
      method: 'POST',
      path: '/rest/servicedeskapi/request',
      times: 1,
    },
  ]);
  const ref = reference(3);
  const job = await submit(page, emulator, {
    ref,
    files: [{ name: 'screenshot.png', size: 10_000 }],
  });
  await waitForStatus(page, job.id, 'delivered');
  delivered(emulator, ref);
  const creates = arrivals.filter(
    (a) => a.method === 'POST' && a.path === '/rest/servicedeskapi/request',
  );
  expect(creates).toHaveLength(2);
  const [first, second] = creates as [(typeof creates)[number], (typeof creates)[number]];
  // Arrival times at the emulator: the second create came no sooner than Retry-After.
  expect(second.at - first.at).toBeGreaterThanOrEqual(2000);
});

test('connection dropped after the portal committed the create: exactly one request', async ({
  extension,
  openExtensionPage,
}) => {
  const page = await setUp(extension, openExtensionPage);
  emulator.setFaults([
    { kind: 'drop-after-commit', method: 'POST', path: '/rest/servicedeskapi/request', times: 1 },
  ]);
  const ref = reference(4);
  const job = await submit(page, emulator, {
    ref,
    files: [{ name: 'screenshot.png', size: 10_000 }],
    participants: [emulator.data.colleagues[0]?.accountId ?? ''],
  });
  const done = await waitForStatus(page, job.id, 'delivered');
  const record = delivered(emulator, ref);
  expect(done.issueKey).toBe(record.issueKey);
  expect(record.attachments).toEqual(['screenshot.png']);
  expect(emulator.requests().filter((r) => r.route === 'request.create')).toHaveLength(1);
  // It looked for the reference among the user's requests instead of filing again.
  expect(emulator.requests().some((r) => r.route === 'request.list')).toBe(true);
});

test('the worker stopped in the middle of uploads: the job resumes and completes once', async ({
  extension,
  openExtensionPage,
}) => {
  const page = await setUp(extension, openExtensionPage);
  const arrivals = stampArrivals(emulator);
  // Slow uploads, so the worker can be stopped while the second upload call is in flight.
  emulator.setFaults([{ kind: 'latency', latencyMs: 3000, path: 'attachTemporaryFile', times: 2 }]);
  const ref = reference(5);
  const mb = 1024 * 1024;
  const job = await submit(page, emulator, {
    ref,
    // 1 + 1 MiB fit one call (2 MiB per call, sized to a slow uplink), the third file goes
    // in a second call.
    files: [
      { name: 'one.png', size: mb },
      { name: 'two.png', size: mb },
      { name: 'three.png', size: mb },
    ],
  });
  const uploads = () => arrivals.filter((a) => a.path.endsWith('/attachTemporaryFile'));
  await expect.poll(() => uploads().length, { timeout: 20_000 }).toBe(2);

  // Stop the extension's service worker through the DevTools protocol.
  const cdp = await extension.context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (
        versions.some(
          (v) => v.scriptURL.endsWith('/background.js') && v.runningStatus === 'stopped',
        )
      )
        resolve();
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  emulator.setFaults([]);
  const stored = await page.evaluate(async (id) => {
    const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
    const { outboxJobs } = await api.storage.local.get('outboxJobs');
    return (outboxJobs as Record<string, { status: string; result: { uploads: unknown[] } }>)[id];
  }, job.id);
  // What survived the stop: the job, still marked running, with the first call's uploads.
  expect(stored?.status).toBe('running');
  expect(stored?.result.uploads).toHaveLength(2);

  // Opening an extension page (the popup) starts the worker again; it resumes the job.
  await waitForStatus(page, job.id, 'delivered', 45_000);
  expect(delivered(emulator, ref).attachments).toEqual(['one.png', 'three.png', 'two.png']);
  // The first call's files were not uploaded again; only the interrupted call was redone.
  expect(uploads()).toHaveLength(3);
});

test('401 in the middle: the job pauses, the user signs in again, it completes; nothing lost', async ({
  extension,
  openExtensionPage,
}) => {
  const page = await setUp(extension, openExtensionPage);
  emulator.setFaults([{ kind: 'unauthorized', method: 'POST', path: '/attachment', times: 1 }]);
  const ref = reference(6);
  const job = await submit(page, emulator, {
    ref,
    files: [
      { name: 'screenshot.png', size: 10_000 },
      { name: 'console.txt', size: 300, type: 'text/plain' },
    ],
    participants: [emulator.data.colleagues[1]?.accountId ?? ''],
  });
  const paused = await waitForStatus(page, job.id, 'paused-auth');
  expect(paused.issueKey).toMatch(/^SUP-/);
  const badge = await page.evaluate(() =>
    (globalThis as unknown as { chrome: ExtensionApi }).chrome.action.getBadgeText({}),
  );
  expect(badge).toBe('!');
  const status = await send<{ signInNeeded: boolean }>(page, 'getOutboxStatus', {});
  expect(status.signInNeeded).toBe(true);

  // The user signs in again: "Test connection" succeeds in the options, which resumes the job.
  await send(page, 'testConnection', {});
  await waitForStatus(page, job.id, 'delivered');
  expect(delivered(emulator, ref)).toMatchObject({
    issueKey: paused.issueKey,
    attachments: ['console.txt', 'screenshot.png'],
    participants: [emulator.data.colleagues[1]?.accountId],
  });
  expect(emulator.requests().filter((r) => r.route === 'request.create')).toHaveLength(1);
});

test('sharing adds the chosen colleagues once; without permission the job says so', async ({
  extension,
  openExtensionPage,
}) => {
  const page = await setUp(extension, openExtensionPage);
  const [sam, alex] = emulator.data.colleagues;
  if (!sam || !alex) throw new Error('The demo data has two colleagues.');
  const ref = reference(7);
  const job = await submit(page, emulator, { ref, participants: [sam.accountId] });
  await waitForStatus(page, job.id, 'delivered');
  // "Share with colleagues" after submit: Alex, and Sam again (already a participant).
  // Alex is found by name through the portal's user picker.
  const found = await send<{ people: { accountId: string; displayName: string }[] }>(
    page,
    'findPeople',
    {
      query: 'Alex',
    },
  );
  expect(found.people).toEqual([person(alex)]);
  const outcome = await send(page, 'shareRequest', {
    id: job.id,
    people: [person(alex), person(sam)],
  });
  expect(outcome).toEqual({
    added: [alex.accountId, sam.accountId],
    rejected: [],
    notPermitted: false,
  });
  // Both are offered again next time.
  const saved = await send<{ colleagues: unknown[] }>(page, 'listColleagues', {});
  expect(saved.colleagues).toEqual([person(alex), person(sam)]);
  expect(delivered(emulator, ref).participants.sort()).toEqual(
    [alex.accountId, sam.accountId].sort(),
  );

  // A portal whose customers may not add participants.
  const data = loadDemoData();
  for (const desk of data.serviceDesks) desk.canAddRequestParticipants = false;
  // Nor share through the portal's own sharing (the fallback after a refused participant).
  const strict = await startPortalEmulator({ data, refuse: ['portal.share'] });
  try {
    await connectExtensionToEmulator(extension, strict);
    const strictRef = reference(8);
    const refused = await submit(page, strict, { ref: strictRef, participants: [sam.accountId] });
    const done = await waitForStatus(page, refused.id, 'delivered');
    expect(done.sharingNotPermitted).toBe(true);
    expect(delivered(strict, strictRef).participants).toEqual([]);
    const again = await send(page, 'shareRequest', { id: refused.id, people: [person(alex)] });
    expect(again).toMatchObject({ notPermitted: true, added: [] });
  } finally {
    await strict.close();
  }
});
