/**
 * The built-in redaction rules. Every pattern runs in time linear in the text:
 * - each starts behind a boundary (a lookbehind), so it is tried once per run of characters,
 *   never from every character inside a run such as `a.a.a.a…`; a few are found from a rare
 *   literal (`://`, `Q~`, `.atlasv1.`) with the boundary read behind it, so a text full of
 *   random words does not make every word a candidate;
 * - quantifiers that something must follow are bounded, and no quantified group contains
 *   another quantifier that could match the same characters;
 * - where a rule must look at a value (is `code=1` a secret?), the pattern finds only the name
 *   and the value is read by a plain loop.
 * `name=value` pairs, the commonest candidates, are found by a hand-written scanner instead
 * (utils/privacy/key-value.ts).
 * Markers (`[redacted:jwt]`) are never a value, so redacting twice changes nothing.
 */
import { Edits, isMarkerAt, MARKER_PREFIX, marker } from './edits';
import { scanKeyValues } from './key-value';
import { isPlaceholder, looksSecret } from './secret-values';

export { MARKER_PREFIX, marker } from './edits';

export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** A rule found by a regular expression. */
export interface PatternRule {
  category: string;
  /** A global regular expression; see the file comment for what keeps it linear. */
  pattern: RegExp;
  /**
   * Decides one match: the range to replace and its text, or `undefined` to keep it. Default:
   * the whole match becomes the marker.
   */
  decide?: (match: RegExpExecArray, text: string, marker: string) => Replacement | undefined;
  /**
   * Characters of which every match contains at least one: a text with none of them is not
   * searched (see `TextCharacters`). Most tokens have a `_`, `-`, `.` or `:`, which a run of
   * random letters and digits does not, and random text is where patterns are slowest
   * (docs/platform-facts.md#redacting-a-megabyte).
   */
  needs?: string;
}

/** A rule that finds its candidates itself and records its replacements in `edits`. */
export interface ScanRule {
  category: string;
  scan: (text: string, edits: Edits, marker: string) => void;
}

export type Rule = PatternRule | ScanRule;

/** `decide` for a token found from a literal inside it, `behind` characters after its start. */
const startingBehind =
  (behind: number): PatternRule['decide'] =>
  (match, _text, m) => ({
    start: match.index - behind,
    end: match.index + match[0].length,
    text: m,
  });

/** `(?<!…)` for prefixed tokens: not inside a longer word. */
const token = (category: string, source: string, needs?: string): PatternRule => ({
  category,
  pattern: new RegExp(`(?<![A-Za-z0-9_])(?:${source})`, 'g'),
  needs,
});

