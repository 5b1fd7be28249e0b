import type { Environment, InferredEnvironment, InferredProduct, RuleMatch } from './capture';
import type { EnvironmentRule } from './settings';

/**
 * Defaults shipped for well-known consoles, tried after the user's own rules. Admins and
 * vendors extend them through their rules.
 */
export const VENDOR_DEFAULT_RULES: readonly EnvironmentRule[] = [
  {
    id: 'vendor:openshift',
    pattern: 'console-openshift-console.apps.*',
    environment: null,
    product: 'OpenShift Container Platform',
  },
  {
    id: 'vendor:grafana-cloud',
    pattern: '*.grafana.net',
    environment: 'Production',
    product: 'Grafana Cloud',
  },
  { id: 'vendor:argocd', pattern: 'argocd.*', environment: null, product: 'Argo CD' },
  { id: 'vendor:rancher', pattern: 'rancher.*', environment: null, product: 'Rancher' },
];

/** Host-name words and what they usually mean, tried in this order (non-production first). */
const BUILT_IN_WORDS: ReadonlyArray<readonly [Environment, readonly string[]]> = [
  ['Development', ['dev', 'develop', 'development', 'local', 'localhost']],
  ['Test', ['qa', 'test', 'testing', 'tst', 'sit', 'e2e', 'sandbox']],
  ['Staging', ['stg', 'stage', 'staging', 'preprod', 'uat']],
  ['Production', ['prod', 'production', 'prd', 'live']],
];

/**
 * Does `text` match `pattern`, where `*` matches any run of characters? Linear in the text:
 * the pieces between stars are found left to right with `indexOf` (the leftmost place is
 * always a right place for a star-only glob), so no pattern from an imported profile can
 * make matching backtrack (a regular expression built from `*a*a*a*b` could).
 */
export function globMatch(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  const first = parts[0] as string;
  if (parts.length === 1) return pattern === text;
  const last = parts[parts.length - 1] as string;
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    if (part === '') continue;
    const at = text.indexOf(part, position);
    if (at < 0 || at + part.length > end) return false;
    position = at + part.length;
  }
  return true;
}

export interface RuleMatcher {
  /** `target` is `host[:port]/path`, e.g. `console.example.com:8443/k8s/cluster`. */
  test(target: string): boolean;
}

/**
 * Compiles a rule pattern: `host[:port][/path]`, `*` matching anything, case-insensitive.
 * Without a port the rule matches any port; a path matches as a prefix (`/admin` matches
 * `/admin/users`).
 */
export function compileRulePattern(pattern: string): RuleMatcher | undefined {
  const trimmed = pattern
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .toLowerCase();
  if (trimmed === '') return undefined;
  const slash = trimmed.indexOf('/');
  const host = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const path = slash < 0 ? '' : trimmed.slice(slash);
  const withPort = host.includes(':');
  return {
    test(target: string) {
      const lower = target.toLowerCase();
      const cut = lower.indexOf('/');
      const targetHost = cut < 0 ? lower : lower.slice(0, cut);
      const targetPath = cut < 0 ? '' : lower.slice(cut);
      const hostToMatch = withPort ? targetHost : targetHost.replace(/:\d{1,5}$/, '');
      if (!globMatch(host, hostToMatch)) return false;
      return path === '' || globMatch(`${path}*`, targetPath);
    },
  };
}

/** Says why a rule's pattern cannot be used, for the options page. */
const PATTERN_PROBLEMS = {
  rulePattern_empty: 'Enter a host name pattern, e.g. *.staging.example.com',
  rulePattern_spaces: 'A pattern has no spaces.',
  rulePattern_unreadable: 'This pattern cannot be read.',
} as const;
export type RulePatternProblem = keyof typeof PATTERN_PROBLEMS;

/** What is wrong with a rule's pattern, as a message key (public/_locales). */
export function rulePatternProblem(pattern: string): RulePatternProblem | undefined {
  if (pattern.trim() === '') return 'rulePattern_empty';
  if (/\s/.test(pattern.trim())) return 'rulePattern_spaces';
  return compileRulePattern(pattern) ? undefined : 'rulePattern_unreadable';
}

