/**
 * The delivery's retry policy: ONE table from an error's code to what the outbox does, and
 * every timing constant of the delivery in one place (backoff, sign-in re-checks, the search
 * index's lag, the reconciliation passes, upload batch sizes and timeouts).
 *
 * What the codes mean comes from utils/portal/errors.ts (docs/jsm-portal.md#error-bodies,
 * docs/jsm-portal.md#rate-limits, docs/jsm-portal.md#scoped-token-scopes):
 * - a 4xx with an HTML or text body is the edge refusing the call (`refused`): not processed;
 * - a 5xx, a timeout or a dropped connection may or may not have been acted on (unknown);
 * - an answer the client cannot read (`unexpected-response`) is retried a bounded number of
 *   times, then the job fails and offers "Download report";
 * - a scoped token without the needed scopes (`scope`) is not retried on a timer: only a new
 *   token (saved settings) resumes it.
 */
import type { ErrorCode, ErrorInfo } from '../errors';
import { backoffDelay } from './backoff';

type Decision =
  /** Try again after a backoff (never sooner than the portal's Retry-After). */
  | 'retry'
  /** The session is gone: wait for sign-in (re-checked now and then). */
  | 'sign-in'
  /** The portal refused what was sent: back to the composer (a field or a file named). */
  | 'composer'
  /** No retry helps: the job fails with the portal's reference and offers the report. */
  | 'fail'
  /** The token lacks scopes: fails without a timer; a newly saved token resumes it. */
  | 'fix-token';

interface Rule {
  decision: Decision;
  /**
   * The call may have been acted on (connection lost, timeout, 5xx, unreadable answer): a
   * create with this outcome is never repeated blindly; the outbox reconciles first.
   */
  outcomeUnknown: boolean;
  /** At most this many consecutive attempts end this way before the job fails. */
  cap?: number;
}

/** Consecutive unreadable answers before the job fails (then "Download report"). */
export const UNREADABLE_CAP = 5;

/** THE table. A code missing here fails the job (see decide). */
const RETRY_TABLE: Partial<Record<ErrorCode, Rule>> = {
  network: { decision: 'retry', outcomeUnknown: true },
  timeout: { decision: 'retry', outcomeUnknown: true },
  server: { decision: 'retry', outcomeUnknown: true },
  'unexpected-response': { decision: 'retry', outcomeUnknown: true, cap: UNREADABLE_CAP },
  'rate-limited': { decision: 'retry', outcomeUnknown: false },
  storage: { decision: 'retry', outcomeUnknown: false },
  auth: { decision: 'sign-in', outcomeUnknown: false },
  scope: { decision: 'fix-token', outcomeUnknown: false },
  validation: { decision: 'composer', outcomeUnknown: false },
  'not-found': { decision: 'composer', outcomeUnknown: false },
  // An edge page: 400 and 413 name the field or file and go back to the composer, any
  // other status fails with the portal's reference (see decide).
  refused: { decision: 'fail', outcomeUnknown: false },
  conflict: { decision: 'fail', outcomeUnknown: false },
  forbidden: { decision: 'fail', outcomeUnknown: false },
};

const FAIL: Rule = { decision: 'fail', outcomeUnknown: false };

/** The rule for an error; `attempts` counts consecutive failures of the step (this one too). */
export function decide(error: ErrorInfo, attempts = 1): Rule {
  const rule = RETRY_TABLE[error.code] ?? FAIL;
  if (error.code === 'refused' && (error.status === 400 || error.status === 413)) {
    return { decision: 'composer', outcomeUnknown: false };
  }
  if (rule.cap !== undefined && attempts >= rule.cap) return { ...rule, decision: 'fail' };
  return rule;
}

/** Whether the portal may have acted on a call that ended with this error. */
export function outcomeUnknown(error: ErrorInfo): boolean {
  return decide(error).outcomeUnknown;
}

