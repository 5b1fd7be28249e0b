/**
 * Draft persistence: read, save, discard and clean up drafts in `storage.local`, and a
 * debounced autosave for the popup, which dies whenever it loses focus
 * (https://developer.chrome.com/docs/extensions/develop/ui/add-popup).
 */
import { outboxJobsItem } from '../outbox/items';
import { composerDraftsItem } from './items';

const readRecords = async () => parseDraftRecords(await composerDraftsItem.get());

import type { Draft } from '../ticket/draft';
import {
  type DraftRecord,
  type DraftRecords,
  deliveredReferences,
  findDraftRecord,
  parseDraftRecords,
  putDraftRecord,
  withoutDrafts,
} from './draft-record';

export async function loadDraftRecord(
  tabId: number,
  url: string,
  isTabOpen?: (tabId: number) => boolean,
  /** The stored drafts, when the caller started reading them before it knew the URL. */
  recordsRead: Promise<DraftRecords> = readRecords(),
): Promise<DraftRecord | undefined> {
  return findDraftRecord(await recordsRead, tabId, url, isTabOpen);
}

/** The stored drafts as they are now (for `loadDraftRecord`). */
export const readDraftRecords = readRecords;

// Writes of one context run one after another, so a slow read cannot undo a newer write.
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export function saveDraftRecord(record: DraftRecord): Promise<void> {
  return serially(async () => {
    await composerDraftsItem.set(putDraftRecord(await readRecords(), record));
  });
}

export function discardDraft(captureRef: string): Promise<void> {
  return serially(async () => {
    await composerDraftsItem.set(withoutDrafts(await readRecords(), [captureRef]));
  });
}

/** Rewrites the stored drafts in one step (the background re-keys them at browser start-up). */
export function rewriteDraftRecords(
  change: (records: DraftRecords) => DraftRecords,
): Promise<{ before: DraftRecords; after: DraftRecords }> {
  return serially(async () => {
    const before = await readRecords();
    const after = change(before);
    await composerDraftsItem.set(after);
    return { before, after };
  });
}

/** Removes the drafts whose request the outbox delivered (the background runs this). */
function removeDeliveredDrafts(jobs: Readonly<Record<string, unknown>>): Promise<void> {
  const refs = deliveredReferences(jobs);
  if (refs.length === 0) return Promise.resolve();
  return serially(async () => {
    const records = await readRecords();
    const next = withoutDrafts(records, refs);
    if (Object.keys(next).length !== Object.keys(records).length)
      await composerDraftsItem.set(next);
  });
}

/** Background wiring: drafts go once delivered, also for deliveries that finished earlier. */
export function watchDeliveriesForDrafts(): void {
  void outboxJobsItem.get().then(removeDeliveredDrafts);
  outboxJobsItem.watch((jobs) => void removeDeliveredDrafts(jobs));
}

interface Autosave {
  /** Saves `draft` after the delay, replacing a pending save. */
  schedule(draft: Draft): void;
  /** Saves a pending draft now (page hidden or closing). */
  flush(): Promise<void>;
  /** Drops a pending save (the draft was discarded or sent). */
  cancel(): void;
}

export function createAutosave(
  save: (draft: Draft) => Promise<void>,
  delayMs = 300,
  timers: {
    set: (callback: () => void, ms: number) => unknown;
    clear: (handle: unknown) => void;
  } = {
    set: (callback, ms) => setTimeout(callback, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): Autosave {
  let pending: Draft | undefined;
  let timer: unknown;
  const flush = async () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
    const draft = pending;
    pending = undefined;
    if (draft) await save(draft);
  };
  return {
    schedule(draft) {
      pending = draft;
      if (timer !== undefined) timers.clear(timer);
      timer = timers.set(() => void flush(), delayMs);
    },
    flush,
    cancel() {
      if (timer !== undefined) timers.clear(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
