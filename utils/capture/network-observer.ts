/**
 * The background's webRequest observer: records a tab's requests that end with status >= 400
 * or a network error, with the server's correlation headers (which page scripts often cannot
 * read across origins). It fires only for hosts the extension may access.
 * https://developer.chrome.com/docs/extensions/reference/api/webRequest
 */
import type { browser } from 'wxt/browser';
import { redactToFit } from '../privacy/redact';
import { type FailedRequest, pickRequestIds } from './failed-request';
import { LIMITS } from './page-channel';

type WebRequest = typeof browser.webRequest;

/** Network errors that are not failures: the page or the user cancelled the request. */
const IGNORED_ERRORS = new Set(['net::ERR_ABORTED', 'NS_BINDING_ABORTED']);
/** `HTTP/1.1 404 Not Found` -> `Not Found`: the status code is kept apart already. */
export function reasonPhrase(statusLine: string | undefined): string | undefined {
  const reason = statusLine?.replace(/^HTTP\/\S+\s+\d{3}\s*/, '').trim();
  return reason || undefined;
}

/** The browser's own favicon lookup fails on many consoles and says nothing about the problem. */
export function isFaviconLookup(url: string, status: number): boolean {
  try {
    return status === 404 && new URL(url).pathname === '/favicon.ico';
  } catch {
    return false;
  }
}

/** Requests in flight remembered for their start time; old ones go first. */
const MAX_IN_FLIGHT = 2000;

interface InFlight {
  start: number;
  pageUrl?: string;
}

export interface NetworkObserverDeps {
  webRequest: Pick<WebRequest, 'onBeforeRequest' | 'onCompleted' | 'onErrorOccurred'>;
  onFailed: (tabId: number, request: FailedRequest) => void;
  /** Our own origin, whose requests are not the page's. */
  extensionOrigin: string;
}

/** Registers the listeners; call at the top level of the background so none is missed. */
export function startNetworkObserver({
  webRequest,
  onFailed,
  extensionOrigin,
}: NetworkObserverDeps) {
  const inFlight = new Map<string, InFlight>();
  const pageOfTab = new Map<number, string>();
  const filter = { urls: ['<all_urls>'] };
  const isPages = (details: { tabId: number; initiator?: string }) =>
    details.tabId >= 0 && !details.initiator?.startsWith(extensionOrigin.replace(/\/$/, ''));

  const base = (details: {
    requestId: string;
    method: string;
    url: string;
    tabId: number;
    type: string;
    timeStamp: number;
  }) => {
    const started = inFlight.get(details.requestId);
    inFlight.delete(details.requestId);
    const start = started?.start ?? details.timeStamp;
    const pageUrl =
      details.type === 'main_frame'
        ? details.url
        : (started?.pageUrl ?? pageOfTab.get(details.tabId));
    return {
      source: 'network' as const,
      method: details.method.toUpperCase().slice(0, LIMITS.method),
      // Cut before redacting: a page's 100,000-character URL must not hold up the background.
      url: redactToFit(details.url, LIMITS.url),
      time: Math.round(start),
      durationMs: Math.max(0, Math.round(details.timeStamp - start)),
      pageUrl: pageUrl ? redactToFit(pageUrl, LIMITS.url) : undefined,
      resourceType: details.type.slice(0, 32),
      count: 1,
    };
  };

  webRequest.onBeforeRequest.addListener((details) => {
    if (details.tabId < 0) return undefined;
    if (details.type === 'main_frame') pageOfTab.set(details.tabId, details.url);
    if (inFlight.size >= MAX_IN_FLIGHT) {
      const oldest = inFlight.keys().next().value;
      if (oldest !== undefined) inFlight.delete(oldest);
    }
    inFlight.set(details.requestId, {
      start: details.timeStamp,
      pageUrl: pageOfTab.get(details.tabId),
    });
    return undefined;
  }, filter);

  webRequest.onCompleted.addListener(
    (details) => {
      if (
        details.statusCode < 400 ||
        !isPages(details) ||
        isFaviconLookup(details.url, details.statusCode)
      ) {
        inFlight.delete(details.requestId);
        return;
      }
      onFailed(details.tabId, {
        ...base(details),
        status: details.statusCode,
        statusText:
          redactToFit(reasonPhrase(details.statusLine) ?? '', LIMITS.statusText) || undefined,
        requestIds: pickRequestIds(details.responseHeaders, redactToFit),
      });
    },
    filter,
    ['responseHeaders'],
  );

  webRequest.onErrorOccurred.addListener((details) => {
    if (IGNORED_ERRORS.has(details.error) || !isPages(details)) {
      inFlight.delete(details.requestId);
      return;
    }
    onFailed(details.tabId, {
      ...base(details),
      status: 0,
      error: redactToFit(details.error, LIMITS.error),
      requestIds: [],
    });
  }, filter);

  return {
    /** A closed tab's page URL is no longer needed. */
    forgetTab(tabId: number) {
      pageOfTab.delete(tabId);
    },
  };
}
