import { beforeEach, describe, expect, it } from 'vitest';
import {
  checkCustomPattern,
  configureRedaction,
  countRedactions,
  createRedactor,
  DEFAULT_REDACTION_OPTIONS,
  redact,
  redactCounted,
} from '@/utils/privacy/redact';

const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

beforeEach(() => configureRedaction(DEFAULT_REDACTION_OPTIONS));

describe('redact() masks every category of secret', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    [
      'bearer credential',
      'Authorizing with Bearer abc123.def456-ghi',
      'Authorizing with Bearer [redacted:credential]',
    ],
    [
      'basic credential',
      'sent Basic dXNlcjpwYXNzd29yZA== to proxy',
      'sent Basic [redacted:credential] to proxy',
    ],
    [
      'authorization header',
      'Authorization: Bearer 9f8e7d6c5b4a',
      'Authorization: [redacted:credential]',
    ],
    [
      'authorization header, other scheme',
      'authorization: SharedKey acct:c2lnbmF0dXJl',
      'authorization: [redacted:credential]',
    ],
    [
      'authorization in JSON',
      '{"Authorization":"Token t0ps3cret"}',
      '{"Authorization":"[redacted:credential]"}',
    ],
    ['JWT', `session ${JWT} expired`, 'session [redacted:jwt] expired'],
    ['JWT without signature', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', '[redacted:jwt]'],
    [
      'cookie header',
      'Cookie: sid=abc123; theme=dark',
      'Cookie: sid=[redacted:cookie]; theme=[redacted:cookie]',
    ],
    [
      'set-cookie header keeps attributes',
      'set-cookie: JSESSIONID=0AB12CD; Path=/; HttpOnly',
      'set-cookie: JSESSIONID=[redacted:cookie]; Path=/; HttpOnly',
    ],
    [
      'access_token query parameter',
      'GET https://api.example.com/v1/items?access_token=abc123&page=2',
      'GET https://api.example.com/v1/items?access_token=[redacted:secret]&page=2',
    ],
    [
      'fragment id_token',
      'https://app.example.com/cb#id_token=xyz789&state=ok',
      'https://app.example.com/cb#id_token=[redacted:secret]&state=ok',
    ],
    [
      'code parameter',
      '/oauth/callback?code=4/0AX4XfWh&scope=email',
      '/oauth/callback?code=[redacted:secret]&scope=email',
    ],
    [
      'password parameter',
      'login?user=ann&password=hunter2',
      'login?user=ann&password=[redacted:secret]',
    ],
    [
      'api_key and key parameters',
      '?api_key=k1&key=k2Xv9Lq0Zt4w&sig=s3Vb8Nm2Pq7r%3D&signature=s4',
      '?api_key=[redacted:secret]&key=[redacted:secret]&sig=[redacted:secret]&signature=[redacted:secret]',
    ],
    [
      'secret and session parameters',
      '?client_secret=cs&session=s1Ab9Xk2Lm4Q&sessionid=0f9e8d7c6b5a4f3e2d1c',
      '?client_secret=[redacted:secret]&session=[redacted:secret]&sessionid=[redacted:secret]',
    ],
    [
      'token parameter',
      '/api/alerts?token=s3cr3t-value-123',
      '/api/alerts?token=[redacted:secret]',
    ],
    [
      'AWS signed URL',
      'x.s3.amazonaws.com/f?X-Amz-Signature=abcd&X-Amz-Credential=AK%2F',
      'x.s3.amazonaws.com/f?X-Amz-Signature=[redacted:secret]&X-Amz-Credential=[redacted:secret]',
    ],
    [
      'name=value in text',
      'retrying with password=hunter2 now',
      'retrying with password=[redacted:secret] now',
    ],
    [
      'JSON secret field',
      '{"user":"ann","password":"hunter2","apiKey":"a\\"b"}',
      '{"user":"ann","password":"[redacted:secret]","apiKey":"[redacted:secret]"}',
    ],
    [
      'credentials in URL',
      'fetch https://admin:s3cret@db.example.com/x failed',
      'fetch https://[redacted:url-credentials]@db.example.com/x failed',
    ],
    [
      'token as URL user',
      'git clone https://ghtoken123@git.example.com/repo',
      'git clone https://[redacted:url-credentials]@git.example.com/repo',
    ],
    [
      'private key block',
      'key: -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY----- loaded',
      'key: [redacted:private-key] loaded',
    ],
    [
      'truncated private key block',
      'x -----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN…',
      'x [redacted:private-key]',
    ],
    ['AWS access key id', 'using AKIAIOSFODNN7EXAMPLE for s3', 'using [redacted:aws-key] for s3'],
    [
      'GitHub token',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked',
      '[redacted:github-token] leaked',
    ],
    [
      'GitHub fine-grained token',
      'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
      '[redacted:github-token]',
    ],
    [
      'GitLab token',
      'PRIVATE-TOKEN glpat-xxxxxxxxxxxxxxxxxxxx',
      'PRIVATE-TOKEN [redacted:gitlab-token]',
    ],
    ['Slack token', 'slack xoxb-123456789012-abcdefABCDEF', 'slack [redacted:slack-token]'],
    [
      'Slack webhook',
      'post to https://hooks.slack.com/services/T000/B000/XXXX ok',
      'post to [redacted:webhook] ok',
    ],
    ['Stripe key', 'stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'stripe [redacted:stripe-key]'],
    [
      'Google API key',
      'maps AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI ready',
      'maps [redacted:google-api-key] ready',
    ],
    [
      'Atlassian API token',
      'ATATT3xFfGF0T4JQ2h_EXAMPLE-abc=123DEF tok',
      '[redacted:atlassian-token] tok',
    ],
    [
      'npm token',
      '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789',
      '//registry.npmjs.org/:_authToken=[redacted:npm-token]',
    ],
    ['npm token alone', 'npm_abcdefghijklmnopqrstuvwxyz0123456789', '[redacted:npm-token]'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });
});

