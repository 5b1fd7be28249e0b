/**
 * When a `name=value` (or `name: value`) pair holds a secret: the name says how sure we are,
 * the value decides for generic names. Kept apart from the patterns so the policy is in one
 * place and readable.
 */

/**
 * - `strong`: the value is a secret unless it is a placeholder (`password`, `client_secret`,
 *   `X-API-Key`, `access_token`…);
 * - `generic`: only when the value looks like a secret (`token`, `code`, `key`, `auth`, `sig`);
 * - `session`: like generic, and UUIDs or hex ids count as secrets (`session`, `sid`).
 */
export type NameKind = 'strong' | 'generic' | 'session';

/** Names that mean "where/what kind of secret", never the secret itself. */
const PLAIN_SUFFIXES = [
  'name',
  'names',
  'ref',
  'keyref',
  'namespace',
  'type',
  'kind',
  'path',
  'file',
  'version',
  'count',
  'length',
  'len',
  'expiry',
  'expires',
  'expiresat',
  'expiresin',
  'expiration',
  'ttl',
  'url',
  'uri',
  'endpoint',
  'policy',
  'field',
  'label',
  'prompt',
  'hint',
  'required',
  'enabled',
  'mode',
  'format',
  'source',
  'store',
  'provider',
];

/** Pagination cursors: opaque, but not credentials. */
const PLAIN_NAMES = new Set([
  'pagetoken',
  'nextpagetoken',
  'nexttoken',
  'continuationtoken',
  'resumetoken',
  'synctoken',
  'nextlink',
  'errorcode',
  'statuscode',
  'exitcode',
  'responsecode',
  'returncode',
  'keycode',
  'countrycode',
  'languagecode',
  'zipcode',
  'postcode',
  'postalcode',
  'sourcecode',
  'barcode',
  'qrcode',
  'charcode',
  'opcode',
  'hashcode',
  'publickey',
]);

const STRONG_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'apikey',
  'privatekey',
  'credential',
  'creds',
  'signature',
  'accountkey',
  'sharedaccesskey',
  'masterkey',
  'signingkey',
  'encryptionkey',
  'subscriptionkey',
  'licensekey',
  'keydata',
  'authorization',
];

const SESSION_NAMES = new Set(['sid', 'sessid', 'phpsessid', 'connectsid']);

/** `X-API-Key` -> `xapikey`; leading percent-escape residue (`26token`) is dropped. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/^\d+/, '');
}

/** Every name `classifyName` knows contains one of these parts (in either case). */
const CANDIDATE = /pass|pwd|secret|key|token|cred|sig|sess|sid|auth|code|jwt/i;

/** Per ASCII code, a letter's bit (`a`/`A`: 1, `b`/`B`: 2…), 0 for other characters. */
export const LETTER_BITS = new Int32Array(128);
for (let i = 0; i < 26; i++) {
  LETTER_BITS[97 + i] = 1 << i;
  LETTER_BITS[65 + i] = 1 << i;
}
const letterSet = (word: string) => {
  let set = 0;
  for (const c of word) set |= LETTER_BITS[c.charCodeAt(0)] as number;
  return set;
};
const CANDIDATE_LETTERS = Int32Array.from(CANDIDATE.source.split('|'), letterSet);

/**
 * Could a name with these letters (its `LETTER_BITS` together) be one `classifyName` knows?
 * Such a name contains a candidate part, so it has all of the part's letters: most names in
 * ordinary text (`https`, `TypeError`, `limit`) are ruled out without being cut out or looked
 * up.
 */
export function mayClassify(letters: number): boolean {
  for (let i = 0; i < CANDIDATE_LETTERS.length; i++) {
    const set = CANDIDATE_LETTERS[i] as number;
    if ((letters & set) === set) return true;
  }
  return false;
}

/** Names repeat (a page logging `token=` in a loop): remember recent answers, bounded. */
const cache = new Map<string, NameKind | null>();
const CACHE_SIZE = 1024;

