import { describe, expect, it } from 'vitest';
import type { Severity } from '@/utils/severity/levels';
import {
  type SeverityAnswers,
  severityWarnings,
  suggestSeverity,
} from '@/utils/severity/suggestion';

describe('suggestSeverity', () => {
  it.each<[string, SeverityAnswers, Severity | undefined]>([
    ['nothing answered', {}, undefined],
    ['production down, no workaround', { production: 'yes', workaround: 'no' }, 'P1'],
    ['production down for everyone', { production: 'yes', workaround: 'no', reach: 'all' }, 'P1'],
    ['production down for some', { production: 'yes', workaround: 'no', reach: 'some' }, 'P1'],
    ['production down for one user', { production: 'yes', workaround: 'no', reach: 'one' }, 'P2'],
    [
      'production, workaround, everyone',
      { production: 'yes', workaround: 'yes', reach: 'all' },
      'P2',
    ],
    [
      'production, workaround, a business function',
      { production: 'yes', workaround: 'yes', blockedFunction: 'Invoicing' },
      'P2',
    ],
    [
      'production, workaround, one user',
      { production: 'yes', workaround: 'yes', reach: 'one' },
      'P3',
    ],
    ['production, workaround not answered', { production: 'yes' }, 'P3'],
    ['staging, no workaround, a team', { production: 'no', workaround: 'no', reach: 'some' }, 'P2'],
    [
      'staging, no workaround, one user',
      { production: 'no', workaround: 'no', reach: 'one' },
      'P3',
    ],
    ['staging, workaround', { production: 'no', workaround: 'yes' }, 'P3'],
    ['nobody blocked', { reach: 'none' }, 'P4'],
    [
      'nobody blocked in production with a workaround',
      { production: 'yes', workaround: 'yes', reach: 'none' },
      'P4',
    ],
    ['only a workaround', { workaround: 'yes' }, 'P3'],
    ['no workaround, everyone', { workaround: 'no', reach: 'all' }, 'P2'],
    ['only no workaround', { workaround: 'no' }, undefined],
  ])('%s -> %s', (_name, answers, expected) => {
    const suggestion = suggestSeverity(answers);
    expect(suggestion?.severity).toBe(expected);
    if (suggestion) expect(suggestion.reason).toMatch(/\.$/);
    // The code the popup words from _locales goes with each reason.
    if (suggestion) expect(suggestion.code).toMatch(/^[a-z-]+$/);
  });

  it('never contradicts its own warnings', () => {
    const choices = [undefined, 'yes', 'no'] as const;
    const reaches = [undefined, 'none', 'one', 'some', 'all'] as const;
    for (const production of choices)
      for (const workaround of choices)
        for (const reach of reaches) {
          const answers = { production, workaround, reach };
          const suggestion = suggestSeverity(answers);
          if (suggestion) expect(severityWarnings(suggestion.severity, answers)).toEqual([]);
        }
  });
});

describe('severityWarnings', () => {
  it.each<[string, Severity | undefined, SeverityAnswers, string | undefined, string[]]>([
    ['no severity', undefined, { production: 'no' }, 'Staging', []],
    [
      'P1 in production without workaround',
      'P1',
      { production: 'yes', workaround: 'no' },
      'Production',
      [],
    ],
    [
      'P1 when production is not affected',
      'P1',
      { production: 'no' },
      undefined,
      ['p1-not-production'],
    ],
    ['P1 on a staging environment', 'P1', {}, 'Staging', ['p1-not-production']],
    ['P1 on "pre-prod"', 'P1', {}, 'pre-prod', ['p1-not-production']],
    ['P1 on "prod-eu"', 'P1', {}, 'prod-eu', []],
    ['P1 on an unknown environment', 'P1', {}, 'Cluster 7', []],
    ['P1 on staging but production answered yes', 'P1', { production: 'yes' }, 'Staging', []],
    [
      'P1 with a workaround',
      'P1',
      { production: 'yes', workaround: 'yes' },
      'Production',
      ['p1-with-workaround'],
    ],
    [
      'P1 outside production with a workaround',
      'P1',
      { production: 'no', workaround: 'yes' },
      undefined,
      ['p1-not-production', 'p1-with-workaround'],
    ],
    [
      'P4 with production down',
      'P4',
      { production: 'yes', workaround: 'no' },
      undefined,
      ['p4-production-down'],
    ],
    [
      'P4 on production with no workaround',
      'P4',
      { workaround: 'no' },
      'Production',
      ['p4-production-down'],
    ],
    [
      'P4 with production affected but a workaround',
      'P4',
      { production: 'yes', workaround: 'yes' },
      undefined,
      [],
    ],
    ['P2 anywhere', 'P2', { production: 'no', workaround: 'yes' }, 'Dev', []],
  ])('%s', (_name, severity, answers, environment, codes) => {
    const warnings = severityWarnings(severity, answers, environment);
    expect(warnings.map((w) => w.code)).toEqual(codes);
    for (const w of warnings) expect(w.message).toMatch(/Consider P\d/);
  });
});
