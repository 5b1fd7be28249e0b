/**
 * Splitting files into upload calls. `attachTemporaryFile` takes at most 60 files per call
 * (413 beyond, SPEC) and each file must be within the site's upload limit (400 beyond). Calls
 * are also kept small (TIMINGS.uploadBatchBytes, about 2 MiB, in retry-policy.ts): each call's
 * timeout grows with its size, so a call on a 2 Mbit/s uplink finishes in time, and a
 * smaller call loses less when the network drops.
 */
import { TIMINGS } from './retry-policy';

export const MAX_FILES_PER_UPLOAD = 60;
const MAX_BYTES_PER_UPLOAD = TIMINGS.uploadBatchBytes;

interface Sized {
  size: number;
}

export interface BatchLimits {
  maxFiles: number;
  maxBytes: number;
}

/** Greedy, order-preserving batches; a file larger than `maxBytes` goes alone. */
export function planBatches<T extends Sized>(
  files: readonly T[],
  limits: BatchLimits = { maxFiles: MAX_FILES_PER_UPLOAD, maxBytes: MAX_BYTES_PER_UPLOAD },
): T[][] {
  const maxFiles = Math.max(1, Math.min(limits.maxFiles, MAX_FILES_PER_UPLOAD));
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= maxFiles || bytes + file.size > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
