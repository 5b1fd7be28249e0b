/**
 * The one scrubber every captured string (URLs, console text, stacks, headers) passes through
 * before it is stored, shown or sent.
 *
 * It replaces secrets with readable markers such as `[redacted:jwt]`, so a support engineer
 * still sees what kind of value was there, and leaves ordinary text, ids and UUIDs alone.
 * - Linear in the text's length, whatever the page puts in it (see utils/privacy/rules.ts,
 *   utils/privacy/key-value.ts and, for the user's patterns, utils/privacy/custom-patterns.ts).
 * - Idempotent: redacting redacted text changes nothing and counts nothing.
 * - `redactToFit` cuts before and after redacting, so no value outgrows its limit.
 *
 * `createRedactor(settings)` is the one way a redactor is made. Each context makes its own
 * from the settings in force with `configureRedaction` (extension pages and the background via
 * utils/settings/effective.ts, content scripts via utils/capture/settings-sync.ts); `redact()`
 * and friends use it.
 */
import {
  applyCustomPattern,
  checkCustomPattern,
  compileCustomPatterns,
  MAX_CUSTOM_PATTERN_LENGTH,
} from './custom-patterns';
import { cutText, preCutLength } from './fit';
import {
  applyRule,
  BUILT_IN_RULES,
  COOKIE_RULE,
  EMAIL_RULE,
  MARKER_PREFIX,
  marker,
  type Rule,
  TextCharacters,
} from './rules';

export { cutNote, cutText } from './fit';
export { checkCustomPattern, MAX_CUSTOM_PATTERN_LENGTH, marker };

export interface RedactionOptions {
  /** Replace e-mail addresses with `[redacted:email]`. */
  maskEmails: boolean;
  /** The user's own patterns (regular expression sources, matched case-insensitively). */
  customPatterns: readonly string[];
}

export const DEFAULT_REDACTION_OPTIONS: RedactionOptions = {
  maskEmails: false,
  customPatterns: [],
};

export interface RedactionResult {
  text: string;
  /** How many values were replaced. */
  count: number;
  /** Replacements per category (`jwt`, `cookie`…). */
  categories: Record<string, number>;
}

export interface Redactor {
  /** Masks every secret in `text` and says how many values were replaced. */
  redact(text: string): RedactionResult;
  /**
   * Redacts a value limited to `max` characters: cut raw text first (so a page's megabyte
   * string costs no more than a long line), redact, then cut to `max` with a note.
   */
  redactToFit(text: string, max: number): RedactionResult;
}

const isMarkerAt = (text: string, index: number) => text.startsWith(MARKER_PREFIX, index);

/** Builds a redactor for these settings (invalid or unsafe user patterns are skipped). */
export function createRedactor(options: RedactionOptions = DEFAULT_REDACTION_OPTIONS): Redactor {
  const rules: readonly Rule[] = options.maskEmails
    ? [...BUILT_IN_RULES, EMAIL_RULE]
    : BUILT_IN_RULES;
  const custom = compileCustomPatterns(options.customPatterns);
  const customMarker = marker('custom');

  const redact = (text: string): RedactionResult => {
    let count = 0;
    const categories: Record<string, number> = {};
    const tally = (category: string, n: number) => {
      count += n;
      categories[category] = (categories[category] ?? 0) + n;
    };
    let out = text;
    let characters = new TextCharacters(out);
    const apply = (rule: Rule) => {
      if (!characters.mayMatch(rule)) return;
      const next = applyRule(out, rule, tally);
      if (next !== out) characters = new TextCharacters(next);
      out = next;
    };
    for (const rule of rules) apply(rule);
    for (const pattern of custom) {
      out = applyCustomPattern(out, pattern, customMarker, isMarkerAt, () => tally('custom', 1));
    }
    if (custom.length > 0) characters = new TextCharacters(out);
    apply(COOKIE_RULE);
    return { text: out, count, categories };
  };

  return {
    redact,
    redactToFit(text, max) {
      const limit = preCutLength(max);
      const raw = text.length > limit ? text.slice(0, limit) : text;
      const result = redact(raw);
      const cut = cutText(result.text, max, text.length - raw.length);
      return cut === result.text ? result : { ...result, text: cut };
    },
  };
}

let active: Redactor = createRedactor();

/**
 * Sets the user's redaction settings for this context (each context that redacts calls this
 * with the stored settings at start and on change).
 */
export function configureRedaction(options: RedactionOptions): void {
  active = createRedactor(options);
}

/** This context's redactor (from `configureRedaction`). */
export function activeRedactor(): Redactor {
  return active;
}

/** Redacts `text` with this context's settings and says how many replacements were made. */
export function redactCounted(text: string): RedactionResult {
  return active.redact(text);
}

/** Masks every secret in `text`. */
export function redact(text: string): string {
  return active.redact(text).text;
}

/** Redacts with this context's settings and cuts to `max` characters (see `Redactor`). */
export function redactToFit(text: string, max: number): string {
  return active.redactToFit(text, max).text;
}

/** Counts the markers left by `redact()` in text that was already redacted. */
export function countRedactions(text: string): number {
  return text.match(/\[redacted:[a-z-]{1,32}\]/g)?.length ?? 0;
}
