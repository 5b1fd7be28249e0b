import { describe, expect, it } from 'vitest';
import { MAX_TEXT_FIELD } from '@/utils/text/wiki-text';
import { newCaptureReference } from '@/utils/ticket/capture-reference';
import {
  composeDescription,
  composeDescriptionWithStats,
  escapeWiki,
  escapeWikiWithin,
  failedRequestText,
  noformat,
} from '@/utils/ticket/description';
import { toggleEvent } from '@/utils/ticket/draft';
import { draft, event } from './fixtures';
import { lines, render } from './wiki-converter';

describe('escapeWiki', () => {
  it.each([
    ['plain text', 'The invoice page is blank', 'The invoice page is blank'],
    ['bold and italics', '*bold* _it_', '\\*bold\\* \\_it\\_'],
    [
      'links and images',
      '[click|https://evil] !img.png!',
      // A bracket right after a URL is plain text to the converter.
      '\\[click\\|https://evil] \\!img.png\\!',
    ],
    ['macros', '{color:red}x{color}', '\\{color:red\\}x\\{color\\}'],
    ['a heading line', 'h1. Pwned\nsecond', '{noformat}\nh1. Pwned\nsecond\n{noformat}'],
    ['list and table starts', '# one\n- two\n|| a ||', '\\# one\n\\- two\n\\|\\| a \\|\\|'],
    ['a Windows path, no entities', 'C:\\temp\\logs', 'C:\\temp\\logs'],
    [
      'citations and strikes',
      '??cite?? -gone- +u+ ^s^ ~t~',
      '\\?\\?cite\\?\\? \\-gone\\- \\+u\\+ \\^s\\^ \\~t\\~',
    ],
    [
      'a URL stays intact',
      'see https://a.example/x-y_z?q=1#f',
      'see https://a.example/x-y_z?q=1#f',
    ],
    ['CRLF', 'a\r\nb', 'a\nb'],
  ])('%s', (_name, input, expected) => {
    expect(escapeWiki(input)).toBe(expected);
  });

  it('cuts long text to fit', () => {
    const out = escapeWikiWithin('*'.repeat(100), 51);
    expect(out.length).toBeLessThanOrEqual(51);
    expect(out).toMatch(/^(\\\*)+ … \(shortened\)$/);
  });
});

describe('noformat', () => {
  it('wraps text verbatim', () => {
    expect(noformat('a *b* [c]')).toBe('{noformat}\na *b* [c]\n{noformat}');
  });

  it.each(['{noformat}', '{NOFORMAT}', '{noformat:title=x}'])(
    'cannot be closed early by %s (read with Atlassian converter)',
    (closer) => {
      const text = `before ${closer}\nh1. injected`;
      const shown = render(noformat(text));
      expect(shown.markup).toEqual(['codeBlock']);
      expect(shown.lines).toEqual(lines(text));
    },
  );

  it('shortens a long block', () => {
    expect(noformat('x'.repeat(50), 10)).toBe(
      `{noformat}\n${'x'.repeat(10)}\n… (shortened)\n{noformat}`,
    );
  });
});

