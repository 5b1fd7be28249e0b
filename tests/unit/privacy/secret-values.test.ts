import { describe, expect, it } from 'vitest';
import {
  classifyName,
  isPlaceholder,
  LETTER_BITS,
  LONGEST_NOT_A_VALUE,
  looksSecret,
  looksSecretIn,
  mayClassify,
  NOT_A_VALUE,
} from '@/utils/privacy/secret-values';

const letters = (name: string) => {
  let set = 0;
  for (const c of name) set |= LETTER_BITS[c.charCodeAt(0)] ?? 0;
  return set;
};

describe('the quick letter test before a name is looked up', () => {
  const known = [
    'password',
    'DB_PASSWORD',
    'passwd',
    'pwd',
    'MYSQL_ROOT_PWD',
    'client_secret',
    'X-API-Key',
    'apiKey',
    'access_token',
    'id_token',
    'X-Auth-Token',
    'PRIVATE-TOKEN',
    'AccountKey',
    'X-Amz-Credential',
    'X-Amz-Signature',
    'sig',
    'code',
    'auth',
    'jwt',
    'key',
    'session',
    'sessionid',
    'jsessionid',
    'sid',
    'PHPSESSID',
    'otpcode',
    'authorization',
  ];
  it.each(known)('lets %s through to the name policy', (name) => {
    expect(classifyName(name)).toBeDefined();
    expect(mayClassify(letters(name))).toBe(true);
  });

  it('rules out ordinary names', () => {
    for (const name of ['https', 'TypeError', 'limit', 'continue', 'traceparent', 'Error']) {
      expect(classifyName(name)).toBeUndefined();
      expect(mayClassify(letters(name))).toBe(false);
    }
  });
});

describe('judging a value where it stands', () => {
  const values = [
    'Ab3xYz9Qk2Lm7Np4',
    'ECONNRESET',
    '2026-11-30T10:00:00Z',
    'v4.15.2',
    '3f2b8c1e-9d4a-4e7b-a1c2-0f9e8d7c6b5a',
    '0f9e8d7c6b5a4f3e2d1c',
    'ServiceUnavailable',
    'aaaaaaaaaaaaaaaa1',
    'abc def ghi 123',
    'abc\u00a0def123456',
    'naïve-value-123',
  ];
  it.each(values)('%s: the same answer cut out or in place', (value) => {
    const text = `x=${value}&y`;
    for (const ids of [false, true]) {
      expect(looksSecretIn(text, 2, 2 + value.length, ids)).toBe(looksSecret(value, ids));
    }
  });

  it('judges by entropy where the commonest character is frequent', () => {
    // 4 of 12 alike: the share does not decide, the entropy does (2.25 bits: no; 2.92: yes).
    expect(looksSecret('aaaabbbb1234')).toBe(false);
    expect(looksSecret('aaaab1c2d3e4')).toBe(true);
  });

  it('gives the same answers after its character counts have been reused many times', () => {
    // The counts are tagged per value; tags wrap after 131,071 values.
    const answers = new Set<boolean>();
    for (let i = 0; i < 140_000; i++)
      answers.add(looksSecret(i % 2 ? 'Ab3xYz9Qk2Lm7Np4' : 'aaaabbbb1234') === (i % 2 === 1));
    expect([...answers]).toEqual([true]);
  });
});

describe('placeholders', () => {
  it('tests words no longer than the longest message word', () => {
    expect(Math.max(...[...NOT_A_VALUE].map((word) => word.length))).toBe(LONGEST_NOT_A_VALUE);
    expect(isPlaceholder('Configured')).toBe(true);
  });

  it('knows message words in any case, also through a letter beyond ASCII', () => {
    expect(isPlaceholder('REQUIRED')).toBe(true);
    // The Kelvin sign lower-cases to `k`: `O\u212A` reads as "ok".
    expect(isPlaceholder('O\u212A')).toBe(true);
    expect(isPlaceholder(`$${'{'}DB_PASSWORD}`)).toBe(true);
    expect(isPlaceholder('xxxxxxxx')).toBe(true);
    expect(isPlaceholder('X-API-Key:')).toBe(false);
    expect(isPlaceholder('hunter2')).toBe(false);
  });
});
