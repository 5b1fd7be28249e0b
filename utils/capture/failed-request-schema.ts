/**
 * The schemas of a failed request (failed-request.ts folds and merges them). Apart from that
 * logic so the page-context script, which folds the page's own failed requests, bundles no zod.
 */
import * as z from 'zod/mini';
import { LIMITS } from './page-channel';

export const RequestIdSchema = z.object({
  name: z.string().check(z.maxLength(LIMITS.requestIdName)),
  value: z.string().check(z.maxLength(LIMITS.requestIdValue)),
});
export type RequestId = z.infer<typeof RequestIdSchema>;

/**
 * A request of the page that ended with status >= 400 or a network error. `network` records
 * come from the background's webRequest observer and carry the server's correlation headers;
 * `page` records come from the page's fetch/XHR hook where the extension has no host access.
 */
export const FailedRequestSchema = z.object({
  source: z.enum(['network', 'page']),
  method: z.string().check(z.maxLength(LIMITS.method)),
  url: z.string().check(z.maxLength(LIMITS.url)),
  /** HTTP status; 0 when the request failed without a response. */
  status: z.int().check(z.nonnegative()),
  statusText: z.optional(z.string().check(z.maxLength(LIMITS.statusText))),
  /** The network error (`net::ERR_CONNECTION_REFUSED`, `Failed to fetch`). */
  error: z.optional(z.string().check(z.maxLength(LIMITS.error))),
  /** Epoch milliseconds when the request started. */
  time: z.number(),
  lastTime: z.optional(z.number()),
  durationMs: z.optional(z.number().check(z.nonnegative())),
  /** The page the request belonged to. */
  pageUrl: z.optional(z.string().check(z.maxLength(LIMITS.url))),
  /** `xmlhttprequest`, `image`, `main_frame`… (network records only). */
  resourceType: z.optional(z.string().check(z.maxLength(32))),
  /** Server correlation headers of the latest occurrence: x-request-id, traceparent… */
  requestIds: z.array(RequestIdSchema).check(z.maxLength(12)),
  count: z._default(z.int().check(z.minimum(1)), 1),
});
export type FailedRequest = z.infer<typeof FailedRequestSchema>;
