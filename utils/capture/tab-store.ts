/**
 * The background's per-tab history in `storage.session`: the page events each content script
 * forwards (so a tab keeps its last events across full navigations) and the failed requests
 * the webRequest observer sees. Writes of one tab are serialised, so concurrent messages
 * cannot lose each other's updates.
 */
import { browser } from 'wxt/browser';
import { redactToFit } from '../privacy/redact';
import { type StorageFailure, storageFailureOf, storageWriteError } from '../storage-errors';
import { eventKey } from './event-fit';
import { addFailedRequest, type FailedRequest } from './failed-request';
import { tabCaptureItem } from './items';
import { redactEvent } from './page-context';
import { LIMITS, type PageEvent } from './page-event';
import { sizeOf } from './ring-buffer';
import {
  MAX_PAGE_LOADS,
  MAX_TAB_BYTES,
  MAX_TAB_EVENTS,
  type PageEventsForward,
  type PageLoad,
  type TabRecord,
} from './tab-record';

const queues = new Map<number, Promise<unknown>>();
/** Tabs whose last history write failed, and how: the popup says so (utils/storage-errors.ts). */
const failedWrites = new Map<number, StorageFailure>();

/** How the last write of `tabId`'s history failed; undefined once a write succeeds again. */
export function historyWriteFailure(tabId: number): StorageFailure | undefined {
  return failedWrites.get(tabId);
}

function serialised<T>(tabId: number, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(tabId) ?? Promise.resolve();
  const next = previous.then(run, run);
  const settled = next.catch(() => undefined);
  queues.set(tabId, settled);
  void settled.then(() => {
    if (queues.get(tabId) === settled) queues.delete(tabId);
  });
  return next;
}

/**
 * What all tabs' records may take of `storage.session` together. Chrome gives the area 10 MB
 * (https://developer.chrome.com/docs/extensions/reference/api/storage#property-session); the
 * rest is left for screenshots' lists and the other session items.
 */
export const SESSION_CAPTURE_BUDGET = 6 * 1024 * 1024;

const TAB_KEY = /^tabCapture:(\d+)$/;

/** When a record was last added to: its newest page load, or its newest failed request. */
function lastActivity(record: TabRecord): number {
  let last = 0;
  for (const load of record.loads) last = Math.max(last, load.since);
  for (const request of record.requests) last = Math.max(last, request.time);
  return last;
}

const encoder = new TextEncoder();
/** Bytes as the storage area counts them: the JSON of the value. */
function bytesOf(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

/**
 * The other tabs' records to drop so that all of them, with `tabId`'s next record of
 * `nextBytes`, fit the budget: the least recently active first.
 */
export function tabsToEvict(
  records: ReadonlyMap<number, { bytes: number; lastActivity: number }>,
  tabId: number,
  nextBytes: number,
  budget: number = SESSION_CAPTURE_BUDGET,
): number[] {
  let total = nextBytes;
  const others = [...records].filter(([id]) => id !== tabId);
  for (const [, info] of others) total += info.bytes;
  const evict: number[] = [];
  for (const [id, info] of others.sort((a, b) => a[1].lastActivity - b[1].lastActivity)) {
    if (total <= budget) break;
    evict.push(id);
    total -= info.bytes;
  }
  return evict;
}

async function makeRoom(tabId: number, next: TabRecord): Promise<void> {
  const all = await browser.storage.session.get(null);
  const records = new Map<number, { bytes: number; lastActivity: number }>();
  for (const [key, value] of Object.entries(all)) {
    const id = TAB_KEY.exec(key)?.[1];
    if (!id) continue;
    const record = value as TabRecord;
    records.set(Number(id), { bytes: bytesOf(value), lastActivity: lastActivity(record) });
  }
  const evict = tabsToEvict(records, tabId, bytesOf(next));
  if (evict.length > 0) await browser.storage.session.remove(evict.map((id) => `tabCapture:${id}`));
}

async function update(tabId: number, change: (record: TabRecord) => TabRecord): Promise<TabRecord> {
  return serialised(tabId, async () => {
    const item = tabCaptureItem(tabId);
    const next = change(await item.get());
    try {
      await makeRoom(tabId, next);
      await item.set(next);
    } catch (cause) {
      failedWrites.set(tabId, storageFailureOf(cause));
      throw storageWriteError('capture', cause);
    }
    failedWrites.delete(tabId);
    return next;
  });
}

/** Keeps a tab's events within its bounds, dropping the oldest (first from the oldest loads). */
export function boundLoads(loads: PageLoad[]): PageLoad[] {
  const kept = loads.slice(-MAX_PAGE_LOADS).map((load) => ({ ...load, events: [...load.events] }));
  const total = () => kept.reduce((sum, load) => sum + load.events.length, 0);
  const bytes = () =>
    kept.reduce((sum, load) => sum + load.events.reduce((s, event) => s + sizeOf(event), 0), 0);
  let size = bytes();
  for (const load of kept) {
    while (load.events.length > 0 && (total() > MAX_TAB_EVENTS || size > MAX_TAB_BYTES)) {
      const dropped = load.events.shift() as PageEvent;
      size -= sizeOf(dropped);
      load.dropped += dropped.count;
    }
  }
  return kept;
}

/** Merges what a content script forwarded into its page load (cumulative counts replace). */
export function mergeForward(record: TabRecord, forward: PageEventsForward): TabRecord {
  const loads = [...record.loads];
  let index = loads.findIndex((load) => load.pageId === forward.pageId);
  if (index < 0) {
    loads.push({
      pageId: forward.pageId,
      url: redactToFit(forward.url, LIMITS.url),
      since: forward.since,
      events: [],
      dropped: 0,
      requests: [],
    });
    index = loads.length - 1;
  }
  const load = loads[index] as PageLoad;
  const byKey = new Map(load.events.map((event) => [eventKey(event), event]));
  for (const event of forward.events) {
    const clean = redactEvent(event);
    const key = eventKey(clean);
    byKey.delete(key);
    byKey.set(key, clean);
  }
  loads[index] = {
    ...load,
    events: [...byKey.values()],
    dropped: Math.max(load.dropped, forward.dropped),
    requests: forward.requests
      ? forward.requests.map((request) => ({
          ...request,
          url: redactToFit(request.url, LIMITS.url),
          pageUrl:
            request.pageUrl === undefined ? undefined : redactToFit(request.pageUrl, LIMITS.url),
        }))
      : load.requests,
  };
  return { ...record, loads: boundLoads(loads) };
}

export function recordPageEvents(tabId: number, forward: PageEventsForward): Promise<TabRecord> {
  return update(tabId, (record) => mergeForward(record, forward));
}

export function recordFailedRequest(tabId: number, request: FailedRequest): Promise<TabRecord> {
  return update(tabId, (record) => ({
    ...record,
    requests: addFailedRequest(record.requests, request),
  }));
}

export function readTabRecord(tabId: number): Promise<TabRecord> {
  return serialised(tabId, () => tabCaptureItem(tabId).get());
}

/** Forgets a closed tab. */
export function forgetTab(tabId: number): Promise<void> {
  failedWrites.delete(tabId);
  return serialised(tabId, () => tabCaptureItem(tabId).remove());
}
