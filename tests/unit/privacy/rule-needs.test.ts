import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_RULES,
  COOKIE_RULE,
  EMAIL_RULE,
  type PatternRule,
  type Rule,
  TextCharacters,
} from '@/utils/privacy/rules';
import { MIXED_LINES, ORDINARY_LINES, SECRET_LINES } from './corpus';

/**
 * A rule's `needs` lets the redactor skip it on text without those characters, so a wrong
 * `needs` would let a secret through: every match the rule's pattern finds in the corpus must
 * contain one of them.
 */
const texts = [
  ...SECRET_LINES.map(([, line]) => line),
  ...MIXED_LINES.map(([, line]) => line),
  ...ORDINARY_LINES,
  'mail ann.smith+ops@example.co.uk or ann%40example.com',
];
const withNeeds = [...BUILT_IN_RULES, COOKIE_RULE, EMAIL_RULE].filter(
  (rule): rule is PatternRule & { needs: string } => 'needs' in rule && rule.needs !== undefined,
);

describe('rules that need a character', () => {
  it('are most of the pattern rules', () => {
    expect(withNeeds.length).toBeGreaterThanOrEqual(25);
  });

  it.each(withNeeds.map((rule) => [`${rule.category} ${rule.pattern.source.slice(0, 40)}`, rule]))(
    '%s: every match in the corpus has one of its characters',
    (_name, rule) => {
      let matches = 0;
      for (const text of texts) {
        for (const match of text.matchAll(rule.pattern)) {
          // Patterns found from a literal inside the token read its start behind it.
          const from = Math.max(0, (match.index ?? 0) - 16);
          const matched = text.slice(from, (match.index ?? 0) + match[0].length);
          expect(
            [...rule.needs].some((char) => matched.includes(char)),
            matched,
          ).toBe(true);
          matches += 1;
        }
      }
      expect(matches).toBeGreaterThan(0);
    },
  );
});

describe('TextCharacters', () => {
  const rule = (needs?: string): Rule => ({ category: 'x', pattern: /x/g, needs });

  it('lets a rule run when the text has one of the characters it needs, or it needs none', () => {
    const characters = new TextCharacters('a-b');
    expect(characters.mayMatch(rule('_-'))).toBe(true);
    expect(characters.mayMatch(rule())).toBe(true);
    expect(characters.mayMatch({ category: 'scan', scan: () => {} })).toBe(true);
  });

  it('skips a rule whose characters the text does not have', () => {
    expect(new TextCharacters('abc123').mayMatch(rule('_.:'))).toBe(false);
    expect(new TextCharacters('').mayMatch(rule('-'))).toBe(false);
  });
});
