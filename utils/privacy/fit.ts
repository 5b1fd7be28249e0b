/**
 * Cutting captured text to size. Every captured string is cut twice: before redaction (so a
 * page cannot make redaction work on megabytes) and after it (markers can be longer than what
 * they replace, and a value must never outgrow its schema limit, or the whole message carrying
 * it is refused). A cut says so: `… [cut 96000 chars]`.
 */

export const cutNote = (count: number): string => `… [cut ${count} chars]`;

/** How far past the final length text is kept for redaction, so a secret on the cut is seen whole. */
export const PRE_CUT_FACTOR = 2;
const PRE_CUT_MARGIN = 1024;

/** The length to cut raw text to before redacting it, for a value limited to `max`. */
export function preCutLength(max: number): number {
  return max * PRE_CUT_FACTOR + PRE_CUT_MARGIN;
}

/**
 * Cuts `text` to at most `max` characters, ending with a note of how many characters were
 * left out (`alreadyCut` adds those cut earlier). Never splits a `[redacted:…]` marker or a
 * surrogate pair. Text within the limit (and nothing cut before) comes back unchanged.
 */
export function cutText(text: string, max: number, alreadyCut = 0): string {
  if (text.length <= max && alreadyCut === 0) return text;
  if (text.length + cutNote(alreadyCut).length <= max) return text + cutNote(alreadyCut);
  let keep = Math.max(0, max - cutNote(text.length + alreadyCut).length);
  if (keep === 0) return text.slice(0, max);
  const open = text.lastIndexOf('[redacted:', keep);
  if (open >= 0 && keep - open < 40) {
    const close = text.indexOf(']', open);
    if (close < 0 || close >= keep) keep = open;
  }
  const code = text.charCodeAt(keep - 1);
  if (code >= 0xd800 && code <= 0xdbff) keep -= 1;
  return text.slice(0, keep) + cutNote(text.length - keep + alreadyCut);
}
