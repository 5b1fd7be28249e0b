/**
 * `password: …`, `"apiKey": "…"`, `api_key='…'`, `DB_PASSWORD=…`, `?token=…`, `X-API-Key: …`,
 * also percent-encoded (`%26token%3D…`): the name says whether the value is a secret
 * (utils/privacy/secret-values.ts), and the value is replaced by a marker.
 *
 * A hand-written scanner, not a regular expression: a page can log a megabyte of `token=` or
 * `X-API-Key: `, and per candidate a pattern costs a match object, a capture and a
 * lookbehind. The scanner jumps from separator to separator (`indexOf`), reads the name
 * backwards and the value forwards by character code, and allocates only for a name it must
 * look up and a value under a strong name. Every separator is looked at once and what is
 * read around it is bounded (64 name characters, 8 spaces, the value up to where it ends), so
 * the time stays linear in the text.
 *
 * The form, as a pattern: `NAME QUOTE? [ \t]{0,8} SEPARATOR [ \t]{0,8} VALUE` where
 * - NAME is 1-64 of `[\w.-]` after a character that is not one, or after an escaped `&`, `?`,
 *   `#`, space, quote, `,`, `;` or newline (`%26token`, `%2526token`);
 * - QUOTE closes a quoted name: `"`, `'`, `\"`, `\'`, `%22`, `%2522`;
 * - SEPARATOR is `=`, `:`, `:=`, `=>` or an escaped `=`/`:` (`%3D`, `%253A`…).
 */
import { type Edits, isMarkerAt } from './edits';
import {
  classifyName,
  countValue,
  isPlaceholder,
  judgeCounted,
  LETTER_BITS,
  looksSecretIn,
  MIN_SECRET_LENGTH,
  mayClassify,
  type NameKind,
  valueClassTable,
} from './secret-values';

const MAX_NAME = 64;
const MAX_SPACES = 8;
/** A value under a strong name is a secret up to this length; a generic name's, up to 512. */
const MAX_STRONG_QUOTED = 8192;
const MAX_GENERIC_QUOTED = 512;

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const PERCENT = 37;
const SINGLE_QUOTE = 39;
const COLON = 58;
const EQUALS = 61;
const GREATER = 62;
const QUESTION = 63;
const BRACKET = 91;
const BACKSLASH = 92;
const DIGIT_2 = 50;
const DIGIT_5 = 53;

/** A table of bytes (0-255) for percent-escapes; never 0x25, see `escapeLength`. */
function byteTable(bytes: readonly number[]): Uint8Array {
  const table = new Uint8Array(256);
  for (const byte of bytes) table[byte] = 1;
  return table;
}

/** `[\w.-]`: letters (`LETTER_BITS`), digits, `_`, `.`, `-`. */
const NAME_CODES = new Uint8Array(128).map((_, c) =>
  LETTER_BITS[c] !== 0 || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 ? 1 : 0,
);
/**
 * Per ASCII code, how a bare value treats it: 0 part of the value, `END`, or `SPECIAL` (look
 * closer: an escape, a marker, `=`, `:`, `?`). One look-up per character for the common case.
 */
const BARE_CODES = new Uint8Array(128);
const END = 1;
const SPECIAL = 2;
for (const c of '%[=:?') BARE_CODES[c.charCodeAt(0)] = SPECIAL;
for (const c of ' \t\r\n"\'<>,;&)]}`|\\#') BARE_CODES[c.charCodeAt(0)] = END;
/** `countValue`'s table for a bare value: it stops where `BARE_CODES` is not 0. */
const BARE_VALUE_CLASSES = valueClassTable(BARE_CODES);
/** Escaped characters a name may start behind: `&`, `?`, `#`, space, quotes, `,`, `;`, LF. */
const NAME_START_BYTES = byteTable([0x26, 0x3f, 0x23, 0x20, 0x22, 0x27, 0x2c, 0x3b, 0x0a]);
/** Escaped characters that end a value in a URL: `&`, `#`, space, quotes, `,`, `;`… */
const VALUE_END_BYTES = byteTable([
  0x26, 0x23, 0x20, 0x22, 0x27, 0x2c, 0x3b, 0x3c, 0x3e, 0x0a, 0x0d, 0x29, 0x5d, 0x7d,
]);
const EQUALS_BYTES = byteTable([0x3d]);
const SEPARATOR_BYTES = byteTable([0x3a, 0x3d]);

