import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEVERITY_DEFINITIONS,
  SeverityProfileSchema,
  severityDefinitions,
  severityLabel,
} from '@/utils/severity/wording';

describe('severity definitions', () => {
  it("carries the vendor's guide verbatim", () => {
    expect(DEFAULT_SEVERITY_DEFINITIONS.map((d) => severityLabel(d.level))).toEqual([
      'P1 Critical: production outage, no viable workaround',
      'P2 High: major degradation with significant impact',
      'P3 Medium: limited impact, workaround available',
      'P4 Low: information request or minor issue',
    ]);
  });

  it('lets a vendor profile reword some levels and keeps the rest', () => {
    const profile = SeverityProfileSchema.parse({
      P1: { name: 'Urgent' },
      P4: { definition: 'a question' },
    });
    const defs = severityDefinitions(profile);
    expect(severityLabel('P1', defs)).toBe('P1 Urgent: production outage, no viable workaround');
    expect(severityLabel('P2', defs)).toBe('P2 High: major degradation with significant impact');
    expect(severityLabel('P4', defs)).toBe('P4 Low: a question');
  });

  it('rejects a profile with an empty name', () => {
    expect(SeverityProfileSchema.safeParse({ P1: { name: '' } }).success).toBe(false);
  });
});
