import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '@/utils/errors';
import {
  backoffDelay,
  classify,
  DEFAULT_BACKOFF,
  outcomeUnknown,
  retryDelay,
} from '@/utils/outbox/backoff';
import { chunk, planBatches } from '@/utils/outbox/batch';

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
    expect(backoffDelay(attempt, () => 0)).toBe(nominal / 2);
    expect(backoffDelay(attempt, () => 1)).toBe(nominal);
    expect(backoffDelay(attempt, () => 0.5)).toBe(nominal * 0.75);
  });

  it('never exceeds the cap, whatever the attempt or the random source', () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      for (const r of [-1, 0, 0.3, 0.999, 1, 2]) {
        const delay = backoffDelay(attempt, () => r);
        expect(delay).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
        expect(delay).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.baseMs / 2);
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
  });
});

describe('classify / outcomeUnknown', () => {
  it.each([
    ['network', 'retry', true],
    ['timeout', 'retry', true],
    ['server', 'retry', true],
    ['unexpected-response', 'retry', true],
    ['rate-limited', 'retry', false],
    ['auth', 'auth', false],
    ['validation', 'edit', false],
    ['not-found', 'edit', false],
    ['forbidden', 'fail', false],
    ['not-configured', 'fail', false],
  ] as const)('%s -> %s (outcome unknown: %s)', (code, disposition, unknown) => {
    const error: ErrorInfo = { code, message: 'x' };
    expect(classify(error)).toBe(disposition);
    expect(outcomeUnknown(error)).toBe(unknown);
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
