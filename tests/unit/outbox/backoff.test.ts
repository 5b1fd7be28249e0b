import { describe, expect, it } from 'vitest';
import { type ErrorInfo, ErrorInfoSchema } from '@/utils/errors';
import { backoffDelay } from '@/utils/outbox/backoff';
import { chunk, planBatches } from '@/utils/outbox/batch';
import {
  decide,
  outcomeUnknown,
  retryDelay,
  TIMINGS,
  UNREADABLE_CAP,
  uploadTimeoutMs,
} from '@/utils/outbox/retry-policy';

const BACKOFF = { baseMs: TIMINGS.backoffBaseMs, capMs: TIMINGS.backoffCapMs };

describe('backoffDelay', () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [5, 32_000],
    [9, 512_000],
    [10, 600_000],
    [50, 600_000],
  ])('attempt %i: nominal %i ms, jitter within [nominal/2, nominal]', (attempt, nominal) => {
    expect(backoffDelay(attempt, () => 0, BACKOFF)).toBe(nominal / 2);
    expect(backoffDelay(attempt, () => 1, BACKOFF)).toBe(nominal);
    expect(backoffDelay(attempt, () => 0.5, BACKOFF)).toBe(nominal * 0.75);
  });

  it('never exceeds the cap, whatever the attempt or the random source', () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      for (const r of [-1, 0, 0.3, 0.999, 1, 2]) {
        const delay = backoffDelay(attempt, () => r, BACKOFF);
        expect(delay).toBeLessThanOrEqual(TIMINGS.backoffCapMs);
        expect(delay).toBeGreaterThanOrEqual(TIMINGS.backoffBaseMs / 2);
      }
    }
  });

  it('Retry-After is a floor, never shortened by the jitter', () => {
    const limited: ErrorInfo = { code: 'rate-limited', message: 'x', retryAfterSeconds: 2 };
    expect(retryDelay(limited, 1, () => 0)).toBe(2_000);
    const long: ErrorInfo = { code: 'rate-limited', message: 'x', retryAfterSeconds: 120 };
    expect(retryDelay(long, 1, () => 1)).toBe(120_000);
    // Backoff larger than Retry-After wins.
    expect(retryDelay(limited, 4, () => 1)).toBe(16_000);
    // A 429 that says nothing about when waits the policy's default, not 1 s.
    const silent: ErrorInfo = { code: 'rate-limited', message: 'x' };
    expect(retryDelay(silent, 1, () => 0)).toBe(TIMINGS.rateLimitDefaultMs);
  });
});

describe('the retry table', () => {
  it.each([
    ['network', undefined, 'retry', true],
    ['timeout', undefined, 'retry', true],
    ['server', 503, 'retry', true],
    ['unexpected-response', 200, 'retry', true],
    ['rate-limited', 429, 'retry', false],
    ['auth', 401, 'sign-in', false],
    ['scope', 401, 'fix-token', false],
    ['validation', 400, 'composer', false],
    ['not-found', 404, 'composer', false],
    ['refused', 400, 'composer', false],
    ['refused', 413, 'composer', false],
    ['refused', 404, 'fail', false],
    ['refused', 403, 'fail', false],
    ['conflict', 409, 'fail', false],
    ['forbidden', 403, 'fail', false],
    ['not-configured', undefined, 'fail', false],
  ] as const)('%s (HTTP %s) -> %s (outcome unknown: %s)', (code, status, decision, unknown) => {
    const error: ErrorInfo = { code, message: 'x', ...(status ? { status } : {}) };
    expect(decide(error).decision).toBe(decision);
    expect(outcomeUnknown(error)).toBe(unknown);
  });

  it('an unreadable answer is retried up to the cap, then fails', () => {
    const error: ErrorInfo = { code: 'unexpected-response', message: 'x' };
    expect(decide(error, UNREADABLE_CAP - 1).decision).toBe('retry');
    expect(decide(error, UNREADABLE_CAP).decision).toBe('fail');
  });

  it('no 4xx is an unknown outcome; no scope error is on a timer', () => {
    for (const code of ErrorInfoSchema.shape.code.options) {
      if (decide({ code, message: 'x' }).decision === 'fix-token') expect(code).toBe('scope');
    }
    expect(decide({ code: 'scope', message: 'x' }).decision).toBe('fix-token');
    expect(outcomeUnknown({ code: 'conflict', message: 'x', status: 409 })).toBe(false);
    expect(outcomeUnknown({ code: 'refused', message: 'x', status: 400 })).toBe(false);
  });
});

describe('uploads sized to the link', () => {
  const MB = 1_000_000;
  const TWO_MBIT = 2_000_000 / 8;

  it('a 10 MB screenshot set finishes on a 2 Mbit/s uplink, every call within its timeout', () => {
    // Ten screenshots of 1 MB, and a set with one 4 MB full-page capture.
    for (const sizes of [Array(10).fill(MB), [4 * MB, 2 * MB, 1.5 * MB, 1.5 * MB, MB]]) {
      const files = sizes.map((size, id) => ({ id, size }));
      const batches = planBatches(files);
      let total = 0;
      for (const batch of batches) {
        const bytes = batch.reduce((sum, f) => sum + f.size, 0);
        // Multipart overhead is small; 5 % is generous.
        const seconds = (bytes * 1.05) / TWO_MBIT;
        expect(seconds * 1000).toBeLessThan(uploadTimeoutMs(bytes));
        // A batch of several files stays within about 2 MiB.
        if (batch.length > 1) expect(bytes).toBeLessThanOrEqual(TIMINGS.uploadBatchBytes);
        total += seconds;
      }
      expect(batches.flat()).toHaveLength(sizes.length);
      expect(total).toBeLessThan(60);
    }
  });

  it('the old 8 MiB call with a 25 s timeout would not have finished', () => {
    const bytes = 8 * 1024 * 1024;
    expect((bytes / TWO_MBIT) * 1000).toBeGreaterThan(25_000);
    expect((bytes / TWO_MBIT) * 1000).toBeLessThan(uploadTimeoutMs(bytes));
  });
});

describe('planBatches', () => {
  const files = (sizes: number[]) => sizes.map((size, i) => ({ id: i, size }));

  it('keeps at most 60 files per call', () => {
    const batches = planBatches(files(Array(125).fill(1)));
    expect(batches.map((b) => b.length)).toEqual([60, 60, 5]);
  });

  it('never asks for more than 60 even when told to', () => {
    const batches = planBatches(files(Array(70).fill(1)), { maxFiles: 500, maxBytes: 1e9 });
    expect(batches.map((b) => b.length)).toEqual([60, 10]);
  });

  it('splits by bytes and puts an oversized file alone, in order', () => {
    const batches = planBatches(files([4, 4, 4, 20, 1]), { maxFiles: 60, maxBytes: 10 });
    expect(batches.map((b) => b.map((f) => f.id))).toEqual([[0, 1], [2], [3], [4]]);
  });

  it('chunks', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 60)).toEqual([]);
  });
});
