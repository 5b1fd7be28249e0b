import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { countRedactions, redact, redactToFit } from '../privacy/redact';
import {
  type Capture,
  type ConsoleFacts,
  isCapturableUrl,
  type PageFacts,
  type PageSideFacts,
  type ScopeNoteKey,
  type TabEvents,
} from './capture';
import {
  adapterSources,
  applyAdapters,
  MAX_SOURCE_VALUE,
  readPageSources,
} from './console-adapters';
import { inferEnvironment, VENDOR_DEFAULT_RULES } from './environment';
import { fitEvent } from './event-fit';
import { type FailedRequest, mergeFailedRequests } from './failed-request';
import { LIMITS, type PageEvent } from './page-event';
import { buildPageFacts } from './page-facts';
import { pagePort } from './page-port';
import { createFactsCache, platformOs, settingsInForce } from './prefetch';
import { injectCaptureNow } from './registration';
import { historyWriteFailure, readTabRecord } from './tab-store';

const TIMED_OUT = Symbol('timed out');

/** A page busy in a loop answers late or never; the popup must not wait for it forever. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  return Promise.race([
    promise,
    new Promise<typeof TIMED_OUT>((resolve) => setTimeout(() => resolve(TIMED_OUT), ms)),
  ]);
}

async function readPageEvents(tabId: number): Promise<TabEvents | undefined | typeof TIMED_OUT> {
  try {
    return await within(pagePort().getPageEvents(tabId), 4000);
  } catch {
    return undefined;
  }
}

/**
 * Runs the console adapters' one-off read of page globals in the MAIN world. The answer is
 * page data: bounded, validated and redacted by `applyAdapters`.
 */
export async function readConsoleFacts(tabId: number): Promise<ConsoleFacts | undefined> {
  const sources = adapterSources();
  try {
    const results = await within(
      browser.scripting.executeScript({
        target: { tabId },
        world: 'MAIN',
        func: readPageSources,
        args: [sources, MAX_SOURCE_VALUE],
      }),
      2000,
    );
    if (results === TIMED_OUT) return undefined;
    return applyAdapters(sources, results[0]?.result, redact);
  } catch {
    return undefined;
  }
}

/** Console facts per tab and page, read ahead on allowed pages (utils/capture/prefetch.ts). */
export const consoleFactsCache = createFactsCache(readConsoleFacts);