/** How a field or parameter name bears on its value, or `undefined` for ordinary names. */
export function classifyName(name: string): NameKind | undefined {
  const known = cache.get(name);
  if (known !== undefined) return known ?? undefined;
  const kind = CANDIDATE.test(name) ? classify(normaliseName(name)) : undefined;
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(name, kind ?? null);
  return kind;
}

function classify(n: string): NameKind | undefined {
  if (n === '' || PLAIN_NAMES.has(n)) return undefined;
  for (const suffix of PLAIN_SUFFIXES) {
    if (n.length > suffix.length && n.endsWith(suffix)) {
      // `secret_id` (Vault AppRole) and `private_key_id` stay secrets; other `…id`s do not.
      return undefined;
    }
  }
  if (n === 'pwd') return 'generic';
  if (n.endsWith('pwd')) return 'strong';
  if (n.endsWith('token') || n.endsWith('tokens')) {
    return n === 'token' || n === 'tokens' ? 'generic' : 'strong';
  }
  for (const part of STRONG_PARTS) if (n.includes(part)) return 'strong';
  if (n.includes('session') || SESSION_NAMES.has(n)) return 'session';
  if (n.includes('token')) return 'generic';
  if (n === 'key' || n === 'code' || n === 'auth' || n === 'sig' || n === 'jwt') return 'generic';
  if (n.endsWith('auth') || n.endsWith('key')) return 'generic';
  if (/(?:auth|otp|mfa|verification|totp|oauth)code$/.test(n)) return 'strong';
  return undefined;
}

/** Words that follow "password:" in messages rather than being one. */
export const NOT_A_VALUE: ReadonlySet<string> = new Set(
  (
    'null none nil undefined true false yes no on off empty required optional missing invalid ' +
    'incorrect wrong expired expires expiring changed reset set unset hidden redacted masked ' +
    'must is are was were be been should cannot can could not the a an for of to too has have ' +
    'does did do will with without and or in on at by from mismatch rejected accepted updated ' +
    'saved weak strong short long length policy valid ok failed error errors provided needed ' +
    'match matches denied supplied given present absent configured enabled disabled'
  ).split(' '),
);

/** No word of `NOT_A_VALUE` is longer (lower-casing never shortens a string; a test checks). */
export const LONGEST_NOT_A_VALUE = 10;

/**
 * Can a character begin or end a `NOT_A_VALUE` word once lower-cased? Only a letter, or a
 * character beyond ASCII (the Kelvin sign lower-cases to `k`).
 */
const mayBeInWord = (code: number) =>
  code >= 128 || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);