const isNameCode = (code: number) => code < 128 && NAME_CODES[code] === 1;
const isSpaceOrTab = (code: number) => code === SPACE || code === TAB;

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** The byte of the two hex digits at `at`, or -1. */
function hexByte(text: string, at: number): number {
  const high = hexDigit(text.charCodeAt(at));
  const low = hexDigit(text.charCodeAt(at + 1));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

/**
 * The length of a percent-escape at `at` whose byte is in `bytes`, also double-encoded
 * (`%3D`: 3, `%253D`: 5), else 0. (`%25` itself is in no table, so `%25` followed by
 * something else is no escape of interest.)
 */
function escapeLength(text: string, at: number, bytes: Uint8Array): number {
  if (text.charCodeAt(at) !== PERCENT) return 0;
  let inner = at + 1;
  if (text.charCodeAt(inner) === DIGIT_2 && text.charCodeAt(inner + 1) === DIGIT_5) inner += 2;
  const byte = hexByte(text, inner);
  return byte >= 0 && bytes[byte] === 1 ? inner + 2 - at : 0;
}

/** Does a percent-escape whose byte is in `bytes` end at `end` (`%26`, `%2526`)? */
function escapeEndsAt(text: string, end: number, bytes: Uint8Array): boolean {
  const byte = hexByte(text, end - 2);
  if (byte < 0 || bytes[byte] !== 1) return false;
  if (text.charCodeAt(end - 3) === PERCENT) return true;
  return (
    text.charCodeAt(end - 4) === DIGIT_2 &&
    text.charCodeAt(end - 3) === DIGIT_5 &&
    text.charCodeAt(end - 5) === PERCENT
  );
}

/** The length of an `=` (or escaped `=`) at `at`, else 0. */
function equalsLength(text: string, at: number): number {
  return text.charCodeAt(at) === EQUALS ? 1 : escapeLength(text, at, EQUALS_BYTES);
}

/**
 * Where a name ends before the separator at `at` (`before`: the character before it): behind
 * up to 8 spaces and a closing quote.
 */
function nameEndBefore(text: string, at: number, before: number): number {
  let end = at;
  let code = before;
  while (end > at - MAX_SPACES && isSpaceOrTab(code)) {
    end--;
    code = text.charCodeAt(end - 1);
  }
  if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
    return text.charCodeAt(end - 2) === BACKSLASH ? end - 2 : end - 1;
  }
  if (code === DIGIT_2 && text.charCodeAt(end - 2) === DIGIT_2) {
    // `%22`, `%2522`
    if (text.charCodeAt(end - 3) === PERCENT) return end - 3;
    const double = text.charCodeAt(end - 4) === DIGIT_2 && text.charCodeAt(end - 3) === DIGIT_5;
    if (double && text.charCodeAt(end - 5) === PERCENT) return end - 5;
  }
  return end;
}

/** The letters (`LETTER_BITS`) of the run of name characters `nameStartBefore` read last. */
let nameLetters = 0;

/**
 * Where the name ending at `end` starts, or -1: the longest run of up to 64 name characters
 * behind a character that is not one, else (a longer run) the longest behind an escape such as
 * `%26`. A name the quote test above misread (`%22` as `22`) is only digits, which no name
 * policy knows, so it needs no second try.
 */
function nameStartBefore(text: string, end: number): number {
  let start = end;
  let letters = 0;
  let before = text.charCodeAt(start - 1);
  while (start > end - MAX_NAME && isNameCode(before)) {
    letters |= LETTER_BITS[before] as number;
    start--;
    before = text.charCodeAt(start - 1);
  }
  nameLetters = letters;
  if (start === end) return -1;
  if (!isNameCode(before)) return start;
  for (; start < end; start++) if (escapeEndsAt(text, start, NAME_START_BYTES)) return start;
  return -1;
}

/**
 * The name's kind, where the value starts and its first character, for one separator; set by
 * `pairAt` (module state rather than an object per pair).
 */
let pairKind: NameKind | undefined;
let pairValueStart = 0;
let pairValueCode = 0;

/** The name read last and its kind. */
let lastName = '';
let lastKind: NameKind | undefined;

/**
 * Is the name ending at `end` the one read last? A page logging `token=` in a loop has the
 * same name at every separator: comparing it costs half of reading it backwards and slicing.
 * The character before must not be a name character, or the name would be longer.
 */
