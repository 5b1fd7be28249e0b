import { describe, expect, it } from 'vitest';
import { backtrackingProblem, checkCustomPattern, WINDOW } from '@/utils/privacy/custom-patterns';
import { createRedactor, cutText } from '@/utils/privacy/redact';

describe('cutText()', () => {
  it('leaves text within the limit alone', () => {
    expect(cutText('short', 10)).toBe('short');
  });

  it('cuts with a note and never splits a marker', () => {
    const text = `${'a'.repeat(20)}[redacted:secret]${'b'.repeat(20)}`;
    const cut = cutText(text, 40);
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut).toMatch(/^a{20}… \[cut \d+ chars\]$/);
    expect(cutText(cut, 40)).toBe(cut);
  });

  it('counts what was cut before', () => {
    expect(cutText('abc', 40, 100)).toBe('abc… [cut 100 chars]');
  });
});

describe('redactToFit()', () => {
  const redactor = createRedactor({ maskEmails: true, customPatterns: [] });
  it('redacts a secret on the cut whole, then cuts', () => {
    const secret = `ghp_${'A1b2C3d4E5'.repeat(4)}`;
    const text = `${'x'.repeat(90)} ${secret} ${'y'.repeat(5000)}`;
    const { text: out } = redactor.redactToFit(text, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out).not.toMatch(/ghp_|A1b2/);
  });

  it('says how much of a megabyte was left out', () => {
    const { text } = redactor.redactToFit('a.'.repeat(500_000), 2000);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).toMatch(/\[cut \d{6,} chars\]$/);
  });
});

describe('user patterns cannot hang capture', () => {
  it.each([
    ['(a+)+b', 'patternProblem_nestedRepeat'],
    ['(a|aa)*c', 'patternProblem_nestedRepeat'],
    ['x(\\w+\\s?)*$', 'patternProblem_nestedRepeat'],
    ['\\w+@\\w+', 'patternProblem_openRepeats'],
    ['.*.*x', 'patternProblem_openRepeats'],
    ['(a)\\1', 'patternProblem_backReference'],
  ])('refuses %s with a reason', (pattern, key) => {
    expect(checkCustomPattern(pattern)?.key).toBe(key);
  });

  it.each([
    'CUST-\\d+',
    '[A-Z]{2,4}-\\d{4,8}',
    '\\w{1,64}@corp\\.example',
    '(?:foo|bar)-\\d{6}',
    'acct_[a-z0-9]{16}',
  ])('accepts %s', (pattern) => {
    expect(backtrackingProblem(pattern)).toBeUndefined();
    expect(checkCustomPattern(pattern)).toBeUndefined();
  });

  it('finds matches across window borders, and skips refused patterns', () => {
    const redactor = createRedactor({
      maskEmails: false,
      customPatterns: ['CUST-\\d{6}', '(a+)+b'],
    });
    const ids = Array.from({ length: 400 }, (_, i) => `CUST-${String(100000 + i)}`);
    const text = ids.join(' ');
    expect(text.length).toBeGreaterThan(3 * WINDOW);
    const { text: out, count } = redactor.redact(text);
    expect(count).toBe(400);
    expect(out).not.toMatch(/CUST-\d/);
    expect(redactor.redact(`${'a'.repeat(5000)}c`).count).toBe(0);
  });

  it('does not match inside markers', () => {
    const redactor = createRedactor({ maskEmails: false, customPatterns: ['secret'] });
    const once = redactor.redact('password=hunter22 and a secret');
    expect(once.text).toBe('password=[redacted:secret] and a [redacted:custom]');
    expect(redactor.redact(once.text).count).toBe(0);
  });
});
