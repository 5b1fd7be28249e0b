/**
 * Capped exponential backoff with "equal jitter": half of the delay is fixed, half random, so
 * retries of many users spread out but never come sooner than half the nominal delay
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). The constants
 * and what is retried at all are in retry-policy.ts.
 */
interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/** Delay before retry number `attempt` (1 = first retry), within [nominal/2, nominal]. */
export function backoffDelay(
  attempt: number,
  random: () => number,
  options: BackoffOptions,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const nominal = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(nominal / 2 + (nominal / 2) * r);
}
