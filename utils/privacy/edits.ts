/**
 * Markers and the replacements one rule makes in one left-to-right pass over a text; shared
 * by the pattern rules (utils/privacy/rules.ts) and the hand-written key/value scanner
 * (utils/privacy/key-value.ts).
 */

export const MARKER_PREFIX = '[redacted:';
export const marker = (category: string): string => `${MARKER_PREFIX}${category}]`;
const BRACKET = 91;
/** Is there a marker at `index`? (The bracket test first: it is asked at every candidate.) */
export const isMarkerAt = (text: string, index: number): boolean =>
  text.charCodeAt(index) === BRACKET && text.startsWith(MARKER_PREFIX, index);

/** Replacements made in `text` from left to right; `result()` is the edited text. */
export class Edits {
  /** How many replacements were made. */
  count = 0;
  /** Where the last replacement ended (no later one may start before it). */
  end = 0;
  private out = '';

  constructor(readonly text: string) {}

  /**
   * Replaces `[start, end)` with `replacement`, unless the range is empty, overlaps an earlier
   * replacement or already starts with a marker (so redacting twice changes nothing).
   */
  replace(start: number, end: number, replacement: string): boolean {
    if (start < this.end || end <= start || isMarkerAt(this.text, start)) return false;
    this.out += this.text.slice(this.end, start) + replacement;
    this.end = end;
    this.count += 1;
    return true;
  }

  result(): string {
    return this.end === 0 ? this.text : this.out + this.text.slice(this.end);
  }
}