/** The same in English. */
export function checkRulePattern(pattern: string): string | undefined {
  const problem = rulePatternProblem(pattern);
  return problem && PATTERN_PROBLEMS[problem];
}

function ruleMatches(rule: EnvironmentRule, url: URL): boolean {
  const target = `${url.host}${url.pathname}`;
  return compileRulePattern(rule.pattern)?.test(target) ?? false;
}

function describeRule(
  rule: EnvironmentRule,
  index: number,
  source: 'policy' | 'user' | 'vendor',
): Pick<RuleMatch, 'description' | 'words'> {
  const number = String(index + 1);
  if (source === 'policy') {
    return {
      description: `Your organisation's rule #${number} "${rule.pattern}"`,
      words: { key: 'ruleMatch_policy', values: [number, rule.pattern] },
    };
  }
  return source === 'user'
    ? {
        description: `Your rule #${number} "${rule.pattern}"`,
        words: { key: 'ruleMatch_user', values: [number, rule.pattern] },
      }
    : {
        description: `Vendor default "${rule.pattern}"`,
        words: { key: 'ruleMatch_vendor', values: [rule.pattern] },
      };
}

/** The built-in guess from host-name words such as `stg` or `prod`. */
export function guessFromHost(hostname: string): { value: Environment; word: string } | undefined {
  if (hostname === '127.0.0.1' || hostname === '[::1]') {
    return { value: 'Development', word: hostname };
  }
  const words = hostname.toLowerCase().split(/[.-]/);
  for (const [value, known] of BUILT_IN_WORDS) {
    const word = words.find((item) => known.includes(item));
    if (word) return { value, word };
  }
  return undefined;
}

export interface Inference {
  environment: InferredEnvironment;
  product: InferredProduct;
}

/**
 * Infers environment and product for a page URL. Order: the organisation's rules (managed
 * policy), the user's rules (first match wins, per value), then the console adapter's
 * product, then vendor defaults, then built-in guesses from the host name. Each result says
 * which rule decided it.
 */
export function inferEnvironment(
  pageUrl: string,
  userRules: readonly EnvironmentRule[],
  consoleProduct?: { adapter: string; product: string },
  vendorRules: readonly EnvironmentRule[] = VENDOR_DEFAULT_RULES,
  policyRules: readonly EnvironmentRule[] = [],
): Inference {
  const none: RuleMatch = {
    source: 'none',
    description: 'No rule matched.',
    words: { key: 'ruleMatch_none', values: [] },
  };
  const result: Inference = {
    environment: { value: null, matched: none },
    product: { value: null, matched: none },
  };
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return result;
  }
  const tiers = [
    ['policy', policyRules],
    ['user', userRules],
    ['vendor', vendorRules],
  ] as const;
  for (const [source, rules] of tiers) {
    for (const [index, rule] of rules.entries()) {
      if (!ruleMatches(rule, url)) continue;
      const matched = { source, ruleId: rule.id, ...describeRule(rule, index, source) };
      if (result.environment.value === null && rule.environment) {
        result.environment = { value: rule.environment, matched };
      }
      if (result.product.value === null && rule.product) {
        result.product = { value: rule.product, matched };
      }
    }
    // The page itself names its product more precisely than a vendor default.
    if (source === 'user' && result.product.value === null && consoleProduct) {
      result.product = {
        value: consoleProduct.product,
        matched: {
          source: 'console',
          ruleId: `console:${consoleProduct.adapter}`,
          description: `Read from the page by the ${consoleProduct.product} adapter`,
          words: { key: 'ruleMatch_console', values: [consoleProduct.product] },
        },
      };
    }
  }
  if (result.environment.value === null) {
    const guess = guessFromHost(url.hostname);
    if (guess) {
      result.environment = {
        value: guess.value,
        matched: {
          source: 'built-in',
          description: `Built-in guess: the host name contains "${guess.word}"`,
          words: { key: 'ruleMatch_builtIn', values: [guess.word] },
        },
      };
    }
  }
  return result;
}

/** A new, empty rule for the editor. */
export function newRule(id: string): EnvironmentRule {
  return { id, pattern: '', environment: 'Production', product: '' };
}