const PLACEHOLDER = /^(?:[*x•·.#-]+|<[^<>]{0,64}>|\$\{[^{}]{0,64}\}|\{\{[^{}]{0,64}\}\}|%s|\?+)$/i;
const codeSet = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
/** The characters a `PLACEHOLDER` can start and end with: a cheap test before the pattern. */
const PLACEHOLDER_FIRST = codeSet('*xX•·.#-<${%?');
const PLACEHOLDER_LAST = codeSet('*xX•·.#->}sS?');

/**
 * A value that is not a secret even under a strong name: a word of a message, `***`, `${VAR}`.
 * Its first and last characters are tested before anything is allocated or matched: a page
 * can log thousands of values under `password`.
 */
export function isPlaceholder(value: string): boolean {
  const n = value.length;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  if (
    n <= LONGEST_NOT_A_VALUE &&
    mayBeInWord(first) &&
    mayBeInWord(last) &&
    NOT_A_VALUE.has(value.toLowerCase())
  ) {
    return true;
  }
  return (
    n <= 70 && PLACEHOLDER_FIRST.has(first) && PLACEHOLDER_LAST.has(last) && PLACEHOLDER.test(value)
  );
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_ID = /^[0-9a-f]{16,64}$/i;
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.-]*)?$/i;
/** `ERR_HTTP2_PROTOCOL_ERROR`, `ECONNRESET`: constants, not secrets. */
const CONSTANT = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const CAMEL_CASE = /^[A-Z]?[a-z]+(?:[A-Z][a-z]+)+$/;

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  const seen = new Map<string, number>();
  for (const char of value) seen.set(char, (seen.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of seen.values())
    bits -= (count / value.length) * Math.log2(count / value.length);
  return bits;
}

/** A value whose commonest character is at most this share has min-entropy >= 2.5 bits. */
const MAX_SHARE_FOR_ENTROPY = 2 ** -2.5;

const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isLowerCode = (c: number) => c >= 97 && c <= 122;
const isUpperCode = (c: number) => c >= 65 && c <= 90;

/** What a character is, as bits of a value class table (`valueClassTable`). */
const LOWER = 1;
const UPPER = 2;
const DIGIT = 4;
/** A letter other than a-f, A-F (a value without one may be a hex id). */
const NOT_HEX = 8;
const SPACE = 16;
const DOT = 32;
/** Where the caller's value ends (`countValue` stops before it). */
const STOP = 64;

/**
 * A table, by ASCII code, of what `countValue` needs to know of each character: its class
 * bits, and `STOP` where `stops` is not 0. One look-up per character: secrets are random, so a
 * branch per character class would be mispredicted at almost every character.
 */
export function valueClassTable(stops: Uint8Array): Uint8Array {
  return new Uint8Array(128).map((_, c) => {
    const lower = isLowerCode(c);
    const upper = isUpperCode(c);
    const hex = (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    return (
      (lower ? LOWER : 0) |
      (upper ? UPPER : 0) |
      (isDigitCode(c) ? DIGIT : 0) |
      ((lower || upper) && !hex ? NOT_HEX : 0) |
      (c === 32 || (c >= 9 && c <= 13) ? SPACE : 0) |
      (c === 46 ? DOT : 0) |
      (stops[c] !== 0 ? STOP : 0)
    );
  });
}

const ALL_CLASSES = valueClassTable(new Uint8Array(128));

/** No shorter value looks like a secret (`looksSecret`). */
export const MIN_SECRET_LENGTH = 8;
const MAX_SECRET_LENGTH = 8192;

/**
 * How often each ASCII character occurs in the value being counted: `tag << COUNT_BITS | count`,
 * where the tag says which value counted it, so nothing is cleared between values.
 */
const frequencies = new Int32Array(128);
const COUNT_BITS = 14;
const COUNT_MASK = (1 << COUNT_BITS) - 1;
/** Tags fit in the 17 bits above the count (a positive 31-bit number). */
const MAX_TAG = (1 << (31 - COUNT_BITS)) - 1;
let tag = 0;

/** What `countValue` found in the value it counted last (written once per value). */
let countedClasses = 0;
let countedMost = 0;
let countedAscii = true;

/**
 * Reads `text` from `start` up to `end` or the first ASCII character whose `classes` entry has
 * `STOP` (`valueClassTable`), and returns where it stopped; on the way it records the character
 * classes and the commonest character's count of the first `MAX_SECRET_LENGTH + 1` characters,
 * for `judgeCounted`. A caller that must find where a value ends anyway counts it in the same
 * pass (utils/privacy/key-value.ts), so its characters are read once.
 */
export function countValue(text: string, start: number, end: number, classes: Uint8Array): number {
  if (tag === MAX_TAG) {
    frequencies.fill(0);
    tag = 0;
  }
  tag += 1;
  const stamp = tag << COUNT_BITS;
  let found = 0;
  let most = 0;
  let ascii = true;
  // Longer values are no secret: past this, only their end is looked for.
  const counted = Math.min(end, start + MAX_SECRET_LENGTH + 1);
  let i = start;
  for (; i < counted; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      if (/\s/.test(text[i] as string)) found |= SPACE;
      ascii = false;
      continue;
    }
    const bits = classes[c] as number;
    if (bits >= STOP) break;
    found |= bits;
    // Same tag: the bits above the count cancel out. (Counted without masking: measured a
    // third faster than testing the tag, a branch that random values mispredict.)
    const entry = frequencies[c] as number;
    const count = (entry ^ stamp) <= COUNT_MASK ? entry - stamp + 1 : 1;
    frequencies[c] = stamp + count;
    if (count > most) most = count;
  }
  if (i === counted) {
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && (classes[c] as number) >= STOP) break;
    }
  }
  countedClasses = found;
  countedMost = most;
  countedAscii = ascii;
  return i;
}