function isLastNameAt(text: string, end: number): boolean {
  const n = lastName.length;
  const start = end - n;
  if (n === 0 || start < 0 || text.charCodeAt(end - 1) !== lastName.charCodeAt(n - 1)) return false;
  if (isNameCode(text.charCodeAt(start - 1))) return false;
  for (let i = n - 2; i >= 0; i--) {
    if (text.charCodeAt(start + i) !== lastName.charCodeAt(i)) return false;
  }
  return true;
}

/** Reads the name ending at `end` into `pairKind`; false when there is no name. */
function readName(text: string, end: number): boolean {
  if (!isLastNameAt(text, end)) {
    const start = nameStartBefore(text, end);
    if (start < 0) return false;
    if (!mayClassify(nameLetters)) {
      pairKind = undefined;
      return true;
    }
    lastName = text.slice(start, end);
    lastKind = classifyName(lastName);
  }
  pairKind = lastKind;
  return true;
}

/**
 * Can a name (with its closing quote and spaces) end just before the separator `code`? A
 * quick test that rejects most separators of a run such as `====` or `%%%`.
 */
function mayFollowName(previous: number, code: number): boolean {
  return (
    isNameCode(previous) ||
    isSpaceOrTab(previous) ||
    previous === DOUBLE_QUOTE ||
    previous === SINGLE_QUOTE ||
    (previous === COLON && code === EQUALS)
  );
}

/**
 * Reads the pair around the separator at `at` into `pair`; false when there is none or its name
 * says nothing of its value. `code` is the separator's first character and `previous` the one
 * before it (the finder read both).
 */
function pairAt(text: string, at: number, code: number, previous: number): boolean {
  let length: number;
  let nameBefore = at;
  let before = previous;
  if (code === COLON) {
    length = text.charCodeAt(at + 1) === EQUALS ? 2 : 1;
  } else if (code === EQUALS) {
    length = text.charCodeAt(at + 1) === GREATER ? 2 : 1;
    if (length === 1 && previous === COLON) {
      // The `=` of `:=`: the name is the one before the `:`.
      nameBefore = at - 1;
      before = text.charCodeAt(at - 2);
    }
  } else {
    length = escapeLength(text, at, SEPARATOR_BYTES);
    if (length === 0) return false;
  }
  let named = readName(text, nameEndBefore(text, nameBefore, before));
  if (!named && length === 2 && code === EQUALS && previous === COLON) {
    // `:=>`: read as the `=` of `:=`, with the name before the `:`.
    length = 1;
    named = readName(text, nameEndBefore(text, at - 1, text.charCodeAt(at - 2)));
  }
  // Most names say nothing of their value (`https:`, `TypeError:`): no need to read it.
  if (!named || pairKind === undefined) return false;
  let valueStart = at + length;
  const spacesEnd = valueStart + MAX_SPACES;
  let valueCode = text.charCodeAt(valueStart);
  while (valueStart < spacesEnd && isSpaceOrTab(valueCode)) {
    valueStart++;
    valueCode = text.charCodeAt(valueStart);
  }
  pairValueStart = valueStart;
  pairValueCode = valueCode;
  return true;
}

const isSeparatorCode = (code: number) => code === COLON || code === EQUALS || code === PERCENT;

/** Where the search last found each separator character in the text being scanned. */
let colonAt = -1;
let equalsAt = -1;
let percentAt = -1;
/** The found separator's first character and the character before it. */
let separatorCode = 0;
let separatorPrevious = 0;

/**
 * The next separator (its first character: `:`, `=`, `%`) at or after `from` that a name may
 * stand before, or -1. `indexOf` jumps over text without separators; a run of separators
 * (`====`) is walked one character at a time, each read once.
 */
function nextSeparator(text: string, from: number): number {
  let at = from;
  let code = text.charCodeAt(at);
  let previous = isSeparatorCode(code) ? text.charCodeAt(at - 1) : 0;
  for (;;) {
    if (!isSeparatorCode(code)) {
      at = nextSeparatorCharacter(text, at);
      if (at < 0) return -1;
      code = text.charCodeAt(at);
      previous = text.charCodeAt(at - 1);
    }
    if (mayFollowName(previous, code)) {
      separatorCode = code;
      separatorPrevious = previous;
      return at;
    }
    previous = code;
    at += 1;
    code = text.charCodeAt(at);
  }
}

