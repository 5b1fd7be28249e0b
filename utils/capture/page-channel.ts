/**
 * Constants shared by the MAIN-world hook and the ISOLATED-world receiver. Kept free of
 * imports so the hook's bundle stays a few kilobytes.
 */

/** Caps shared by the page hook (which truncates) and the receiver (which validates). */
export const LIMITS = {
  message: 4000,
  stack: 8000,
  url: 2000,
} as const;

export type PageEventKind =
  | 'console-error'
  | 'console-warn'
  | 'uncaught-error'
  | 'unhandled-rejection'
  | 'resource-error';

/** Event names on the page's DOM between the MAIN-world hook and the ISOLATED-world script. */
export const PAGE_CHANNEL = {
  /** MAIN -> ISOLATED: `detail` is a JSON string of one event (strings cross worlds in Firefox). */
  event: 'support-capture:page-event',
  /** MAIN -> ISOLATED: the hook is installed (lets a late ISOLATED script ask for the backlog). */
  hello: 'support-capture:hello',
  /** ISOLATED -> MAIN: ready to receive; the hook flushes what it queued. */
  ready: 'support-capture:ready',
} as const;
