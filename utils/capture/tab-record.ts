import * as z from 'zod/mini';
import { FailedRequestSchema } from './failed-request-schema';
import { LIMITS } from './page-channel';
import { PageEventSchema, validItems } from './page-event';

/** Page loads a tab remembers (the current one and those before it). */
export const MAX_PAGE_LOADS = 5;
/** Events a tab keeps over all its remembered loads. */
export const MAX_TAB_EVENTS = 300;
/** Bytes of event text a tab keeps over all its remembered loads. */
export const MAX_TAB_BYTES = 1024 * 1024;

export const PageLoadSchema = z.object({
  pageId: z.string().check(z.maxLength(64)),
  /** The page URL when the load started (in-app route changes keep the same load). */
  url: z.string().check(z.maxLength(LIMITS.url)),
  since: z.number(),
  events: validItems(PageEventSchema),
  dropped: z.int().check(z.nonnegative()),
  /** Failed requests the page's own hook saw. */
  requests: validItems(FailedRequestSchema),
});
export type PageLoad = z.infer<typeof PageLoadSchema>;

/**
 * What the background keeps per tab in `storage.session`, so a tab's recent errors survive
 * full navigations and service-worker restarts; dropped when the tab closes.
 */
export const TabRecordSchema = z.object({
  loads: validItems(PageLoadSchema),
  /** Failed requests seen by the webRequest observer (with their correlation headers). */
  requests: validItems(FailedRequestSchema),
});
export type TabRecord = z.infer<typeof TabRecordSchema>;

export const EMPTY_TAB_RECORD: TabRecord = { loads: [], requests: [] };

/**
 * Content script -> background: what changed in this page load since the last forward.
 * Events and requests are validated one by one (an invalid one is left out, not the message);
 * the background redacts and cuts them again with its own settings.
 */
export const PageEventsForwardSchema = z.object({
  pageId: z.string().check(z.minLength(1), z.maxLength(64)),
  url: z.string().check(z.maxLength(LIMITS.url)),
  since: z.number(),
  /** Events new or folded since the last forward (each with its cumulative count). */
  events: validItems(PageEventSchema, 500),
  dropped: z.int().check(z.nonnegative()),
  /** The page hook's failed requests, whole, when they changed. */
  requests: z.optional(validItems(FailedRequestSchema, 50)),
});
export type PageEventsForward = z.infer<typeof PageEventsForwardSchema>;