/** The next `:`, `=` or `%` at or after `from`, or -1. */
function nextSeparatorCharacter(text: string, from: number): number {
  colonAt = after(text, colonAt, ':', from);
  equalsAt = after(text, equalsAt, '=', from);
  percentAt = after(text, percentAt, '%', from);
  const next = Math.min(colonAt, equalsAt, percentAt);
  return next === text.length ? -1 : next;
}

/** Each character's `indexOf` runs again only once the search has passed its last find. */
function after(text: string, found: number, char: string, from: number): number {
  if (found >= from) return found;
  const index = text.indexOf(char, from);
  return index < 0 ? text.length : index;
}

/** The value `readValue` read last (module state, so reading allocates nothing). */
let spanStart = 0;
let spanEnd = 0;

/**
 * Reads the value that starts at `from` (`code`: its first character) into `spanStart`/`spanEnd`, false
 * if it is empty. Both readers stop at a marker, so a value never starts at one and is never
 * redacted twice. Quoted (`"…"`, `'…'`, `\"…\"`, `%22…%22`, up to the
 * line's end if unclosed) or bare (up to a space, `&`, `;`, a quote, an escaped `&`…).
 * `stopAtEquals`: a generic name's value ends at `=`/`:`/`?` (so `key=name:password=x` is read
 * pair by pair); trailing base64 padding stays part of the value.
 */
function readValue(
  text: string,
  from: number,
  code: number,
  stopAtEquals: boolean,
  maxQuoted: number,
): boolean {
  const next = text.charCodeAt(from + 1);
  if (code === BACKSLASH && (next === DOUBLE_QUOTE || next === SINGLE_QUOTE)) {
    return readQuoted(text, from + 2, maxQuoted, next, true);
  }
  if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
    return readQuoted(text, from + 1, maxQuoted, code, false);
  }
  if (code === PERCENT && next === DIGIT_2 && text.charCodeAt(from + 2) === DIGIT_2) {
    return readQuoted(text, from + 3, maxQuoted, PERCENT, false);
  }
  return readBare(text, from, stopAtEquals);
}

/**
 * A quoted value from `start` to its closing quote (`quote`: `"`, `'`, or `%` for `%22`;
 * `escaped`: closed by `\"`), the line's end, a marker or `maxQuoted` characters. Inside a
 * plain quote, a backslash escapes the next character.
 */
function readQuoted(
  text: string,
  start: number,
  maxQuoted: number,
  quote: number,
  escaped: boolean,
): boolean {
  const limit = Math.min(text.length, start + maxQuoted);
  const plain = !escaped && quote !== PERCENT;
  let i = start;
  while (i < limit) {
    const code = text.charCodeAt(i);
    if (code === LF || code === CR) break;
    if (code === BRACKET && isMarkerAt(text, i)) break;
    if (plain) {
      if (code === quote) break;
      if (code === BACKSLASH) {
        i += 2;
        continue;
      }
    } else if (escaped) {
      if (code === BACKSLASH && text.charCodeAt(i + 1) === quote) break;
    } else if (code === PERCENT && text.startsWith('%22', i)) {
      break;
    }
    i += 1;
  }
  return setSpan(start, Math.min(i, text.length));
}

function setSpan(start: number, end: number): boolean {
  spanStart = start;
  spanEnd = end;
  return end > start;
}

/** A bare value from `start`; see `readValue`. */
function readBare(text: string, start: number, stopAtEquals: boolean): boolean {
  let i = start;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const kind = code < 128 ? BARE_CODES[code] : 0;
    if (kind === 0) {
      i += 1;
      continue;
    }
    if (kind === END) break;
    if (code === PERCENT && escapeLength(text, i, VALUE_END_BYTES) > 0) break;
    if (code === BRACKET && isMarkerAt(text, i)) break;
    const equals = code === EQUALS ? 1 : equalsLength(text, i);
    if (equals > 0 && !stopAtEquals) {
      i += equals;
      continue;
    }
    if (equals > 0) {
      i = withPadding(text, i);
      break;
    }
    if (stopAtEquals && (code === COLON || code === QUESTION)) break;
    i += 1;
  }
  return setSpan(start, i);
}

/**
 * Where a generic value that meets `=` at `at` ends: after a run of `=` (base64 padding:
 * `abc==`, `abc%3D`) when the run ends the value, else at `at` (the next pair begins).
 */