describe('composeDescription', () => {
  const full = draft(
    {
      environment: 'Production',
      product: 'Billing',
      steps:
        '1. Open https://console.example.com/apps/billing (captured 2026-05-04 11:22:05 UTC)\n2. Click *Pay*\n3. ',
      impact: 'Nobody can pay invoices',
      recentChanges: 'Upgraded to 4.15 yesterday',
      severity: 'P1',
      severityAnswers: {
        production: 'yes',
        workaround: 'no',
        reach: 'all',
        blockedFunction: 'Invoicing',
      },
    },
    {
      events: [
        event('TypeError: x is undefined', {
          stack: 'TypeError: x is undefined\n    at pay (app.js:10:5)',
          source: 'app.js:10:5',
          count: 3,
        }),
        event('{noformat}h1. injected', { kind: 'console-error' }),
      ],
      failedRequests: [
        {
          id: 'r1',
          method: 'POST',
          url: 'https://api.example.com/pay',
          status: 500,
          statusText: 'Internal Server Error',
          requestIds: [{ name: 'x-request-id', value: 'req-42' }],
        },
      ],
      facts: { language: 'en-GB' },
      consoleFacts: {
        product: 'OpenShift',
        facts: [{ label: 'Cluster version', value: '4.15.2' }],
      },
      browser: 'Chrome 140 on Linux',
    },
  );
  const text = composeDescription(full);

  it('has every section as an h3 heading, in order', () => {
    const headings = text.split('\n').filter((l) => l.startsWith('h3. '));
    expect(headings).toEqual([
      'h3. Environment',
      'h3. Product or service',
      'h3. Errors and logs',
      'h3. Steps to reproduce',
      'h3. Impact',
      'h3. Recent configuration changes',
      'h3. Technical context',
    ]);
  });

  it.each([
    ['environment', 'h3. Environment\nProduction\n'],
    ['product', 'h3. Product or service\nBilling\n'],
    ['the page URL', 'Page URL: https://console.example.com/apps/billing'],
    ['the page title', 'Page title: Billing · Example Console'],
    ['the browser', 'Browser: Chrome 140 on Linux'],
    [
      'the capture time and scope',
      'Captured: 2026-05-04 11:22:05 UTC (errors recorded since the page loaded)',
    ],
    [
      'the error with count and time',
      '[Uncaught error (×3), 2026-05-04 11:22:00 UTC] TypeError: x is undefined',
    ],
    ['the error source', '  at app.js:10:5'],
    ['the stack without the repeated message', '    at pay (app.js:10:5)'],
    [
      'the failed request with its request id',
      'POST https://api.example.com/pay -> 500 Internal Server Error [x-request-id: req-42]',
    ],
    ['facts', 'Facts:\n  language: en-GB'],
    ['console facts', 'Console facts:\n  Console: OpenShift\n  Cluster version: 4.15.2'],
    ['escaped steps without the empty next step', '2. Click \\*Pay\\*\n\nh3. Impact'],
    [
      'the severity with its definition',
      '*Severity:* P1 Critical: production outage, no viable workaround',
    ],
    [
      'the quick answers',
      '* Is production affected\\? yes\n* Is there a workaround\\? no\n* How many users or which business function is blocked\\? All users or a business function: Invoicing',
    ],
    ['recent changes', 'h3. Recent configuration changes\nUpgraded to 4.15 yesterday'],
  ])('includes %s', (_name, expected) => {
    expect(text).toContain(expected);
  });

  it('ends with the capture reference line', () => {
    expect(text.endsWith('\n\nCapture reference: SC-7F3K9Q')).toBe(true);
  });

  it('reads page text verbatim and lets it add no markup (Atlassian converter)', () => {
    const shown = render(text);
    // Only the description's own structure: headings, verbatim blocks, the answers' list.
    for (const type of shown.markup)
      expect([
        'heading',
        'codeBlock',
        'bulletList',
        'listItem',
        'mark:strong',
        'mark:em',
      ]).toContain(type);
    expect(shown.lines.some((line) => line.endsWith('{noformat}h1. injected'))).toBe(true);
    for (const link of shown.links) expect(link.text).toBe(link.href.replace(/\/$/, ''));
  });

  it('marks empty sections and an unchosen severity', () => {
    const empty = composeDescription(draft({}, { events: [] }));
    expect(empty).toContain('h3. Environment\n_Not provided._');
    expect(empty).toContain(
      'h3. Steps to reproduce\n1. Open https://console.example.com/apps/billing',
    );
    expect(empty).toContain('h3. Errors and logs\nNo errors were captured on the page.');
    expect(empty).toContain('*Severity:* not chosen');
  });

  it('leaves out errors the user removed', () => {
    const trimmed = composeDescription(toggleEvent(full, 0, false));
    expect(trimmed).not.toContain('TypeError');
  });

  it('points to the failed requests when only those were captured', () => {
    const onlyRequests = draft(
      {},
      { events: [], failedRequests: [{ url: 'https://a/x', status: 503 }] },
    );
    expect(composeDescription(onlyRequests)).toContain(
      'No console errors were captured; failed requests are listed',
    );
  });

  it('redacts secrets the user typed and counts them', () => {
    const d = draft({ impact: 'Token Bearer abc123def456ghi fails' });
    const { text: out, redactions } = composeDescriptionWithStats(d);
    expect(out).not.toContain('abc123def456ghi');
    expect(redactions).toBe(1);
  });

  it('stays within the portal limit with huge logs and text', () => {
    const huge = draft(
      { impact: '\\'.repeat(40_000), steps: '*'.repeat(40_000), recentChanges: 'x'.repeat(40_000) },
      {
        events: Array.from({ length: 100 }, (_, i) =>
          event(`Error ${i} ${'y'.repeat(3000)}`, { stack: 'at z\n'.repeat(200) }),
        ),
      },
    );
    const out = composeDescription(huge);
    expect(out.length).toBeLessThan(MAX_TEXT_FIELD);
    expect(out.endsWith('Capture reference: SC-7F3K9Q')).toBe(true);
    // The logs, the technical context and the typed backslashes (which escaping cannot keep).
    expect(out.match(/\{noformat\}/gi)?.length).toBe(6);
  });
});

describe('failedRequestText', () => {
  it.each([
    [
      { id: '1', method: 'GET', url: 'https://a/x', status: 404, requestIds: [] },
      'GET https://a/x -> 404',
    ],
    [
      { id: '1', method: 'GET', url: 'https://a/x', error: 'net::ERR_FAILED', requestIds: [] },
      'GET https://a/x -> net::ERR_FAILED',
    ],
    [
      { id: '1', method: 'PUT', url: 'https://a/x', requestIds: [] },
      'PUT https://a/x -> no response',
    ],
    [
      {
        id: '1',
        method: 'GET',
        url: 'https://a/x',
        status: 502,
        count: 4,
        requestIds: [
          { name: 'cf-ray', value: '1' },
          { name: 'traceparent', value: '00-2' },
        ],
      },
      'GET https://a/x -> 502 (×4) [cf-ray: 1; traceparent: 00-2]',
    ],
  ])('%o', (request, expected) => {
    expect(failedRequestText(request)).toBe(expected);
  });
});

describe('capture reference', () => {
  it('is short, from an unambiguous alphabet and random', () => {
    const refs = new Set(Array.from({ length: 200 }, () => newCaptureReference()));
    expect(refs.size).toBe(200);
    for (const ref of refs) {
      expect(ref).toMatch(/^SC-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
    }
  });

  it('uses every letter evenly from a biased byte source', () => {
    let n = 0;
    const ref = newCaptureReference((bytes) => bytes.map(() => (n++ % 2 === 0 ? 255 : 0)));
    expect(ref).toBe('SC-222222');
  });
});
