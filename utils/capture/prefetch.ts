/**
 * What `collectCapture` needs that does not change from one popup opening to the next, kept
 * ready in the background so the popup's request only reads the page's live events: the
 * settings in force (until they change), the platform, and what a console adapter reads from
 * each tab's page (per page URL, read once its load completes on an allowed origin).
 */
import { browser } from 'wxt/browser';
import { getEffectiveSettings, watchEffectiveSettings } from '../settings/effective';
import type { ConsoleFacts } from './capture';

/** A value loaded once and kept until `reset`; a failed load is not kept. */
export function memo<T>(load: () => Promise<T>) {
  let value: Promise<T> | undefined;
  return {
    get(): Promise<T> {
      value ??= load().catch((error: unknown) => {
        value = undefined;
        throw error;
      });
      return value;
    },
    reset() {
      value = undefined;
    },
  };
}

/** The settings in force (their `capture` part included), until they change. */
export const settingsInForce = memo(getEffectiveSettings);

export const platformOs = memo(() =>
  browser.runtime.getPlatformInfo().then(
    (info) => info.os as string,
    () => 'unknown',
  ),
);

/** Console facts per tab and page URL; a read that found nothing is tried again next time. */
export function createFactsCache(read: (tabId: number) => Promise<ConsoleFacts | undefined>) {
  const kept = new Map<number, { url: string; facts: Promise<ConsoleFacts | undefined> }>();
  return {
    get(tabId: number, url: string): Promise<ConsoleFacts | undefined> {
      const hit = kept.get(tabId);
      if (hit?.url === url) return hit.facts;
      const facts = read(tabId);
      kept.set(tabId, { url, facts });
      void facts.then(
        (value) => value === undefined && kept.get(tabId)?.facts === facts && kept.delete(tabId),
        () => kept.delete(tabId),
      );
      return facts;
    },
    forget(tabId: number) {
      kept.delete(tabId);
    },
  };
}

/**
 * Call at the top level of the background: keeps the cached parts current (settings changes,
 * navigations, closed tabs) and reads a page's console facts when an allowed page finishes
 * loading, before anyone opens the popup on it.
 */
export function startCapturePrefetch(
  facts: ReturnType<typeof createFactsCache>,
  isCaptureOrigin: (origin: string) => Promise<boolean>,
): void {
  watchEffectiveSettings(() => settingsInForce.reset());
  browser.tabs.onRemoved.addListener((tabId) => facts.forget(tabId));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url || change.status === 'loading') facts.forget(tabId);
    if (change.status !== 'complete' || !tab.url) return;
    const url = tab.url;
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return;
    }
    void isCaptureOrigin(origin).then(
      (allowed) => {
        if (allowed) void facts.get(tabId, url);
      },
      () => undefined,
    );
  });
  void settingsInForce.get().catch(() => undefined);
  void platformOs.get();
}
