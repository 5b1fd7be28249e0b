import { describe, expect, it } from 'vitest';
import { cleanLabel, describeLocation, redactCrumb } from '@/utils/capture/steps/crumb-redaction';

const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('describeLocation', () => {
  it('keeps path and hash, drops query values', () => {
    expect(
      describeLocation('https://c.example/ns/payments?q=typed%20text&page=2#/pods?filter=abc'),
    ).toBe('/ns/payments?q=…&page=…#/pods?filter=…');
    expect(describeLocation('https://c.example/')).toBe('/');
    expect(describeLocation('not a url')).toBe('');
  });

  it('redacts secrets in the path', () => {
    expect(describeLocation(`https://c.example/token/${JWT}`)).toBe('/token/[redacted:jwt]');
  });
});

describe('cleanLabel and redactCrumb', () => {
  it('redact, squash and cap a label, the same each time', () => {
    // Cut to 60 characters before redacting: the cut token is still recognised.
    const once = cleanLabel(`  Save\n ${JWT} `);
    expect(once).toBe('Save [redacted:jwt]…');
    expect(cleanLabel(`  Save\n ${JWT} `)).toBe(once);
    expect(cleanLabel('Scale   to\n3')).toBe('Scale to 3');
    expect(cleanLabel('x'.repeat(500))).toHaveLength(60);
  });

  it('turns a raw crumb into its stored form', () => {
    expect(
      redactCrumb({
        kind: 'click',
        time: 1,
        count: 1,
        label: 'Use secret=hunter2-value',
        role: 'button',
        location: 'https://c.example/a?page=1',
      }),
    ).toEqual({
      kind: 'click',
      time: 1,
      count: 1,
      label: expect.not.stringContaining('hunter2'),
      role: 'button',
      location: '/a?page=…',
    });
  });
});
