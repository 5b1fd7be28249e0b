/**
 * The one scrubber every captured string (URLs, console text, stacks, headers) passes through
 * before it is stored, shown or sent.
 *
 * It replaces secrets with readable markers such as `[redacted:jwt]`, so a support engineer
 * still sees what kind of value was there. It leaves ordinary text, ids and UUIDs alone. The
 * rules are idempotent: redacting redacted text changes nothing and counts nothing.
 */

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

/** The longest user pattern accepted; long patterns are where runaway backtracking hides. */
export const MAX_CUSTOM_PATTERN_LENGTH = 200;

type Replacer = (match: string, ...groups: string[]) => string;

interface Rule {
  category: string;
  pattern: RegExp;
  /** Builds the replacement; default: the whole match becomes the marker. */
  replace?: (marker: string) => Replacer;
}

export const marker = (category: string): string => `[redacted:${category}]`;

/** A value that is not already a marker (keeps the rules idempotent). */
const VALUE = String.raw`(?!\[redacted:)`;

/**
 * Parameter and field names whose values are secrets: in URL queries and fragments
 * (`?access_token=…`), in `name=value` text and in JSON (`"password": "…"`).
 */
const SECRET_NAME = String.raw`(?:[\w.-]*(?:token|secret|passw(?:or)?d|api[_-]?key|apikey|session|signature|credential|private[_-]?key|client[_-]?secret)[\w.-]*|code|key|sig|sid|pwd|auth|jwt|x-amz-[\w-]+)`;

const keepPrefix =
  (count: number) =>
  (markerText: string): Replacer =>
  (_match, ...groups) =>
    `${groups.slice(0, count).join('')}${markerText}`;

const RULES: readonly Rule[] = [
  {
    category: 'private-key',
    // A truncated block (a capped log line) is masked to its end.
    pattern:
      /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    category: 'url-credentials',
    // https://user:pass@host and https://token@host
    pattern: new RegExp(String.raw`\b([a-z][a-z0-9+.-]*:\/\/)${VALUE}[^\s/?#@"'<>]+@`, 'gi'),
    replace: (m) => (_match, scheme) => `${scheme}${m}@`,
  },
  { category: 'jwt', pattern: /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*/g },
  { category: 'private-key', pattern: /\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b/g },
  { category: 'aws-key', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[0-9A-Z]{16}\b/g },
  {
    category: 'github-token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_\w{22,255})/g,
  },
  {
    category: 'gitlab-token',
    pattern: /\bgl(?:pat|dt|rt|ptt|cbt|imt|oas|soat|ft|agent|ffct)-[\w-]{20,}/g,
  },
  {
    category: 'slack-token',
    pattern:
      /\bxox[abeoprs]-[A-Za-z0-9-]{10,}|\bhttps:\/\/hooks\.slack\.com\/(?:services|workflows)\/[\w/]+/g,
  },
  {
    category: 'stripe-key',
    pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}|\bwhsec_[A-Za-z0-9]{24,}/g,
  },
  { category: 'google-api-key', pattern: /\bAIza[\w-]{35}(?![\w-])|\bya29\.[\w-]{20,}/g },
  { category: 'atlassian-token', pattern: /\bAT(?:ATT|CTT|OAT)[A-Za-z0-9_=-]{20,}/g },
  { category: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  {
    category: 'credential',
    // The whole header value, whatever the scheme.
    pattern: new RegExp(
      String.raw`\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?)${VALUE}[^\r\n"',;}]+`,
      'gi',
    ),
    replace: keepPrefix(1),
  },
  {
    category: 'credential',
    // `Bearer abc…` in free text. The lookahead asks for a digit or base64 punctuation, so
    // "Basic authentication" and "Bearer tokens" stay readable.
    pattern: new RegExp(
      String.raw`\b(Bearer|Basic|Token|Digest)(\s+)${VALUE}(?=[\w.~+/=-]*[\d=+/])[\w.~+/-]{8,}=*`,
      'g',
    ),
    replace: keepPrefix(2),
  },
  {
    category: 'cookie',
    // Cookie: a=1; b=2 -> every value; Set-Cookie: a=1; Path=/ -> the first value only.
    pattern: /\b(set-cookie|cookie)(["']?\s*:\s*["']?)([^\r\n"']+)/gi,
    replace: (m) => (_match, name, separator, value) => {
      const pairs = value.split(';');
      const masked = pairs.map((pair, index) => {
        if (/^set-cookie$/i.test(name) && index > 0) return pair;
        const eq = pair.indexOf('=');
        if (eq < 0 || pair.slice(eq + 1).startsWith('[redacted:')) return pair;
        return `${pair.slice(0, eq + 1)}${m}`;
      });
      return `${name}${separator}${masked.join(';')}`;
    },
  },
  {
    category: 'secret',
    // URL query and fragment parameters, and `name=value` in text.
    pattern: new RegExp(String.raw`((?:^|[?&#;\s,(])${SECRET_NAME}=)${VALUE}[^&#\s"'<>,;)]+`, 'gi'),
    replace: keepPrefix(1),
  },
  {
    category: 'secret',
    // JSON fields: "password": "…"
    pattern: new RegExp(String.raw`("${SECRET_NAME}"\s*:\s*")${VALUE}(?:[^"\\]|\\.)+`, 'gi'),
    replace: keepPrefix(1),
  },
];

