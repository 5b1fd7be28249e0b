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

const SUMMARY_FIELD = 'summary';
const SEVERITY_FIELD = 'customfield_10050';

interface FileSpec {
  name: string;
  size: number;
  type?: string;
}

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

/** Puts files into the extension's blob store (IndexedDB, same schema as utils/blob-store.ts). */
async function storeFiles(
  page: Page,
  files: FileSpec[],
): Promise<{ blobId: string; name: string; size: number; type: string }[]> {
  return page.evaluate(async (specs) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('support-capture', 1);
      open.onupgradeneeded = () => {
        const store = open.result.createObjectStore('blobs', { keyPath: 'id' });
        store.createIndex('owner', 'owner');
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const refs = specs.map((spec, index) => {
      const bytes = new Uint8Array(spec.size);
      for (let i = 0; i < bytes.length; i += 997) bytes[i] = (i + index) % 251;
      const type = spec.type ?? 'image/png';
      return {
        record: {
          id: crypto.randomUUID(),
          owner: 'tab:e2e',
          name: spec.name,
          type,
          size: spec.size,
          createdAt: Date.now(),
          blob: new Blob([bytes], { type }),
        },
        ref: { name: spec.name, size: spec.size, type },
      };
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('blobs', 'readwrite');
      for (const { record } of refs) tx.objectStore('blobs').put(record);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return refs.map(({ record, ref }) => ({ blobId: record.id, ...ref }));
  }, files);
}

/** Sends one protocol message from an extension page and returns the reply's value. */
async function send<T>(page: Page, type: string, data: unknown): Promise<T> {
  const reply = await page.evaluate(
    async (envelope) => {
      const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
      return api.runtime.sendMessage(envelope);
    },
    { type, data },
  );
  const typed = reply as { ok: boolean; value?: T; error?: { message: string } };
  if (!typed.ok) throw new Error(`${type}: ${typed.error?.message}`);
  return typed.value as T;
}

interface JobView {
  id: string;
  status: string;
  step: string;
  issueKey: string | null;
  webUrl: string | null;
  lastError: { code: string; message: string } | null;
  participantsAdded: string[];
  sharingNotPermitted: boolean;
  progress: { bytesUploaded: number; bytesTotal: number };
}

function reference(seed: number): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  let out = '';
  let n = seed + Date.now();
  for (let i = 0; i < 6; i++) {
    out += alphabet[n % alphabet.length];
    n = Math.floor(n / alphabet.length);
  }
  return `SC-${out}`;
}

async function submit(
  page: Page,
  target: PortalEmulator,
  options: { ref: string; files?: FileSpec[]; participants?: string[] },
): Promise<JobView> {
  const attachments = await storeFiles(page, options.files ?? []);
  return send<JobView>(page, 'submitJob', {
    job: {
      portal: target.origin,
      captureReference: options.ref,
      serviceDeskId: '1',
      requestTypeId: '10',
      requestFieldValues: {
        [SUMMARY_FIELD]: `Console shows 500 on save (${options.ref})`,
        description: `Saving the deployment fails.\n\nCapture reference: ${options.ref}`,
        [SEVERITY_FIELD]: { id: '10101' },
      },
      summary: 'Console shows 500 on save',
      attachments,
      participants: options.participants ?? [],
    },
  });
}

async function jobOf(page: Page, id: string): Promise<JobView | undefined> {
  const status = await send<{ jobs: JobView[] }>(page, 'getOutboxStatus', {});
  return status.jobs.find((job) => job.id === id);
}

async function waitForStatus(
  page: Page,
  id: string,
  status: string,
  timeout = 30_000,
): Promise<JobView> {
  await expect
    .poll(async () => (await jobOf(page, id))?.status, { timeout, intervals: [200, 500, 1000] })
    .toBe(status);
  return (await jobOf(page, id)) as JobView;
}

/** The emulator's own record: exactly one request with the reference, nothing doubled. */
function delivered(target: PortalEmulator, ref: string) {
  const requests = target
    .state()
    .requests.filter((request) => String(request.fieldValues.description ?? '').includes(ref));
  expect(requests, 'exactly one request with the capture reference').toHaveLength(1);
  const request = requests[0] as (typeof requests)[number];
  const names = request.attachments.map((a) => a.filename);
  expect(new Set(names).size, 'no attachment twice').toBe(names.length);
  expect(new Set(request.participants).size, 'no participant twice').toBe(
    request.participants.length,
  );
  return {
    issueKey: request.issueKey,
    attachments: names.sort(),
    participants: request.participants,
  };
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