function withPadding(text: string, at: number): number {
  let end = at;
  for (let step = equalsLength(text, end); step > 0; step = equalsLength(text, end)) end += step;
  const next = text.charCodeAt(end);
  const ends =
    Number.isNaN(next) || BARE_CODES[next] === END || escapeLength(text, end, VALUE_END_BYTES) > 0;
  return ends ? end : at;
}

/**
 * A generic name's bare value that is a plain run of characters (the common case: `code=abc…`)
 * is read and judged in one pass (`countValue`); whether it is a secret, with its end in
 * `spanEnd`, or `undefined` when the value needs `readValue` (a quote, an escape, a marker,
 * base64 padding).
 */
function readAndJudgePlainValue(text: string, start: number, ids: boolean): boolean | undefined {
  const first = pairValueCode;
  if (first < 128 && BARE_CODES[first] !== 0) return undefined;
  if (!lastPlainWasLong) {
    // In a run of short words (`token=token=…`) a value is looked over before it is counted.
    const short = plainRunEnd(text, start + 1, start + MIN_SECRET_LENGTH);
    if (short < start + MIN_SECRET_LENGTH) return plainValueEndsAt(text, short) ? false : undefined;
  }
  // The plain run stops at an end or a special character (`BARE_CODES` not 0).
  const end = countValue(text, start, text.length, BARE_VALUE_CLASSES);
  lastPlainWasLong = end - start >= MIN_SECRET_LENGTH;
  if (!plainValueEndsAt(text, end)) return undefined;
  spanEnd = end;
  return judgeCounted(text, start, end, ids);
}

/**
 * Was the last plain value counted long enough to judge? Then the next is counted at once (a run
 * of secrets), else first looked over (a run of short words). Either way the answer is the same.
 */
let lastPlainWasLong = false;

/** Where the plain run of a bare value from `from` stops, looking no further than `limit`. */
function plainRunEnd(text: string, from: number, limit: number): number {
  let i = from;
  const end = Math.min(limit, text.length);
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && BARE_CODES[code] !== 0) break;
  }
  return i;
}

/** Does a generic bare value whose plain run stops at `at` end there (see `readBare`)? */
function plainValueEndsAt(text: string, at: number): boolean {
  if (at === text.length) return true;
  const code = text.charCodeAt(at);
  if (BARE_CODES[code] === END || code === COLON || code === QUESTION) return true;
  if (code === PERCENT && escapeLength(text, at, VALUE_END_BYTES) > 0) return true;
  // At `=` the next pair begins, unless the `=`s are padding that ends the value.
  return equalsLength(text, at) > 0 && withPadding(text, at) === at;
}

/** Replaces the value of the pair in `pair` when its name and value make it a secret. */
function redactPair(text: string, edits: Edits, marker: string): boolean {
  const kind = pairKind;
  if (kind === undefined) return false;
  const strong = kind === 'strong';
  if (!strong) {
    const plain = readAndJudgePlainValue(text, pairValueStart, kind === 'session');
    if (plain !== undefined) return plain && edits.replace(pairValueStart, spanEnd, marker);
  }
  const maxQuoted = strong ? MAX_STRONG_QUOTED : MAX_GENERIC_QUOTED;
  if (!readValue(text, pairValueStart, pairValueCode, !strong, maxQuoted)) return false;
  const start = spanStart;
  const end = spanEnd;
  // Too short to look like a secret: no need to cut it out and look.
  if (!strong && end - start < MIN_SECRET_LENGTH) return false;
  if (strong) {
    if (isPlaceholder(text.slice(start, end))) return false;
  } else if (!looksSecretIn(text, start, end, kind === 'session')) {
    return false;
  }
  return edits.replace(start, end, marker);
}

/**
 * Finds every `name=value` pair in `text` and replaces the values that are secrets. After a
 * replaced value the search goes on behind it; after a kept pair, from the separator's next
 * character (so the value is still searched for pairs of its own: `key=name:password=x`).
 */
export function scanKeyValues(text: string, edits: Edits, marker: string): void {
  colonAt = equalsAt = percentAt = -1;
  let from = 0;
  for (let at = nextSeparator(text, from); at >= 0; at = nextSeparator(text, from)) {
    from = at + 1;
    const found = pairAt(text, at, separatorCode, separatorPrevious);
    if (found && redactPair(text, edits, marker)) from = edits.end;
  }
}
