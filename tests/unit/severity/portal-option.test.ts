import { describe, expect, it } from 'vitest';
import type { Severity } from '@/utils/severity/levels';
import { severityOption } from '@/utils/severity/portal-option';
import { options } from '../ticket/fixtures';

describe('severityOption', () => {
  const scales: Array<[string, string[], Record<Severity, string>]> = [
    ['P-levels', ['P1', 'P2', 'P3', 'P4'], { P1: 'P1', P2: 'P2', P3: 'P3', P4: 'P4' }],
    [
      'P-levels with names',
      ['P4 - Low', 'P3 - Medium', 'P2 - High', 'P1 - Critical'],
      { P1: 'P1 - Critical', P2: 'P2 - High', P3: 'P3 - Medium', P4: 'P4 - Low' },
    ],
    [
      'Sev numbers',
      ['Sev 1', 'Sev 2', 'Sev 3', 'Sev 4'],
      { P1: 'Sev 1', P2: 'Sev 2', P3: 'Sev 3', P4: 'Sev 4' },
    ],
    [
      'Severity numbers with words',
      [
        'Severity 1 - Critical',
        'Severity 2 - Major',
        'Severity 3 - Minor',
        'Severity 4 - Cosmetic',
      ],
      {
        P1: 'Severity 1 - Critical',
        P2: 'Severity 2 - Major',
        P3: 'Severity 3 - Minor',
        P4: 'Severity 4 - Cosmetic',
      },
    ],
    [
      'leading digits',
      ['1 - Urgent', '2 - High', '3 - Normal', '4 - Low'],
      { P1: '1 - Urgent', P2: '2 - High', P3: '3 - Normal', P4: '4 - Low' },
    ],
    [
      'Critical..Low',
      ['Critical', 'High', 'Medium', 'Low'],
      { P1: 'Critical', P2: 'High', P3: 'Medium', P4: 'Low' },
    ],
    [
      'Highest..Lowest',
      ['Highest', 'High', 'Medium', 'Low', 'Lowest'],
      { P1: 'Highest', P2: 'High', P3: 'Medium', P4: 'Low' },
    ],
    [
      'Highest..Lowest shuffled',
      ['Lowest', 'Low', 'Medium', 'High', 'Highest'],
      { P1: 'Highest', P2: 'High', P3: 'Medium', P4: 'Low' },
    ],
    [
      'Blocker/Major/Minor/Trivial',
      ['Blocker', 'Major', 'Minor', 'Trivial'],
      { P1: 'Blocker', P2: 'Major', P3: 'Minor', P4: 'Trivial' },
    ],
    [
      'JSM impact',
      ['Extensive / Widespread', 'Significant / Large', 'Moderate / Limited', 'Minor / Localized'],
      {
        P1: 'Extensive / Widespread',
        P2: 'Significant / Large',
        P3: 'Moderate / Limited',
        P4: 'Minor / Localized',
      },
    ],
  ];

  for (const [scale, labels, expected] of scales) {
    it.each(Object.entries(expected))(`${scale}: %s -> %s`, (level, label) => {
      expect(severityOption(options(...labels), level as Severity)?.option.label).toBe(label);
    });
  }

  it.each([
    [['High', 'Medium', 'Low'], 'P1', 'High'],
    [['High', 'Medium', 'Low'], 'P2', 'High'],
    [['High', 'Medium', 'Low'], 'P3', 'Medium'],
    [['High', 'Medium', 'Low'], 'P4', 'Low'],
    [['Blocker', 'Critical', 'Major', 'Minor', 'Trivial'], 'P1', 'Blocker'],
    [['Blocker', 'Critical', 'Major', 'Minor', 'Trivial'], 'P4', 'Minor'],
    [['Urgent', 'Normal'], 'P1', 'Urgent'],
    [['Urgent', 'Normal'], 'P4', 'Normal'],
  ])('short and long scales: %o %s -> %s', (labels, level, label) => {
    expect(severityOption(options(...labels), level as Severity)?.option.label).toBe(label);
  });

  it('returns nothing for options on no known scale', () => {
    expect(severityOption(options('Red', 'Amber', 'Green'), 'P1')).toBeUndefined();
  });

  it('says which option and scale it used', () => {
    expect(
      severityOption(options('Highest', 'High', 'Medium', 'Low', 'Lowest'), 'P1')?.reason,
    ).toBe('Severity P1 matches option "Highest" (level 1 of 5 on the portal\'s scale).');
  });

  it.each([
    ['P1', 'P1'],
    ['p2 high', 'P2'],
    ['S3', 'P3'],
    ['Sev-4', 'P4'],
    ['Priority 2', 'P2'],
    ['1 - Critical', 'P1'],
  ])('reads the level number in "%s" (%s)', (label, level) => {
    const choice = severityOption(options('Other', label), level as Severity);
    expect(choice?.option.label).toBe(label);
    expect(choice?.why.code).toBe('severity-option');
  });

  it.each([
    ['High', 'severity-scale'],
    ['HTTP 500', undefined],
  ])('takes no level number from "%s"', (label, code) => {
    expect(severityOption(options(label), 'P1')?.why.code).toBe(code);
  });
});
