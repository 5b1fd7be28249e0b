/**
 * The first ISOLATED-world script of an allowed page, at `document_start`: it only keeps the
 * hook's batches as raw strings until the full page-context script starts at `document_idle`.
 * Parsing, validation and redaction (zod, the scrubber: most of a 80 KB bundle) then run off
 * the page's critical path: a script injected at `document_start` blocks the parser while it
 * loads, so the one that does is kept to a few hundred bytes.
 */
import { PAGE_CHANNEL } from './page-channel';

/** The isolated-world global the two scripts share (content scripts of one extension share it). */
export const EARLY_COLLECTOR_KEY = '__supportCaptureEarly';

export interface EarlyCollector {
  /** Epoch milliseconds when the collector started (the page load). */
  since: number;
  /** Stops collecting and hands over what was kept, oldest first. */
  stop(): string[];
}

export interface EarlyLimits {
  maxBatches: number;
  maxChars: number;
}

export function startEarlyCollector(
  doc: Document,
  limits: EarlyLimits = { maxBatches: 200, maxChars: 1_000_000 },
): EarlyCollector {
  const kept: string[] = [];
  let chars = 0;
  const onEvent = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail !== 'string') return;
    if (kept.length >= limits.maxBatches || chars + detail.length > limits.maxChars) return;
    kept.push(detail);
    chars += detail.length;
  };
  const announce = () => doc.dispatchEvent(new CustomEvent(PAGE_CHANNEL.ready));
  doc.addEventListener(PAGE_CHANNEL.event, onEvent);
  doc.addEventListener(PAGE_CHANNEL.hello, announce);
  announce();
  return {
    since: Date.now(),
    stop() {
      doc.removeEventListener(PAGE_CHANNEL.event, onEvent);
      doc.removeEventListener(PAGE_CHANNEL.hello, announce);
      return kept.splice(0);
    },
  };
}
