/**
 * When to try again. Capped exponential backoff with "equal jitter": half of the delay is
 * fixed, half random, so retries of many users spread out but never come sooner than half
 * the nominal delay (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 * A `Retry-After` from the portal is a floor: asking earlier "will fail and return the same
 * or longer Retry-After period" (JSM-NOTES §4).
 */
import type { ErrorInfo } from '../errors';

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 10 * 60_000 };

/** While signed out, look again now and then: a portal-session sign-in happens in a tab. */
export const AUTH_RECHECK_MS = 2 * 60_000;

/** Delay before retry number `attempt` (1 = first retry), within [nominal/2, nominal]. */
export function backoffDelay(
  attempt: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const nominal = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(nominal / 2 + (nominal / 2) * r);
}

/** Delay for a retryable error: the backoff, never less than the portal's Retry-After. */
export function retryDelay(
  error: ErrorInfo,
  attempt: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const backoff = backoffDelay(attempt, random, options);
  const floor = error.retryAfterSeconds === undefined ? 0 : error.retryAfterSeconds * 1000;
  return Math.max(backoff, floor);
}

export type Disposition =
  /** Try again after a delay (network, timeout, 5xx, 429/503). */
  | 'retry'
  /** The session is gone: wait for sign-in. */
  | 'auth'
  /** The portal refused the content: back to the composer. */
  | 'edit'
  /** No retry will help; a person must change something. */
  | 'fail';

export function classify(error: ErrorInfo): Disposition {
  switch (error.code) {
    case 'network':
    case 'timeout':
    case 'server':
    case 'rate-limited':
    case 'unexpected-response':
    case 'storage':
      return 'retry';
    case 'auth':
      return 'auth';
    case 'validation':
    case 'not-found':
      return 'edit';
    default:
      return 'fail';
  }
}

/**
 * Errors after which the portal may or may not have acted on a call that was sent: the
 * connection broke or timed out, a gateway answered 5xx, or a 2xx could not be read. A 429,
 * a 4xx, or an auth error means the call was refused, so nothing happened.
 */
export function outcomeUnknown(error: ErrorInfo): boolean {
  return (
    error.code === 'network' ||
    error.code === 'timeout' ||
    error.code === 'server' ||
    error.code === 'unexpected-response'
  );
}