/** Prefixed token formats: the prefix alone tells what they are. */
const TOKEN_RULES: readonly Rule[] = [
  // Kubernetes service-account tokens, Argo CD and most OIDC tokens are JWTs.
  token('jwt', String.raw`eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*`, '.'),
  token('openshift-token', String.raw`sha256~[\w-]{20,}`, '~'),
  token('grafana-token', 'glsa_[A-Za-z0-9_]{20,}|glc_[A-Za-z0-9+/_-]{20,}={0,2}', '_'),
  // Grafana's older API keys are base64 JSON: {"k":"…
  token('grafana-token', 'eyJrIjoi[A-Za-z0-9+/]{20,}={0,2}'),
  token('vault-token', String.raw`hv[sbr]\.[\w-]{20,}`, '.'),
  token(
    'aws-key',
    '(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA|APKA)[A-Z0-9]{16}(?![A-Za-z0-9])',
  ),
  token('google-api-key', String.raw`AIza[\w-]{35}(?![\w-])|ya29\.[\w-]{20,}`),
  { category: 'google-api-key', pattern: /(?<![\w/])1\/\/0[\w-]{30,}/g, needs: '/' },
  {
    category: 'azure-secret',
    // Azure client secrets, `<3>` + digit + `Q~` + 31-34: found from `Q~` (rare) and the 4
    // characters read behind it; from their first character, every word of a text full of
    // random words (a page logging ids) was a candidate.
    pattern: /Q~(?<=(?<![A-Za-z0-9_])[\w~.-]{3}\dQ~)[\w~.-]{31,34}(?![\w~.-])/g,
    decide: startingBehind(4),
    needs: '~',
  },
  token('github-token', String.raw`gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_\w{22,255}`, '_'),
  token(
    'gitlab-token',
    String.raw`gl(?:pat|dt|rt|ptt|cbt|imt|oas|soat|ft|agent|ffct|wt)-[\w-]{20,}|GR1348941[\w-]{20,}`,
  ),
  token('ci-token', 'CCIP(?:AT|RJ)_[A-Za-z0-9_]{30,}|bk(?:ua|at)_[A-Za-z0-9]{30,}', '_'),
  token('npm-token', 'npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])', '_'),
  token('pypi-token', String.raw`pypi-AgE[\w-]{50,}`, '-'),
  token('docker-token', String.raw`dckr_(?:pat|oat)_[\w-]{20,}`, '_'),
  token('slack-token', String.raw`xox[abposre]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,}`, '-'),
  token(
    'webhook',
    String.raw`https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[\w/-]+` +
      String.raw`|https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/(?:v\d{1,2}\/)?webhooks\/\d+\/[\w-]+` +
      String.raw`|https:\/\/[\w-]{1,63}\.webhook\.office\.com\/webhook(?:b2)?\/[^\s"'<>\\]+` +
      String.raw`|https:\/\/outlook\.office(?:365)?\.com\/webhook\/[^\s"'<>\\]+`,
    ':',
  ),
  token('stripe-key', '(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,}', '_'),
  token('atlassian-token', 'AT(?:ATT|CTT|OAT)[A-Za-z0-9_=-]{20,}|ATBB[A-Za-z0-9]{24,}'),
  token(
    'api-key',
    String.raw`sk-(?:proj-|ant-(?:api|admin)\d\d-)[\w-]{20,}|sk-[A-Za-z0-9]{40,}`,
    '-',
  ),
  token('api-key', String.raw`hf_[A-Za-z]{34}(?![A-Za-z])|SG\.[\w-]{22}\.[\w-]{43}`, '_.'),
  token('api-key', 'shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}|do[opr]_v1_[a-f0-9]{64}', '_'),
  token('api-key', String.raw`tskey-[\w-]{20,}|NRAK-[A-Z0-9]{27}|sntr[ysu]_[\w+/=]{30,}`, '-_'),
  token('api-key', 'dapi[a-f0-9]{32}|PMAK-[a-f0-9]{24}-[a-f0-9]{34}|pul-[a-f0-9]{40}'),
  token('api-key', 'lin_api_[A-Za-z0-9]{40}', '_'),
  {
    category: 'api-key',
    // Terraform Cloud's `<14>.atlasv1.<60+>`: found from `.atlasv1.` (rare) and the 14
    // characters read behind it, not tried at every word of the text.
    pattern: /(?<=(?<![A-Za-z0-9_])[A-Za-z0-9]{14})\.atlasv1\.[\w-]{60,}/g,
    decide: startingBehind(14),
    needs: '.',
  },
  token('api-key', String.raw`AKCp[A-Za-z0-9]{69}|dp\.(?:pt|st|ct|sa)\.[A-Za-z0-9]{40,}`),
  token('api-key', 'key-[0-9a-f]{32}(?![0-9a-f])|SK[0-9a-fA-F]{32}(?![0-9a-fA-F])'),
  token('rancher-token', 'token-[a-z0-9]{5}:[a-z0-9]{54}', '-'),
  {
    category: 'telegram-token',
    // Also in the Bot API's URLs, `https://api.telegram.org/bot<token>/sendMessage`.
    pattern: /(?:(?<![A-Za-z0-9_])|(?<=\/bot))\d{8,10}:AA[\w-]{33}/g,
    needs: ':',
  },
  token('private-key', 'AGE-SECRET-KEY-1[0-9A-Z]{58}', '-'),
  {
    category: 'vault-token',
    // Vault's older `s.` tokens: exactly 24 characters, mixed.
    pattern: /(?<![\w.-])[sbr]\.[A-Za-z0-9]{24}(?![\w.-])/g,
    needs: '.',
    decide: (match, _text, m) =>
      looksSecret(match[0].slice(2))
        ? { start: match.index, end: match.index + match[0].length, text: m }
        : undefined,
  },
  {
    category: 'private-key',
    // A base64-encoded PEM key, as in a kubeconfig's `client-key-data`.
    pattern: /(?<![A-Za-z0-9+/])LS0tLS1CRUdJTi[A-Za-z0-9+/]{40,}={0,2}/g,
    decide: (match, _text, m) => {
      let head = '';
      try {
        head = atob(match[0].slice(0, 64));
      } catch {
        return undefined;
      }
      return head.includes('PRIVATE')
        ? { start: match.index, end: match.index + match[0].length, text: m }
        : undefined;
    },
  },
];

