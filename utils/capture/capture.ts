import * as z from 'zod/mini';
import { PageEventSchema } from './page-event';

/**
 * How much of the page's history the capture holds:
 * - `always-on`: the origin is allowed, capture ran from page load;
 * - `from-now`: capture was injected when the popup opened, earlier errors were not recorded;
 * - `unavailable`: the page cannot be captured (browser pages, extension stores).
 */
export const CaptureScopeSchema = z.enum(['always-on', 'from-now', 'unavailable']);
export type CaptureScope = z.infer<typeof CaptureScopeSchema>;

export const TabEventsSchema = z.object({
  events: z.array(PageEventSchema),
  /** Events dropped to stay within the buffer's bounds. */
  dropped: z.int().check(z.nonnegative()),
  /** Epoch milliseconds when capture started in this page. */
  since: z.number(),
});
export type TabEvents = z.infer<typeof TabEventsSchema>;

export const CaptureSchema = z.object({
  tabId: z.int(),
  url: z.string(),
  title: z.string(),
  origin: z.optional(z.string()),
  capturedAt: z.number(),
  scope: CaptureScopeSchema,
  /** Why the scope is what it is, in words for the user. */
  scopeNote: z.string(),
  events: z.array(PageEventSchema),
  droppedEvents: z.int().check(z.nonnegative()),
});
export type Capture = z.infer<typeof CaptureSchema>;

/** Pages no extension may script: the popup says so instead of failing. */
export function isCapturableUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'file:') {
    return false;
  }
  const storeHosts = [
    'chromewebstore.google.com',
    'chrome.google.com',
    'addons.mozilla.org',
    'microsoftedge.microsoft.com',
  ];
  return !storeHosts.includes(parsed.hostname);
}

/** The match pattern of an origin, for permissions and content-script registration. */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
