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

/** Every name `classifyName` knows contains one of these: a cheap first test. */
const CANDIDATE = /pass|pwd|secret|key|token|cred|sig|sess|sid|auth|code|jwt/i;

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
const NOT_A_VALUE = new Set(
  (
    'null none nil undefined true false yes no on off empty required optional missing invalid ' +
    'incorrect wrong expired expires expiring changed reset set unset hidden redacted masked ' +
    'must is are was were be been should cannot can could not the a an for of to too has have ' +
    'does did do will with without and or in on at by from mismatch rejected accepted updated ' +
    'saved weak strong short long length policy valid ok failed error errors provided needed ' +
    'match matches denied supplied given present absent configured enabled disabled'
  ).split(' '),
);

const PLACEHOLDER = /^(?:[*x•·.#-]+|<[^<>]{0,64}>|\$\{[^{}]{0,64}\}|\{\{[^{}]{0,64}\}\}|%s|\?+)$/i;

/** A value that is not a secret even under a strong name: a word of a message, `***`, `${VAR}`. */
export function isPlaceholder(value: string): boolean {
  if (value.length <= 24 && NOT_A_VALUE.has(value.toLowerCase())) return true;
  return value.length <= 70 && PLACEHOLDER.test(value);
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_ID = /^[0-9a-f]{16,64}$/i;
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.-]*)?$/i;
/** `ERR_HTTP2_PROTOCOL_ERROR`, `ECONNRESET`: constants, not secrets. */
const CONSTANT = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Does a value under a generic name look like a secret? At least 8 characters without spaces,
 * letters and digits mixed (or a long mixed-case run), enough entropy; dates, versions,
 * constants and (unless `ids`) UUIDs and hex ids are not.
 */
export function looksSecret(value: string, ids = false): boolean {
  if (value.length < 8 || value.length > 8192 || /\s/.test(value)) return false;
  if (DATE.test(value) || VERSION.test(value) || CONSTANT.test(value)) return false;
  if (UUID.test(value) || HEX_ID.test(value)) return ids;
  let lower = 0;
  let upper = 0;
  let digit = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) lower++;
    else if (c >= 65 && c <= 90) upper++;
    else if (c >= 48 && c <= 57) digit++;
  }
  const letters = lower + upper;
  if (letters === 0) return false;
  const mixed = digit > 0 || (value.length >= 20 && upper >= 3 && lower >= 3);
  if (!mixed) return false;
  // camelCase words (`ServiceUnavailable`) are names, not secrets.
  if (digit === 0 && /^[A-Z]?[a-z]+(?:[A-Z][a-z]+)+$/.test(value)) return false;
  return entropy(value) >= 2.5;
}