/** `Authorization: …`: the whole header value, whatever the scheme. */
const AUTH_HEADER: Rule = {
  category: 'credential',
  needs: ':=',
  pattern: /(?<![\w-])(?:proxy-)?authorization(?:\\?["'])?[ \t]{0,8}[:=][ \t]{0,8}(?:\\?["'])?/gi,
  decide: (match, text, m) => {
    const from = match.index + match[0].length;
    let end = from;
    while (end < text.length && !'\r\n"\',;}\\'.includes(text[end] as string)) end++;
    while (end > from && text[end - 1] === ' ') end--;
    const value = text.slice(from, end);
    if (value === '' || isMarkerAt(text, from) || isPlaceholder(value)) return undefined;
    return { start: from, end, text: m };
  },
};

const base64Decodes = (value: string, needle: string) => {
  try {
    return atob(value).includes(needle);
  } catch {
    return false;
  }
};

/** `Bearer abc…`, `Basic dXNl…`, `Token abc…` in free text, when the value looks like one. */
const SCHEME_CREDENTIAL: Rule = {
  category: 'credential',
  needs: ' \t',
  // `decide` takes no value shorter than 8 characters: the lookahead finds none, so a page
  // logging `token token token…` costs no match object per word.
  pattern:
    /(?<![\w-])(bearer|basic|token)[ \t]{1,8}(?!\[redacted:)(?=[\w.~+/=-]{8})([\w.~+/-]+={0,3})/gi,
  decide: (match, _text, m) => {
    const scheme = (match[1] as string).toLowerCase();
    const value = match[2] as string;
    const ok =
      scheme === 'basic'
        ? value.length >= 8 && base64Decodes(value, ':')
        : looksSecret(value, scheme === 'bearer');
    if (!ok) return undefined;
    const start = match.index + match[0].length - value.length;
    return { start, end: start + value.length, text: m };
  },
};

/** Cookies in one header beyond which the rest of the header becomes one marker. */
const MAX_COOKIE_PAIRS = 64;

/** `Cookie: a=1; b=2` -> every value; `Set-Cookie: a=1; Path=/` -> the first value only. */
export const COOKIE_RULE: Rule = {
  category: 'cookie',
  needs: ':',
  pattern:
    /(?<![\w-])(set-cookie|cookie)(?:\\?["'])?[ \t]{0,8}:[ \t]{0,8}(?:\\?["'])?([^\r\n"'\\]+)/gi,
  decide: (match, _text, m) => {
    const setCookie = (match[1] as string).toLowerCase() === 'set-cookie';
    const value = match[2] as string;
    const start = match.index + match[0].length - value.length;
    const parts: string[] = [];
    let changed = false;
    let at = 0;
    for (let pair = 0; at < value.length; pair++) {
      const semicolon = value.indexOf(';', at);
      const end = semicolon < 0 ? value.length : semicolon;
      if (pair >= MAX_COOKIE_PAIRS) {
        // A header with this many cookies is not a browser's: one marker for the rest.
        parts.push(m);
        changed = true;
        at = value.length;
        break;
      }
      const eq = value.indexOf('=', at);
      const valueStart = eq < 0 || eq > end ? -1 : eq + 1;
      const rest = valueStart < 0 ? '' : value.slice(valueStart, end).trim();
      if ((setCookie && pair > 0) || rest === '' || rest.startsWith(MARKER_PREFIX)) {
        parts.push(value.slice(at, end));
      } else {
        parts.push(value.slice(at, valueStart) + m);
        changed = true;
      }
      if (semicolon < 0) break;
      parts.push(';');
      at = semicolon + 1;
    }
    if (!changed) return undefined;
    return { start, end: start + value.length, text: parts.join('') };
  },
};

/** `https://user:pass@host`, also percent-encoded (`https%3A%2F%2Fuser%3Apass%40host`). */
const URL_CREDENTIALS: Rule = {
  category: 'url-credentials',
  needs: ':%',
  pattern:
    // Found from `://` (rarer than word starts), the scheme read behind it. The lookahead
    // (at most 8 characters) passes over user info that `decide` would keep anyway (shorter
    // than 8 characters, without `:` or an escape), so `a://b@` repeated costs no match each.
    /(?<=(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{0,31})(?::\/\/|%3A%2F%2F|%253A%252F%252F)(?!\[redacted:)(?=[^\s/?#@"'<>\\%:]{0,7}[%:]|[^\s/?#@"'<>\\]{8})([^\s/?#@"'<>\\]{1,256}?)(?:@|%(?:25)?40)/gi,
  decide: (match, _text, m) => {
    const userinfo = match[1] as string;
    let decoded = userinfo;
    // Decoding costs two strings per candidate: only where there is something to decode.
    if (userinfo.includes('%')) {
      try {
        decoded = decodeURIComponent(decodeURIComponent(userinfo));
      } catch {
        // Not valid escapes: judge it as it is.
      }
    }
    if (decoded.includes('/') || decoded.includes('@')) return undefined;
    if (!decoded.includes(':') && !looksSecret(decoded, true)) return undefined;
    const whole = match[0];
    const at = whole.endsWith('@') ? 1 : whole.toLowerCase().endsWith('%2540') ? 5 : 3;
    const start = match.index + whole.length - at - userinfo.length;
    return { start, end: start + userinfo.length, text: m };
  },
};

const PEM: Rule = {
  category: 'private-key',
  needs: '-',
  // A truncated block (a capped log line) is masked to its end.
  pattern:
    /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g,
};

/** `password: …`, `"apiKey": "…"`, `?token=…`, `X-API-Key: …`: see utils/privacy/key-value.ts. */
const KEY_VALUE: ScanRule = { category: 'secret', scan: scanKeyValues };

/**
 * In order: whole headers and blocks first, then token formats, then names and values.
 * `COOKIE_RULE` runs last of all (after e-mail and user patterns): it may lengthen text most
 * (every cookie value becomes a marker), and no later rule should have to read that.
 */
export const BUILT_IN_RULES: readonly Rule[] = [
  PEM,
  AUTH_HEADER,
  URL_CREDENTIALS,
  ...TOKEN_RULES,
  SCHEME_CREDENTIAL,
  KEY_VALUE,
];

export const EMAIL_RULE: Rule = {
  category: 'email',
  needs: '@%',
  pattern:
    /(?<![\w.%+-])[\w.%+-]{1,64}(?:@|%(?:25)?40)[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])/g,
};

/**
 * Which characters a text has, each looked up once (`includes`) while the text stays the same:
 * a redactor asks the same text about the same few characters for each of its rules.
 */
export class TextCharacters {
  private readonly known = new Map<string, boolean>();

  constructor(readonly text: string) {}

  /** Can `rule` match in this text (it has one of the characters the rule `needs`)? */
  mayMatch(rule: Rule): boolean {
    const needs = 'needs' in rule ? rule.needs : undefined;
    if (needs === undefined) return true;
    for (const char of needs) {
      let has = this.known.get(char);
      if (has === undefined) {
        has = this.text.includes(char);
        this.known.set(char, has);
      }
      if (has) return true;
    }
    return false;
  }
}

/**
 * Applies one rule to the whole text in one left-to-right pass; `onReplace` hears how many
 * values the rule replaced.
 */
export function applyRule(
  text: string,
  rule: Rule,
  onReplace: (category: string, count: number) => void,
): string {
  const edits = new Edits(text);
  const m = marker(rule.category);
  if ('scan' in rule) rule.scan(text, edits, m);
  else applyPattern(text, rule, edits, m);
  if (edits.count > 0) onReplace(rule.category, edits.count);
  return edits.result();
}

/**
 * After a match the rule keeps, the search goes on from the next character (`Token Bearer
 * abc…` is two candidates; the patterns' boundaries keep this linear), so a value is still
 * searched for secrets of its own.
 */
function applyPattern(text: string, rule: PatternRule, edits: Edits, m: string): void {
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const found = rule.decide
      ? rule.decide(match, text, m)
      : { start: match.index, end: match.index + match[0].length, text: m };
    const replaced = found !== undefined && edits.replace(found.start, found.end, found.text);
    const advance = match.index + Math.max(1, match[0].length);
    pattern.lastIndex = replaced ? Math.max(edits.end, advance) : match.index + 1;
  }
}
