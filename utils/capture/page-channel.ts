/**
 * Constants and the wire format shared by the MAIN-world hook and the ISOLATED-world receiver.
 * Kept free of imports so the hook's bundle stays a few kilobytes.
 */

/**
 * Caps shared by the page hook (which truncates), the receivers (which cut after redacting)
 * and the schemas (which validate): one set of numbers, so a value cut at one hop always
 * fits the next.
 */
export const MAX_MESSAGE = 4000;
export const MAX_STACK = 8000;
export const MAX_URL = 2000;
export const LIMITS = {
  message: MAX_MESSAGE,
  stack: MAX_STACK,
  url: MAX_URL,
  /** Page title. */
  title: 1000,
  /** HTTP method of a failed request. */
  method: 16,
  /** Reason phrase of a failed request (`Not Found`). */
  statusText: 200,
  /** Network error text (`net::ERR_CONNECTION_REFUSED`). */
  error: 500,
  /** Name and value of a correlation header. */
  requestIdName: 64,
  requestIdValue: 512,
} as const;

export type PageEventKind =
  | 'console-error'
  | 'console-warn'
  | 'uncaught-error'
  | 'unhandled-rejection'
  | 'resource-error';

/**
 * One-letter kinds on the wire (the hook's size budget counts every byte):
 * `r` is a failed request seen by the page's fetch/XHR hook, `d` a count of entries the hook
 * dropped to stay within its bounds.
 */
export const WIRE_KINDS = {
  e: 'console-error',
  w: 'console-warn',
  x: 'uncaught-error',
  j: 'unhandled-rejection',
  l: 'resource-error',
} as const satisfies Record<string, PageEventKind>;

/**
 * One entry of a batch, as a tuple:
 * `[kind, message, stack, source, pageUrl, time, count, status, durationMs, lastTime]`.
 * For `r` (failed request): message = method, source = request URL, stack = network error
 * text, status = HTTP status (0 for a network error). For `l` (failed resource load):
 * message = the element's tag name, source = its URL.
 * For `d`: count = entries dropped.
 */
export type WireEntry = [
  kind: string,
  message: string,
  stack: string,
  source: string,
  pageUrl: string,
  time: number,
  count: number,
  status?: number,
  durationMs?: number,
  lastTime?: number,
];

/** Event names on the page's DOM between the MAIN-world hook and the ISOLATED-world script. */
export const PAGE_CHANNEL = {
  /**
   * MAIN -> ISOLATED: `detail` is a JSON string of an array of `WireEntry` (strings cross
   * worlds in Firefox).
   */
  event: 'support-capture:e',
  /** MAIN -> ISOLATED: the hook is installed (lets a late ISOLATED script ask for the backlog). */
  hello: 'support-capture:h',
  /** ISOLATED -> MAIN: ready to receive; the hook flushes what it queued. */
  ready: 'support-capture:r',
} as const;

/**
 * The name the MAIN-world hook's script reports in stacks and as a console message's source
 * (a `//# sourceURL` comment the build appends, wxt.config.ts). Chromium captures and sends a
 * full stack trace for every console message whose source is a `chrome-extension://` script
 * (the extension's error reporting), which made each hooked `console.error` cost about 200 us
 * more with DevTools open (tests/bench/capture.ts):
 * https://chromium.googlesource.com/chromium/src/+/main/extensions/renderer/extensions_render_frame_observer.cc
 */
export const HOOK_SOURCE_NAME = 'support-capture';
