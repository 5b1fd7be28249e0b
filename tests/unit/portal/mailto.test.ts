import { describe, expect, it } from 'vitest';
import { mailtoFor, reportText } from '@/utils/portal/mailto';
import { VendorProfileSchema } from '@/utils/profile/vendor-profiles';

const notes = { attachNote: 'Attach the report.', cutNote: '(Shortened.)' };

describe('Send by e-mail', () => {
  it('puts the summary in the subject and the note and text in the body', () => {
    const href = mailtoFor({
      to: 'support@vendor.example',
      summary: 'Operators page: 503 & more',
      text: 'Line one\nLine two',
      ...notes,
    });
    const url = new URL(href);
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('support@vendor.example');
    expect(url.searchParams.get('subject')).toBe('Operators page: 503 & more');
    expect(url.searchParams.get('body')).toBe('Attach the report.\n\nLine one\nLine two');
  });

  it('cuts a long text to fit, keeps the note and says it was cut', () => {
    const href = mailtoFor({
      to: 'support@vendor.example',
      summary: 'Long',
      text: 'x'.repeat(20_000),
      ...notes,
    });
    expect(href.length).toBeLessThanOrEqual(1900);
    const body = new URL(href).searchParams.get('body') ?? '';
    expect(body.startsWith('Attach the report.')).toBe(true);
    expect(body.endsWith('(Shortened.)')).toBe(true);
  });

  it('reads the report page as text, without scripts and images', () => {
    const text = reportText(
      '<html><body><h1>Request</h1><script>alert(1)</script><p>Impact: none</p><img src="data:,"></body></html>',
    );
    expect(text).toContain('Request');
    expect(text).toContain('Impact: none');
    expect(text).not.toContain('alert');
  });

  it('a vendor profile may name a support address, and it must be one', () => {
    const base = { id: 'acme', vendorName: 'Acme', portalUrl: 'https://acme.atlassian.net' };
    expect(
      VendorProfileSchema.parse({ ...base, supportEmail: 'support@acme.example' }).supportEmail,
    ).toBe('support@acme.example');
    expect(VendorProfileSchema.safeParse({ ...base, supportEmail: 'not an address' }).success).toBe(
      false,
    );
  });
});
