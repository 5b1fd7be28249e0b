import type { FailedRequest, RequestId } from './failed-request-schema';
import { LIMITS } from './page-channel';

export type { FailedRequest, RequestId } from './failed-request-schema';

/** How many failed requests a tab keeps (folded repeats count once). */
export const MAX_FAILED_REQUESTS = 50;
/** Page-side and network records of one request start within this window of each other. */
export const DEDUPE_WINDOW_MS = 3000;

/** Response headers that identify a request in the server's logs. */
const CORRELATION_HEADERS = new Set([
  'x-request-id',
  'x-correlation-id',
  'x-correlationid',
  'correlation-id',
  'request-id',
  'x-amzn-requestid',
  'x-amzn-request-id',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amz-cf-id',
  'x-amzn-trace-id',
  'cf-ray',
  'traceparent',
  'x-b3-traceid',
  'x-cloud-trace-context',
  'x-ms-request-id',
  'x-ms-correlation-request-id',
  'x-arequestid',
  'x-github-request-id',
  'x-trace-id',
  'x-vercel-id',
  'fly-request-id',
  'apigw-requestid',
  'x-datadog-trace-id',
  'sentry-trace',
  'x-kong-request-id',
  'x-envoy-upstream-service-time',
]);

export function isCorrelationHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return CORRELATION_HEADERS.has(lower) || /(?:^|-)(?:request|correlation|trace)-?id$/.test(lower);
}

/**
 * The correlation headers among a response's headers, bounded. `scrub(text, max)` redacts and
 * cuts a value to `max` characters.
 */
export function pickRequestIds(
  headers: ReadonlyArray<{ name: string; value?: string }> | undefined,
  scrub: (text: string, max: number) => string,
): RequestId[] {
  const ids: RequestId[] = [];
  for (const header of headers ?? []) {
    if (ids.length >= 12) break;
    if (header.value !== undefined && isCorrelationHeader(header.name)) {
      ids.push({
        name: header.name.toLowerCase().slice(0, LIMITS.requestIdName),
        value: scrub(header.value, LIMITS.requestIdValue),
      });
    }
  }
  return ids;
}

const withoutHash = (url: string) => {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
};

export function requestKey(request: Pick<FailedRequest, 'method' | 'url' | 'status'>): string {
  return `${request.method.toUpperCase()} ${withoutHash(request.url)} ${request.status}`;
}

/**
 * Adds a failed request to a tab's list: a repeat of the same method, URL and status folds
 * into the existing entry (count, last time, the latest request ids); the oldest entries go
 * beyond `max`.
 */
export function addFailedRequest(
  list: readonly FailedRequest[],
  request: FailedRequest,
  max = MAX_FAILED_REQUESTS,
): FailedRequest[] {
  const key = requestKey(request);
  const index = list.findIndex(
    (item) => item.source === request.source && requestKey(item) === key,
  );
  if (index >= 0) {
    const existing = list[index] as FailedRequest;
    const folded: FailedRequest = {
      ...existing,
      count: existing.count + request.count,
      lastTime: request.lastTime ?? request.time,
      durationMs: request.durationMs ?? existing.durationMs,
      requestIds: request.requestIds.length > 0 ? request.requestIds : existing.requestIds,
    };
    return [...list.slice(0, index), ...list.slice(index + 1), folded].slice(-max);
  }
  return [...list, request].slice(-max);
}

/**
 * Joins the network observer's records with the page hook's, reporting each request once:
 * a page record is dropped when a network record has the same method, URL (without fragment)
 * and status and started within the window; the network record is kept for its headers.
 */
export function mergeFailedRequests(
  network: readonly FailedRequest[],
  page: readonly FailedRequest[],
  windowMs = DEDUPE_WINDOW_MS,
): FailedRequest[] {
  const near = (a: FailedRequest, b: FailedRequest) => {
    const aEnd = a.lastTime ?? a.time;
    const bEnd = b.lastTime ?? b.time;
    return a.time - windowMs <= bEnd && b.time - windowMs <= aEnd;
  };
  const kept = page.filter((pageRecord) => {
    const key = requestKey(pageRecord);
    return !network.some(
      (networkRecord) =>
        // A network error (status 0) has no status to compare; the page may see it as 0 too.
        requestKey(networkRecord) === key && near(networkRecord, pageRecord),
    );
  });
  return [...network, ...kept].sort((a, b) => a.time - b.time);
}
