/**
 * The background's per-tab history in `storage.session`: the page events each content script
 * forwards (so a tab keeps its last events across full navigations) and the failed requests
 * the webRequest observer sees. Writes of one tab are serialised, so concurrent messages
 * cannot lose each other's updates.
 */
import { redactToFit } from '../privacy/redact';
import { addFailedRequest, type FailedRequest } from './failed-request';
import { tabCaptureItem } from './items';
import { redactEvent } from './page-context';
import { eventKey, LIMITS, type PageEvent } from './page-event';
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

async function update(tabId: number, change: (record: TabRecord) => TabRecord): Promise<TabRecord> {
  return serialised(tabId, async () => {
    const item = tabCaptureItem(tabId);
    const next = change(await item.get());
    await item.set(next);
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
  return serialised(tabId, () => tabCaptureItem(tabId).remove());
}