/**
 * `entropy(text.slice(start, end))` of the ASCII value `countValue` has just counted, from its
 * counts (each character's term once, in the order of first occurrence, as `entropy` sums).
 */
function countedEntropy(text: string, start: number, end: number): number {
  const n = end - start;
  const stamp = tag << COUNT_BITS;
  let bits = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const entry = frequencies[c] as number;
    if ((entry ^ stamp) > COUNT_MASK) continue;
    const share = (entry - stamp) / n;
    bits -= share * Math.log2(share);
    // Tag 0 is never a value's: the character's term is not added twice.
    frequencies[c] = 0;
  }
  return bits;
}

/**
 * Does a value under a generic name look like a secret? At least 8 characters without spaces,
 * letters and digits mixed (or a long mixed-case run), enough entropy; dates, versions,
 * constants and (unless `ids`) UUIDs and hex ids are not.
 */
export function looksSecret(value: string, ids = false): boolean {
  return looksSecretIn(value, 0, value.length, ids);
}

/** Tests `pattern` on `text.slice(start, end)` (cut out only when a pattern must look). */
const matchesIn = (pattern: RegExp, text: string, start: number, end: number) =>
  pattern.test(text.slice(start, end));

/**
 * `looksSecret(text.slice(start, end), ids)` without cutting the value out. One pass records
 * the character classes and the commonest character, so each shape's pattern runs only where
 * they allow it, and the entropy's logarithms only when the commonest character does not decide
 * (Shannon entropy is never below -log2 of its share): a page can log thousands of values.
 */
export function looksSecretIn(text: string, start: number, end: number, ids = false): boolean {
  const n = end - start;
  if (n < MIN_SECRET_LENGTH || n > MAX_SECRET_LENGTH) return false;
  countValue(text, start, end, ALL_CLASSES);
  return judgeCounted(text, start, end, ids);
}

/** At least `min` characters of `[start, end)` pass `test`? */
function atLeast(
  text: string,
  start: number,
  end: number,
  min: number,
  test: (c: number) => boolean,
) {
  let found = 0;
  for (let i = start; i < end && found < min; i++) if (test(text.charCodeAt(i))) found++;
  return found >= min;
}

/** `looksSecretIn` for the value `countValue` has just counted, `[start, end)`. */
export function judgeCounted(text: string, start: number, end: number, ids = false): boolean {
  const n = end - start;
  const classes = countedClasses;
  if (n < MIN_SECRET_LENGTH || n > MAX_SECRET_LENGTH || (classes & SPACE) !== 0) return false;
  const first = text.charCodeAt(start);
  const date = isDigitCode(first) && text.charCodeAt(start + 4) === 45;
  if (date && matchesIn(DATE, text, start, end)) return false;
  const version = (classes & DOT) !== 0 && (isDigitCode(first) || first === 118 || first === 86);
  if (version && matchesIn(VERSION, text, start, end)) return false;
  const lower = (classes & LOWER) !== 0;
  const upper = (classes & UPPER) !== 0;
  if (!lower && upper && matchesIn(CONSTANT, text, start, end)) return false;
  if (
    (classes & NOT_HEX) === 0 &&
    (matchesIn(UUID, text, start, end) || matchesIn(HEX_ID, text, start, end))
  ) {
    return ids;
  }
  if (!lower && !upper) return false;
  const digit = (classes & DIGIT) !== 0;
  // Without digits, only a long run of both cases (3 or more each) is mixed enough.
  const mixed =
    digit ||
    (n >= 20 &&
      lower &&
      upper &&
      atLeast(text, start, end, 3, isLowerCode) &&
      atLeast(text, start, end, 3, isUpperCode));
  if (!mixed) return false;
  // camelCase words (`ServiceUnavailable`) are names, not secrets.
  if (!digit && matchesIn(CAMEL_CASE, text, start, end)) return false;
  if (!countedAscii) return entropy(text.slice(start, end)) >= 2.5;
  return countedMost / n <= MAX_SHARE_FOR_ENTROPY || countedEntropy(text, start, end) >= 2.5;
}