describe('redact() leaves ordinary text alone', () => {
  const untouched = [
    "TypeError: Cannot read properties of undefined (reading 'replicas')",
    'Failed to load cluster operators: 503 Service Unavailable',
    'request 3f2b8c1e-9d4a-4e7b-a1c2-0f9e8d7c6b5a failed',
    'x-request-id: req-500-0001',
    'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    'GET https://console.example.com/api/v1/namespaces/payments/pods?limit=50&continue=abc',
    'Basic authentication is disabled; use Bearer tokens instead.',
    'The session expired at 12:00; sign in again.',
    'order 123456789 for customer ann@example.com',
    'at Object.render (https://console.example.com/static/main.4f3a2b.js:12:345)',
    'keyboard shortcut pressed: monkey=banana',
    'deployment checkout has 3 replicas; token bucket empty',
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    '',
  ];
  it.each(untouched)('%j', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('redaction settings and counting', () => {
  it('is idempotent and counts nothing the second time', () => {
    const once = redactCounted(`Bearer abc123456 ?token=t0k3nV4lue ${JWT} Cookie: a=1`);
    expect(once.count).toBe(4);
    const twice = redactCounted(once.text);
    expect(twice.text).toBe(once.text);
    expect(twice.count).toBe(0);
  });

  it('counts markers in redacted text', () => {
    expect(countRedactions(redact(`a ${JWT} b ?password=hunter2`))).toBe(2);
    expect(countRedactions('nothing here')).toBe(0);
  });

  it('masks e-mail addresses only when the setting is on', () => {
    const text = 'assigned to ann.smith+ops@example.co.uk';
    expect(redact(text)).toBe(text);
    configureRedaction({ maskEmails: true, customPatterns: [] });
    expect(redact(text)).toBe('assigned to [redacted:email]');
  });

  it("applies the user's own patterns and skips invalid ones", () => {
    configureRedaction({ maskEmails: false, customPatterns: ['CUST-\\d{6}', '(', ''] });
    expect(redact('customer CUST-123456 and cust-654321')).toBe(
      'customer [redacted:custom] and [redacted:custom]',
    );
  });

  it('explains why a custom pattern cannot be used', () => {
    expect(checkCustomPattern('(')).toEqual({
      key: 'patternProblem_invalid',
      values: [expect.stringMatching(/Invalid regular expression/)],
    });
    expect(checkCustomPattern('a*')).toEqual({ key: 'patternProblem_matchesEmpty' });
    expect(checkCustomPattern('x'.repeat(201))).toEqual({
      key: 'patternProblem_tooLong',
      values: ['200'],
    });
    expect(checkCustomPattern(' ')).toEqual({ key: 'patternProblem_empty' });
    expect(checkCustomPattern('CUST-\\d+')).toBeUndefined();
  });

  it('redacts with explicit options without changing the configured ones', () => {
    const result = createRedactor({ maskEmails: true, customPatterns: [] }).redact(
      'ann@example.com',
    );
    expect(result.text).toBe('[redacted:email]');
    expect(result.categories).toEqual({ email: 1 });
    expect(redact('ann@example.com')).toBe('ann@example.com');
  });
});
