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

/** A user action seen before the step recorder started, replayed into it then. */
export interface EarlyInput {
  event: Event;
  /** Epoch milliseconds. */
  time: number;
  /** The page URL at that moment. */
  href: string;
}

export interface EarlyCollector {
  /** Epoch milliseconds when the collector started (the page load). */
  since: number;
  /** Stops collecting and hands over the hook's batches that were kept, oldest first. */
  stop(): string[];
  /** The user's actions kept until now (only trusted ones), oldest first. */
  takeInputs(): EarlyInput[];
}

export interface EarlyLimits {
  maxBatches: number;
  maxChars: number;
  maxInputs: number;
}

/** The actions the step recorder records from DOM events (see utils/capture/breadcrumbs.ts). */
const INPUT_TYPES = ['click', 'change', 'submit', 'keydown'] as const;

export function startEarlyCollector(
  doc: Document,
  limits: EarlyLimits = { maxBatches: 200, maxChars: 1_000_000, maxInputs: 50 },
): EarlyCollector {
  const kept: string[] = [];
  let inputs: EarlyInput[] = [];
  let chars = 0;
  // Only what the user did: a page's own synthetic events must not write the steps.
  const onInput = (event: Event) => {
    if (event.isTrusted && inputs.length < limits.maxInputs) {
      inputs.push({ event, time: Date.now(), href: doc.location.href });
    }
  };
  const inputOptions = { capture: true, passive: true } as const;
  for (const type of INPUT_TYPES) doc.addEventListener(type, onInput, inputOptions);
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
    takeInputs() {
      for (const type of INPUT_TYPES) doc.removeEventListener(type, onInput, inputOptions);
      const taken = inputs;
      inputs = [];
      return taken;
    },
  };
}
