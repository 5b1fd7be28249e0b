/**
 * Serialises `tabs.captureVisibleTab` calls so that they stay within Chrome's quota of
 * MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND (2): callers queue, and a call the browser still
 * refuses for the quota is retried after a pause instead of failing.
 * https://developer.chrome.com/docs/extensions/reference/api/tabs#property-MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND
 * Exceeding it rejects with "This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND
 * quota." Scroll-and-stitch tools needed >= 600 ms between calls
 * (docs/platform-facts.md#screenshot-rate-limit).
 */

const DEFAULT_CALLS_PER_SECOND = 2;

interface CaptureQueueOptions {
  callsPerSecond?: number;
  /** Extra margin on top of 1000 / callsPerSecond, for clock jitter between us and Chrome. */
  marginMs?: number;
  maxRetries?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

function isQuotaError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND');
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class CaptureQueue {
  private readonly interval: number;
  private readonly maxRetries: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private tail: Promise<unknown> = Promise.resolve();
  /** When the last call started (Chrome counts calls over a sliding second). */
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(options: CaptureQueueOptions = {}) {
    const perSecond = options.callsPerSecond ?? DEFAULT_CALLS_PER_SECOND;
    this.interval = Math.ceil(1000 / perSecond) + (options.marginMs ?? 50);
    this.maxRetries = options.maxRetries ?? 5;
    this.now = options.now ?? (() => Date.now());
    this.sleep = options.sleep ?? realSleep;
  }

  /** Runs `capture` after the calls queued before it, spaced to respect the quota. */
  run<T>(capture: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.attempt(capture, 0));
    // One failed capture must not stop the ones queued after it.
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async attempt<T>(capture: () => Promise<T>, retry: number): Promise<T> {
    const wait = this.lastStart + this.interval - this.now();
    if (wait > 0) await this.sleep(wait);
    this.lastStart = this.now();
    try {
      return await capture();
    } catch (error) {
      if (!isQuotaError(error) || retry >= this.maxRetries) throw error;
      // Someone else (another extension page, a stitching loop) used the quota: back off.
      await this.sleep(this.interval * (retry + 1));
      return this.attempt(capture, retry + 1);
    }
  }
}

/** The one queue of the background: every visible capture goes through it. */
export const captureQueue = new CaptureQueue();