const EMAIL_RULE: Rule = {
  category: 'email',
  pattern: /\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
};

function compileCustom(patterns: readonly string[]): Rule[] {
  const rules: Rule[] = [];
  for (const source of patterns) {
    const pattern = compileCustomPattern(source);
    if (pattern) rules.push({ category: 'custom', pattern });
  }
  return rules;
}

/** Compiles a user's pattern, or says why it cannot be used (for the options page). */
export function checkCustomPattern(source: string): string | undefined {
  if (source.trim() === '') return 'The pattern is empty.';
  if (source.length > MAX_CUSTOM_PATTERN_LENGTH) {
    return `The pattern is longer than ${MAX_CUSTOM_PATTERN_LENGTH} characters; shorten it.`;
  }
  try {
    const pattern = new RegExp(source, 'gi');
    if (pattern.test('')) return 'The pattern matches empty text; make it match something.';
  } catch (error) {
    return `Not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

function compileCustomPattern(source: string): RegExp | undefined {
  return checkCustomPattern(source) === undefined ? new RegExp(source, 'gi') : undefined;
}

let activeRules: readonly Rule[] = RULES;

/**
 * Sets the user's redaction settings for this context (each context that redacts calls this
 * with the stored settings at start and on change).
 */
export function configureRedaction(options: RedactionOptions): void {
  activeRules = [
    ...RULES,
    ...(options.maskEmails ? [EMAIL_RULE] : []),
    ...compileCustom(options.customPatterns),
  ];
}

export interface RedactionResult {
  text: string;
  /** How many values were replaced. */
  count: number;
  /** Replacements per category (`jwt`, `cookie`…). */
  categories: Record<string, number>;
}

/** Redacts `text` and says how many replacements were made. */
export function redactCounted(text: string, rules: readonly Rule[] = activeRules): RedactionResult {
  let out = text;
  let count = 0;
  const categories: Record<string, number> = {};
  for (const rule of rules) {
    const markerText = marker(rule.category);
    const build = rule.replace?.(markerText);
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      // replace() passes groups, then offset and input: keep the groups.
      const groups = rest.filter((item) => typeof item === 'string' || item === undefined);
      const replaced = build
        ? build(match, ...groups.slice(0, -1).map((group) => (group as string) ?? ''))
        : markerText;
      if (replaced !== match) {
        count += 1;
        categories[rule.category] = (categories[rule.category] ?? 0) + 1;
      }
      return replaced;
    });
  }
  return { text: out, count, categories };
}

/** Masks every secret in `text`. */
export function redact(text: string): string {
  return redactCounted(text).text;
}

/** Counts the markers left by `redact()` in text that was already redacted. */
export function countRedactions(text: string): number {
  return text.match(/\[redacted:[a-z-]+\]/g)?.length ?? 0;
}

/** Redacts with explicit options, without touching this context's settings (tests, previews). */
export function redactWith(text: string, options: RedactionOptions): RedactionResult {
  return redactCounted(text, [
    ...RULES,
    ...(options.maskEmails ? [EMAIL_RULE] : []),
    ...compileCustom(options.customPatterns),
  ]);
}
