/**
 * Outbox helpers for e2e tests: files put into the extension's IndexedDB, jobs submitted with
 * the `submitJob` message (what the composer sends), job views read back, and the emulator's
 * own record checked for duplicates.
 */
import { expect, type Page } from '@playwright/test';
import type { PortalEmulator } from '../emulator/server.ts';
import type { ExtensionApi } from './browser.ts';

export interface FileSpec {
  name: string;
  size: number;
  type?: string;
}

export interface JobView {
  id: string;
  status: string;
  step: string;
  issueKey: string | null;
  webUrl: string | null;
  lastError: {
    code: string;
    message: string;
    messageKey?: string;
    values?: string[];
    fields?: Record<string, string>;
  } | null;
  nextAttemptAt: number | null;
  participantsAdded: string[];
  sharingNotPermitted: boolean;
  skipped: { name: string; reason: string }[];
  checking: boolean;
  withdrawn: string[];
  progress: { bytesUploaded: number; bytesTotal: number };
}

/** Puts files into the extension's blob store (IndexedDB, same schema as utils/blob-store.ts). */
export async function storeFiles(
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
export async function send<T>(page: Page, type: string, data: unknown): Promise<T> {
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

/** A capture reference unique to the run. */
export function reference(seed: number): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  let out = '';
  let n = seed + Date.now();
  for (let i = 0; i < 6; i++) {
    out += alphabet[n % alphabet.length];
    n = Math.floor(n / alphabet.length);
  }
  return `SC-${out}`;
}

/** Submits a job the way the composer does: the reference in the description and the summary. */
export async function submit(
  page: Page,
  portal: string,
  options: { ref: string; files?: FileSpec[]; participants?: string[]; description?: string },
): Promise<JobView> {
  const attachments = await storeFiles(page, options.files ?? []);
  return send<JobView>(page, 'submitJob', {
    job: {
      portal,
      captureReference: options.ref,
      serviceDeskId: '1',
      requestTypeId: '10',
      requestFieldValues: {
        summary: `Console shows 500 on save [${options.ref}]`,
        description:
          options.description ??
          `Saving the deployment fails.\n\nCapture reference: ${options.ref}`,
        customfield_10050: { id: '10101' },
      },
      summary: 'Console shows 500 on save',
      attachments,
      participants: options.participants ?? [],
    },
  });
}

export async function jobOf(page: Page, id: string): Promise<JobView | undefined> {
  const status = await send<{ jobs: JobView[] }>(page, 'getOutboxStatus', {});
  return status.jobs.find((job) => job.id === id);
}

/** Waits until the job satisfies `done` (its status, or more), and returns it. */
export async function waitForJob(
  page: Page,
  id: string,
  done: (job: JobView) => boolean,
  timeout = 30_000,
): Promise<JobView> {
  let last: JobView | undefined;
  await expect
    .poll(
      async () => {
        last = await jobOf(page, id);
        return last !== undefined && done(last);
      },
      { timeout, intervals: [200, 500, 1000] },
    )
    .toBe(true);
  return last as JobView;
}

/** Requests in the emulator carrying the capture reference in any field. */
export function withReference(target: PortalEmulator, ref: string) {
  return target
    .state()
    .requests.filter((request) => JSON.stringify(request.fieldValues).includes(ref));
}

/**
 * The emulator's own record: exactly one OPEN request with the reference, no file and no
 * participant twice on any of them. Returns the open one and the withdrawn ones.
 */
export function exactlyOnce(target: PortalEmulator, ref: string) {
  const all = withReference(target, ref);
  const open = all.filter((request) => request.statusCategory !== 'DONE');
  expect(open, 'exactly one open request with the capture reference').toHaveLength(1);
  for (const request of all) {
    const names = request.attachments.map((a) => a.filename);
    expect(new Set(names).size, `${request.issueKey}: no file twice`).toBe(names.length);
    expect(new Set(request.participants).size, `${request.issueKey}: no participant twice`).toBe(
      request.participants.length,
    );
  }
  const kept = open[0] as (typeof open)[number];
  return {
    kept,
    attachments: kept.attachments.map((a) => a.filename).sort(),
    withdrawn: all.filter((request) => request !== kept),
  };
}