/** Every delay and size of the delivery. */
export interface DeliveryTimings {
  /** Exponential backoff: first retry after about this, doubling, up to `backoffCapMs`. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** While signed out, look again now and then: a portal-session sign-in happens in a tab. */
  authRecheckMs: number;
  /** A 429 without Retry-After or X-RateLimit-Reset waits at least this. */
  rateLimitDefaultMs: number;
  /**
   * The request list is a search index that lags writes by "seconds to minutes"
   * (docs/jsm-portal.md#request-search): no search for a lost or duplicated create runs sooner
   * than this after the create.
   */
  indexLagMs: number;
  /** The reconciliation looks once more this long after the create (a slow index). */
  confirmAfterMs: number;
  /** Further passes (while the index has not shown the kept request yet) are this far apart. */
  reconcileRetryMs: number;
  /** Passes before the reconciliation stops looking. */
  maxReconcilePasses: number;
  /** Requests created this long before the first attempt still count (clock skew). */
  createdSkewMs: number;
  /** How long a temporary file is trusted (undocumented, docs/jsm-portal.md#temporary-files). */
  tempFileTtlMs: number;
  /** Bytes per upload call: small enough for a slow uplink (see uploadTimeoutMs). */
  uploadBatchBytes: number;
  /** Upload timeout = this + the bytes at `uploadFloorBytesPerSecond`. */
  uploadBaseTimeoutMs: number;
  /** The slowest uplink an upload must finish on, with a margin (1 Mbit/s: half of 2). */
  uploadFloorBytesPerSecond: number;
  /** A job whose progress the storage refused (full, failing) waits this, then runs again. */
  storageRetryMs: number;
}

export const TIMINGS: DeliveryTimings = {
  backoffBaseMs: 2_000,
  backoffCapMs: 10 * 60_000,
  authRecheckMs: 2 * 60_000,
  rateLimitDefaultMs: 60_000,
  indexLagMs: 60_000,
  confirmAfterMs: 5 * 60_000,
  reconcileRetryMs: 5 * 60_000,
  maxReconcilePasses: 6,
  createdSkewMs: 10 * 60_000,
  tempFileTtlMs: 20 * 60_000,
  uploadBatchBytes: 2 * 1024 * 1024,
  uploadBaseTimeoutMs: 10_000,
  uploadFloorBytesPerSecond: 125_000,
  storageRetryMs: 60_000,
};

/**
 * The e2e build's timings (`wxt build --mode e2e`): the same rules with the index lag and the
 * reconciliation passes shortened, so a test waits seconds instead of minutes. The emulator's
 * list lag in those tests is set below `confirmAfterMs`.
 */
export const E2E_TIMINGS: DeliveryTimings = {
  ...TIMINGS,
  backoffBaseMs: 500,
  indexLagMs: 3_000,
  confirmAfterMs: 20_000,
  reconcileRetryMs: 5_000,
  rateLimitDefaultMs: 5_000,
};

/** Delay before retry number `attempts` of a retryable error. */
export function retryDelay(
  error: ErrorInfo,
  attempts: number,
  random: () => number,
  timings: DeliveryTimings = TIMINGS,
): number {
  const backoff = backoffDelay(attempts, random, {
    baseMs: timings.backoffBaseMs,
    capMs: timings.backoffCapMs,
  });
  // Asking before Retry-After "will fail and return the same or longer" wait
  // (docs/jsm-portal.md#rate-limits).
  const floor =
    error.retryAfterSeconds !== undefined
      ? error.retryAfterSeconds * 1000
      : error.code === 'rate-limited'
        ? timings.rateLimitDefaultMs
        : 0;
  return Math.max(backoff, floor);
}

/** The timeout of one upload call of `bytes`: it must finish on a 2 Mbit/s uplink. */
export function uploadTimeoutMs(bytes: number, timings: DeliveryTimings = TIMINGS): number {
  return Math.ceil(
    timings.uploadBaseTimeoutMs + (bytes / timings.uploadFloorBytesPerSecond) * 1000,
  );
}
