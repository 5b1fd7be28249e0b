/**
 * The user's own redaction patterns. A regular expression can take exponential time on a
 * crafted text (`(a+)+b`), and the page controls the text; so patterns are checked when saved
 * and those that can backtrack without bound are refused with a reason:
 * - no back-references;
 * - no repeated group that itself repeats or has alternatives (`(a+)+`, `(a|ab)*`);
 * - the repeats' ranges multiplied stay small (an open-ended `+`/`*` counts as 1,000), so
 *   `CUST-\d+` and `[A-Z]{2,4}-\d{4,8}` pass but `\w+@\w+` (1,000 x 1,000) does not: write
 *   `\w{1,64}@\w+` instead.
 * Accepted patterns run over windows of `WINDOW` characters (overlapping by `OVERLAP`), so
 * even a slow accepted pattern does bounded work per window.
 */

import type { Words } from '../i18n';

/** Why a pattern cannot be used, in the words the options page shows (`public/_locales`). */
export type PatternProblem = Words;

/** The longest user pattern accepted. */
export const MAX_CUSTOM_PATTERN_LENGTH = 200;
/** Largest product of repeat ranges (an open-ended repeat counts as `OPEN_ENDED`). */
export const MAX_REPEAT_PRODUCT = 4096;
const OPEN_ENDED = 1000;
/** Characters a user pattern sees at once, and how much consecutive windows overlap. */
export const WINDOW = 1000;
export const OVERLAP = 200;

interface Group {
  repeats: boolean;
  alternatives: boolean;
}

/** Reads `{n}`, `{n,}`, `{n,m}` at `i`; `undefined` when the brace is a literal. */
function readBraces(source: string, i: number): { range: number; end: number } | undefined {
  const match = /^\{(\d{1,6})(,(\d{0,6}))?\}/.exec(source.slice(i, i + 16));
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : match[3] === '' ? min + OPEN_ENDED : Number(match[3]);
  return { range: Math.max(1, max - min + 1), end: i + match[0].length };
}

/** Why a pattern could stall capture, or `undefined` when it is safe to run. */
export function backtrackingProblem(source: string): PatternProblem | undefined {
  const stack: Group[] = [{ repeats: false, alternatives: false }];
  let product = 1;
  let lastGroup: Group | undefined;
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    let atom: Group | undefined;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') {
        return { key: 'patternProblem_backReference' };
      }
      i += 2;
    } else if (c === '[') {
      i += 1;
      if (source[i] === '^') i += 1;
      if (source[i] === ']') i += 1;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i += 1;
    } else if (c === '(') {
      stack.push({ repeats: false, alternatives: false });
      i += 1;
      if (source[i] === '?') {
        // (?:, (?=, (?!, (?<=, (?<!, (?<name>
        i += 1;
        if (source[i] === '<' && source[i + 1] !== '=' && source[i + 1] !== '!') {
          while (i < source.length && source[i] !== '>') i += 1;
        }
        i += 1;
      }
      continue;
    } else if (c === ')') {
      atom = stack.length > 1 ? stack.pop() : undefined;
      if (atom && stack.length > 0) {
        const parent = stack[stack.length - 1] as Group;
        parent.repeats ||= atom.repeats;
      }
      i += 1;
    } else if (c === '|') {
      (stack[stack.length - 1] as Group).alternatives = true;
      i += 1;
      lastGroup = undefined;
      continue;
    } else {
      i += 1;
    }
    // A quantifier after this atom?
    let range = 0;
    const q = source[i];
    if (q === '*' || q === '+') {
      range = OPEN_ENDED;
      i += 1;
    } else if (q === '?') {
      range = 2;
      i += 1;
    } else if (q === '{') {
      const braces = readBraces(source, i);
      if (braces) {
        range = braces.range;
        i = braces.end;
      }
    }
    if (range > 0 && source[i] === '?') i += 1; // lazy
    lastGroup = atom;
    if (range > 1) {
      if (lastGroup && (lastGroup.repeats || lastGroup.alternatives) && range > 2) {
        return { key: 'patternProblem_nestedRepeat' };
      }
      (stack[stack.length - 1] as Group).repeats = true;
      product *= range;
      if (product > MAX_REPEAT_PRODUCT) {
        return { key: 'patternProblem_openRepeats' };
      }
    }
  }
  return undefined;
}

/** Compiles a user's pattern, or says why it cannot be used (for the options page). */
export function checkCustomPattern(source: string): PatternProblem | undefined {
  if (source.trim() === '') return { key: 'patternProblem_empty' };
  if (source.length > MAX_CUSTOM_PATTERN_LENGTH) {
    return { key: 'patternProblem_tooLong', values: [String(MAX_CUSTOM_PATTERN_LENGTH)] };
  }
  try {
    const pattern = new RegExp(source, 'gi');
    if (pattern.test('')) return { key: 'patternProblem_matchesEmpty' };
  } catch (error) {
    // The browser's own reason (in its language), inside our sentence.
    const reason = error instanceof Error ? error.message : String(error);
    return { key: 'patternProblem_invalid', values: [reason] };
  }
  return backtrackingProblem(source);
}

export function compileCustomPatterns(sources: readonly string[]): RegExp[] {
  return sources
    .filter((source) => checkCustomPattern(source) === undefined)
    .map((source) => new RegExp(source, 'gi'));
}

/**
 * Replaces every match of a user pattern, window by window: a match must start in the first
 * `WINDOW - OVERLAP` characters of a window (the last window: anywhere), so matches up to
 * `OVERLAP` characters long are found wherever they are.
 */
export function applyCustomPattern(
  text: string,
  pattern: RegExp,
  replacement: string,
  isMarkerAt: (text: string, index: number) => boolean,
  onReplace: () => void,
): string {
  let out = '';
  let done = 0;
  let windowStart = 0;
  while (windowStart < text.length) {
    const windowEnd = Math.min(text.length, windowStart + WINDOW);
    const startLimit = windowEnd === text.length ? windowEnd : windowEnd - OVERLAP;
    const view = text.slice(windowStart, windowEnd);
    pattern.lastIndex = Math.max(0, done - windowStart);
    for (let match = pattern.exec(view); match !== null; match = pattern.exec(view)) {
      const start = windowStart + match.index;
      if (start >= startLimit) break;
      if (match[0] === '') {
        pattern.lastIndex += 1;
        continue;
      }
      const end = start + match[0].length;
      if (isMarkerAt(text, start) || insideMarker(text, start)) continue;
      out += text.slice(done, start) + replacement;
      done = end;
      onReplace();
    }
    let next = Math.max(startLimit, done);
    if (next <= windowStart) next = windowStart + 1;
    windowStart = next;
  }
  return done === 0 ? text : out + text.slice(done);
}

/** Is `index` inside a `[redacted:…]` marker (a user pattern such as `redacted` must skip it)? */
function insideMarker(text: string, index: number): boolean {
  const from = Math.max(0, index - 40);
  const open = text.slice(from, index + 1).lastIndexOf('[redacted:');
  if (open < 0) return false;
  const close = text.slice(from + open, from + open + 40).indexOf(']');
  return close >= 0 && from + open + close >= index;
}
