import { describe, expect, it } from 'vitest';
import { createRedactor } from '@/utils/privacy/redact';
import { MIXED_LINES, ORDINARY_LINES, SECRET_LINES } from './corpus';

const redactor = createRedactor({ maskEmails: false, customPatterns: [] });
const masking = createRedactor({ maskEmails: true, customPatterns: ['CUST-\\d{6}'] });

describe('the secret corpus is fully redacted', () => {
  it.each([...SECRET_LINES, ...MIXED_LINES])('%s', (_name, line, ...secrets) => {
    const { text, count } = redactor.redact(line);
    expect(count).toBeGreaterThan(0);
    expect(text).toContain('[redacted:');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('has a line for every format', () => {
    expect(SECRET_LINES.length).toBeGreaterThanOrEqual(100);
    expect(MIXED_LINES.length).toBeGreaterThanOrEqual(5);
  });
});

describe('ordinary lines come back unchanged', () => {
  it.each(ORDINARY_LINES)('%j', (line) => {
    expect(redactor.redact(line)).toEqual({ text: line, count: 0, categories: {} });
  });
});

describe('redacting twice changes nothing', () => {
  const all = [
    ...SECRET_LINES.map(([, line]) => line),
    ...MIXED_LINES.map(([, line]) => line),
    ...ORDINARY_LINES,
    'assigned to ann.smith+ops@example.co.uk, customer CUST-123456',
  ];
  it.each(all)('%j', (line) => {
    for (const r of [redactor, masking]) {
      const once = r.redact(line);
      const twice = r.redact(once.text);
      expect(twice.text).toBe(once.text);
      expect(twice.count).toBe(0);
    }
  });

  it('counts the same number of redactions for the same text', () => {
    const text = MIXED_LINES.map(([, line]) => line).join('\n');
    expect(redactor.redact(text).count).toBe(redactor.redact(text).count);
    const once = redactor.redact(text);
    expect(once.text.match(/\[redacted:[a-z-]+\]/g)?.length).toBe(once.count);
  });
});
