import { describe, expect, it } from 'vitest';
import {
  checkRulePattern,
  compileRulePattern,
  globMatch,
  inferEnvironment,
  rulePatternProblem,
} from '@/utils/capture/environment';
import type { EnvironmentRule } from '@/utils/capture/settings';
import { formatMessage, LOCALES } from '../i18n/messages';

const rules: EnvironmentRule[] = [
  { id: 'r1', pattern: 'console.example.com/admin', environment: 'Staging', product: 'Admin' },
  { id: 'r2', pattern: '*.example.com', environment: 'Production', product: 'Example Cloud' },
  { id: 'r3', pattern: 'localhost:3000', environment: 'Test', product: '' },
];

describe('inferEnvironment()', () => {
  const cases: ReadonlyArray<readonly [string, string | null, string, string | null, string]> = [
    [
      'https://console.example.com/admin/users',
      'Staging',
      'Your rule #1 "console.example.com/admin"',
      'Admin',
      'user',
    ],
    [
      'https://console.example.com/apps',
      'Production',
      'Your rule #2 "*.example.com"',
      'Example Cloud',
      'user',
    ],
    ['http://localhost:3000/x', 'Test', 'Your rule #3 "localhost:3000"', null, 'none'],
    [
      'http://localhost:8080/x',
      'Development',
      'Built-in guess: the host name contains "localhost"',
      null,
      'none',
    ],
    [
      'https://app.stg.acme.io/',
      'Staging',
      'Built-in guess: the host name contains "stg"',
      null,
      'none',
    ],
    [
      'https://qa-portal.acme.io/',
      'Test',
      'Built-in guess: the host name contains "qa"',
      null,
      'none',
    ],
    [
      'https://dev.acme.io/',
      'Development',
      'Built-in guess: the host name contains "dev"',
      null,
      'none',
    ],
    [
      'https://prod.acme.io/',
      'Production',
      'Built-in guess: the host name contains "prod"',
      null,
      'none',
    ],
    [
      'https://staging.acme.io/',
      'Staging',
      'Built-in guess: the host name contains "staging"',
      null,
      'none',
    ],
    [
      'https://test.acme.io/',
      'Test',
      'Built-in guess: the host name contains "test"',
      null,
      'none',
    ],
    ['https://products.acme.io/', null, 'No rule matched.', null, 'none'],
    [
      'https://ops.grafana.net/d/x',
      'Production',
      'Vendor default "*.grafana.net"',
      'Grafana Cloud',
      'vendor',
    ],
  ];
  it.each(cases)('%s', (url, environment, why, product, productSource) => {
    const result = inferEnvironment(url, rules);
    expect(result.environment.value).toBe(environment);
    expect(result.environment.matched.description).toBe(why);
    // The user's words say the same.
    const words = result.environment.matched.words;
    expect(words && formatMessage(LOCALES.en, words.key, words.values)).toBe(why);
    expect(result.product.value).toBe(product);
    expect(result.product.matched.source).toBe(productSource);
  });

  it('prefers the product a console adapter read over vendor defaults, not over the user', () => {
    const url = 'https://console-openshift-console.apps.prod.example.org/';
    const fromPage = inferEnvironment(url, [], {
      adapter: 'openshift',
      product: 'OpenShift Container Platform',
    });
    expect(fromPage.product).toMatchObject({
      value: 'OpenShift Container Platform',
      matched: { source: 'console' },
    });
    expect(fromPage.product.matched.words).toEqual({
      key: 'ruleMatch_console',
      values: ['OpenShift Container Platform'],
    });
    expect(fromPage.environment.value).toBe('Production');
    const mine = inferEnvironment(
      url,
      [{ id: 'm', pattern: '*.example.org', environment: null, product: 'Our OCP' }],
      {
        adapter: 'openshift',
        product: 'OpenShift Container Platform',
      },
    );
    expect(mine.product.value).toBe('Our OCP');
  });

  it('validates patterns', () => {
    expect(checkRulePattern('')).toMatch(/Enter a host/);
    expect(checkRulePattern('a b')).toMatch(/no spaces/);
    expect(checkRulePattern('https://*.example.com/x')).toBeUndefined();
    for (const pattern of ['', 'a b', '(']) {
      const key = rulePatternProblem(pattern);
      expect(key && formatMessage(LOCALES.en, key)).toBe(checkRulePattern(pattern));
    }
    expect(compileRulePattern('*.example.com')?.test('a.example.com:8443/x')).toBe(true);
    expect(compileRulePattern('*.example.com')?.test('example.org/x')).toBe(false);
  });
});

describe('rule globs match in linear time', () => {
  it.each([
    ['*', 'anything', true],
    ['a*b', 'ab', true],
    ['a*b', 'axxb', true],
    ['a*b', 'axxbc', false],
    ['*a*a*b', 'xaxaxb', true],
    ['*a*a*b', 'xaxb', false],
    ['abc', 'abc', true],
    ['a*a', 'a', false],
  ])('globMatch(%j, %j) is %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it('answers a crafted pattern against a long path at once', () => {
    const matcher = compileRulePattern('*a*a*a*a*a*a*a*a*a*a*b');
    const path = `${'a'.repeat(100_000)}.example.com/${'a'.repeat(100_000)}`;
    expect(matcher?.test(path)).toBe(false);
    expect(matcher?.test(`${path.slice(0, 100)}b.example.com`)).toBe(false);
    expect(
      compileRulePattern('*.example.com/*a*b')?.test(`x.example.com/${'a'.repeat(50_000)}b`),
    ).toBe(true);
  });

  it('matches the host whole, any port without one, and the path as a prefix', () => {
    expect(compileRulePattern('example.com')?.test('example.com.evil.org/x')).toBe(false);
    expect(compileRulePattern('example.com')?.test('example.com:8443/x')).toBe(true);
    expect(compileRulePattern('example.com:8443')?.test('example.com:9443/x')).toBe(false);
    expect(compileRulePattern('example.com/Admin')?.test('EXAMPLE.com/admin/users')).toBe(true);
  });
});
