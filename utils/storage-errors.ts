/**
 * Failed writes of what the user would otherwise lose: a tab's capture history
 * (`storage.session`), a draft and the outbox (`storage.local`). Such a write fails when the
 * area's quota is used up (Chrome: "... quota exceeded", "Session storage quota bytes exceeded";
 * Firefox: a `QuotaExceededError`, https://developer.mozilla.org/docs/Web/API/Storage_API/Storage_quotas_and_eviction_criteria)
 * or when the browser's storage is unavailable (disk full, profile damaged). Each becomes an
 * error with code `storage` and the user's words for what to do next, which the popup shows.
 */
import * as z from 'zod/mini';
import { AppError, type ErrorInfo } from './errors';

export const StorageFailureSchema = z.enum(['quota', 'write']);
/** `quota`: the browser refused the size; `write`: any other refused write. */
export type StorageFailure = z.infer<typeof StorageFailureSchema>;
/** What could not be kept: `delivery` is a queued report's progress. */
export type StoredData = 'capture' | 'draft' | 'outbox' | 'delivery';

const QUOTA = /quota|QuotaExceeded|NS_ERROR_DOM_QUOTA_REACHED|no space left|disk is full/i;

/** Whether `cause` says the storage's quota (or the disk) is full, rather than another failure. */
export function storageFailureOf(cause: unknown): StorageFailure {
  const text =
    cause instanceof Error || (typeof cause === 'object' && cause !== null && 'message' in cause)
      ? `${(cause as { name?: unknown }).name ?? ''} ${String((cause as { message?: unknown }).message)}`
      : String(cause);
  return QUOTA.test(text) ? 'quota' : 'write';
}

// English messages for logs and the unit tests; the popup shows the message keys' text.
const MESSAGES: Record<StoredData, Record<StorageFailure, string>> = {
  capture: {
    quota:
      'The browser’s session storage is full, so this tab’s newest errors were not kept. Close tabs you no longer need, then reload this page to capture again.',
    write:
      'The browser refused to keep this tab’s newest errors. Reload the page to capture again; if this goes on, restart the browser.',
  },
  draft: {
    quota:
      'The browser’s storage is full, so the draft was not saved. Keep this window open and submit now, or free some disk space.',
    write:
      'The browser refused to save the draft. Keep this window open and submit now; if this goes on, restart the browser.',
  },
  outbox: {
    quota:
      'The browser’s storage is full, so the report was not queued for sending. Free some disk space, then submit again.',
    write:
      'The browser refused to queue the report for sending. Submit again; if this goes on, restart the browser.',
  },
  delivery: {
    quota:
      'The browser’s storage is full, so the report’s progress could not be recorded. Free some disk space; sending goes on by itself in a minute.',
    write:
      'The browser refused to record the report’s progress. Sending goes on by itself in a minute; if this goes on, restart the browser.',
  },
};

/** The error the user sees for a failed write of `data`. */
export function storageErrorInfo(data: StoredData, failure: StorageFailure): ErrorInfo {
  return {
    code: 'storage',
    message: MESSAGES[data][failure],
    messageKey: `storage_${data}_${failure}`,
  };
}

/** Wraps a write's failure as the `storage` error of `data`. */
export function storageWriteError(data: StoredData, cause: unknown): AppError {
  if (cause instanceof AppError && cause.code === 'storage') return cause;
  return new AppError(storageErrorInfo(data, storageFailureOf(cause)), { cause });
}
