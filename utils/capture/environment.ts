import type { Environment, InferredEnvironment, InferredProduct } from './capture';
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
export function checkRulePattern(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'Enter a host name pattern, e.g. *.staging.example.com';
  if (/\s/.test(pattern.trim())) return 'A pattern has no spaces.';
  return compileRulePattern(pattern) ? undefined : 'This pattern cannot be read.';
}

function ruleMatches(rule: EnvironmentRule, url: URL): boolean {
  const target = `${url.host}${url.pathname}`;
  return compileRulePattern(rule.pattern)?.test(target) ?? false;
}

function describeRule(
  rule: EnvironmentRule,
  index: number,
  source: 'policy' | 'user' | 'vendor',
): string {
  if (source === 'policy') return `Your organisation's rule #${index + 1} "${rule.pattern}"`;
  return source === 'user'
    ? `Your rule #${index + 1} "${rule.pattern}"`
    : `Vendor default "${rule.pattern}"`;
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
  const none = { source: 'none' as const, description: 'No rule matched.' };
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
      const matched = { source, ruleId: rule.id, description: describeRule(rule, index, source) };
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