async function pageFacts(url: string, title: string, page?: PageSideFacts): Promise<PageFacts> {
  const platform = { os: await platformOs.get() };
  const hints = (
    navigator as Navigator & { userAgentData?: { brands?: { brand: string; version: string }[] } }
  ).userAgentData;
  const facts = buildPageFacts({
    url,
    title,
    now: new Date(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    userAgent: navigator.userAgent,
    brands: hints?.brands,
    platformOs: platform.os,
    language: navigator.language,
    extensionVersion: browser.runtime.getManifest().version,
    page,
  });
  return { ...facts, title: redactToFit(facts.title, LIMITS.title) };
}

/** Why the scope is what it is: in English, and its message key for the popup. */
export function scopeNote(
  scope: Capture['scope'],
  allowed: boolean,
): { scopeNote: string; scopeNoteKey: ScopeNoteKey } {
  if (scope === 'always-on') {
    return {
      scopeNote: 'Capturing on this site since the page loaded.',
      scopeNoteKey: 'capture_scopeAlwaysOn',
    };
  }
  return allowed
    ? {
        scopeNote:
          'This page was open before capture was allowed: errors from before now were not recorded. Reload the page to capture from its start.',
        scopeNoteKey: 'capture_scopeAllowedLate',
      }
    : {
        scopeNote:
          'Errors from before you opened this were not recorded. Allow this site to capture from page load next time.',
        scopeNoteKey: 'capture_scopeOnOpen',
      };
}

/**
 * Gathers what the extension knows about a tab: its URL and title, page facts, the events of
 * its recent page loads, its failed requests (each once), what a console adapter reads, and
 * the inferred environment and product. Where no capture script runs yet, it injects one now
 * and says that earlier errors were not recorded.
 */
export async function collectCapture(tabId: number): Promise<Capture> {
  // The page's live events and the tab's history are asked for before the tab's URL is known
  // (used only if the page is capturable): the page's answer is the slowest part.
  const liveAsked = readPageEvents(tabId);
  const recordAsked = readTabRecord(tabId);
  recordAsked.catch(() => undefined);
  const tab = await browser.tabs.get(tabId).catch((error: unknown) => {
    throw new AppError(
      {
        code: 'no-tab',
        message: 'That tab is gone. Open the page again and retry.',
        messageKey: 'error_tabGone',
      },
      { cause: error },
    );
  });
  const rawUrl = tab.url ?? '';
  const url = redactToFit(rawUrl, LIMITS.url);
  const title = redactToFit(tab.title ?? '', LIMITS.title);
  const capturable = isCapturableUrl(rawUrl);
  // Everything starts at once: the popup waits for the slowest part, not for their sum.
  const liveRead = capturable ? liveAsked : undefined;
  const recordRead = capturable ? recordAsked : undefined;
  const factsRead = capturable ? consoleFactsCache.get(tabId, rawUrl) : undefined;
  const effective = await settingsInForce.get();
  const settings = effective.capture;
  // The organisation's rules, the user's, then the active profile's and the built-in defaults.
  const { policy: policyRules, user: rules, vendor } = effective.environmentRules;
  const vendorRules = [...vendor, ...VENDOR_DEFAULT_RULES];
  const base = {
    tabId,
    url,
    title,
    capturedAt: Date.now(),
    events: [],
    droppedEvents: 0,
    failedRequests: [],
    redactionCount: 0,
  };
  if (!capturable) {
    const inference = inferEnvironment(rawUrl, rules, undefined, vendorRules, policyRules);
    return {
      ...base,
      ...inference,
      facts: await pageFacts(url, title),
      scope: 'unavailable',
      scopeNote:
        'This page belongs to the browser or a store and cannot be captured. Open the page with the problem and try again.',
      scopeNoteKey: 'capture_scopeUnavailable',
    };
  }
  const origin = new URL(rawUrl).origin;
  const allowed = effective.allowedOrigins.some((item) => item.origin === origin);

  let live = await liveRead;
  if (live === undefined) {
    await injectCaptureNow(tabId, allowed ? origin : undefined).catch((error: unknown) => {
      throw new AppError(
        {
          code: 'permission-denied',
          message:
            'The extension may not read this page. Open the popup from the toolbar button on that tab, or allow the site in the options.',
          messageKey: 'error_readNoAccess',
        },
        { cause: error },
      );
    });
    live = await readPageEvents(tabId);
  }
  const current = live === TIMED_OUT ? undefined : live;
  const [record, consoleFacts] = await Promise.all([
    recordRead ?? readTabRecord(tabId),
    factsRead ?? consoleFactsCache.get(tabId, rawUrl),
  ]);

  // Earlier page loads from the background's history, the current one live from the page.
  const earlier = record.loads.filter((load) => load.pageId !== current?.pageId);
  const keep = (event: PageEvent) => settings.captureWarnings || event.kind !== 'console-warn';
  const events = [...earlier.flatMap((load) => load.events), ...(current?.events ?? [])]
    .filter(keep)
    .sort((a, b) => a.time - b.time)
    // With this context's settings (e-mail masking may be on here): cut again after redacting.
    .map((event) => fitEvent(event));
  const pageRequests: FailedRequest[] = [
    ...earlier.flatMap((load) => load.requests),
    ...(current?.requests ?? []),
  ];
  const inference = inferEnvironment(
    rawUrl,
    rules,
    consoleFacts ? { adapter: consoleFacts.adapter, product: consoleFacts.product } : undefined,
    vendorRules,
    policyRules,
  );
  // Always-on when the page's load was captured: the early collector ran from its start (the
  // page-context script itself may have been injected just now, after the load).
  const scope = allowed && current?.fromLoad ? 'always-on' : 'from-now';
  const capture: Capture = {
    ...base,
    origin,
    scope,
    ...scopeNote(scope, allowed),
    events,
    droppedEvents: earlier.reduce((sum, load) => sum + load.dropped, 0) + (current?.dropped ?? 0),
    failedRequests: mergeFailedRequests(record.requests, pageRequests),
    facts: await pageFacts(url, title, current?.page),
    ...inference,
    consoleFacts,
    breadcrumbs: current?.breadcrumbs,
    historyNotKept: historyWriteFailure(tabId),
  };
  return { ...capture, redactionCount: countRedactions(JSON.stringify(capture)) };
}
