/**
 * One HTTP exchange with the portal: timeout, error mapping, `x-arequestid`, JSON parsing and
 * schema validation. Everything that talks to the portal goes through `exchange()`.
 */
import * as z from 'zod/mini';
import {
  type AuthKind,
  cancelledError,
  errorFromResponse,
  networkError,
  redirectError,
  timeoutError,
  unexpectedBody,
} from './errors';

export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Chrome stops an MV3 service worker whose fetch takes more than 30 s to start answering
 * (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle),
 * so every request is aborted well before that.
 */
export const DEFAULT_TIMEOUT_MS = 25_000;

interface ExchangeOptions<S extends z.ZodMiniType> {
  fetch: FetchFunction;
  url: string;
  init: RequestInit;
  /** Schema of the 2xx body; `undefined` when the body is ignored (204, DELETE). */
  schema: S | undefined;
  /** What the user-facing error says was being done, e.g. "list service desks". */
  what: string;
  authKind?: AuthKind;
  timeoutMs?: number;
  /** The caller's own cancel signal. */
  signal?: AbortSignal;
}

export async function exchange<S extends z.ZodMiniType>(
  options: ExchangeOptions<S>,
): Promise<z.infer<S>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const origin = new URL(options.url).origin;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  let response: Response;
  let body: string;
  try {
    // Redirects are never followed: a 3xx would carry the Authorization header or the portal's
    // cookies to wherever it points. `manual` yields an opaque redirect in browsers and the
    // 3xx itself elsewhere; both are turned into a clear error below.
    response = await options.fetch(options.url, {
      ...options.init,
      redirect: 'manual',
      signal: controller.signal,
    });
    // The body is read under the same timer: a portal that stalls mid-body also times out.
    body = await response.text();
  } catch (error) {
    if (timedOut) throw timeoutError(origin, Math.round(timeoutMs / 1000));
    if (options.signal?.aborted) throw cancelledError();
    throw networkError(origin, error);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }

  const portalRequestId = response.headers.get('x-arequestid') ?? undefined;
  const context = { authKind: options.authKind, portalRequestId };
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    throw redirectError(origin, options.what, context);
  }
  if (!response.ok) {
    throw errorFromResponse(
      {
        status: response.status,
        body,
        contentType: response.headers.get('content-type') ?? '',
        retryAfter: response.headers.get('retry-after'),
        rateLimitReset: response.headers.get('x-ratelimit-reset'),
      },
      context,
    );
  }
  if (options.schema === undefined) return undefined as z.infer<S>;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw unexpectedBody(options.what, `not JSON, HTTP ${response.status}`, context);
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    throw unexpectedBody(options.what, z.prettifyError(parsed.error), context);
  }
  return parsed.data as z.infer<S>;
}
