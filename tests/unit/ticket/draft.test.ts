import { describe, expect, it } from 'vitest';
import {
  createDraftFromCapture,
  DraftSchema,
  includedEvents,
  includedRequests,
  initialSteps,
  mappingKey,
  toggleEvent,
  toggleRequest,
  touchDraft,
} from '@/utils/ticket/draft';
import { type CaptureInput, capture, draft, event, T0 } from './fixtures';

const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('the summary from a capture', () => {
  it.each([
    {
      name: 'the first error, first line only',
      events: [event('TypeError: x is undefined\n    at foo (app.js:1:2)')],
      title: 'Page',
      expected: 'TypeError: x is undefined',
    },
    {
      name: 'skips warnings for the first error',
      events: [
        event('Deprecated API', { kind: 'console-warn' }),
        event('Request failed', { kind: 'console-error' }),
      ],
      title: 'Page',
      expected: 'Request failed',
    },
    {
      name: 'the page title without errors',
      events: [],
      title: '  Billing  ',
      expected: 'Billing',
    },
    {
      name: 'the title when only warnings',
      events: [event('Deprecated', { kind: 'console-warn' })],
      title: 'Billing',
      expected: 'Billing',
    },
    {
      name: 'the host without a title',
      events: [],
      title: '',
      expected: 'Problem on console.example.com',
    },
  ])('uses $name', ({ events, title, expected }) => {
    const d = createDraftFromCapture(
      capture({ events, title, url: 'https://console.example.com/x' }),
    );
    expect(d.summary).toBe(expected);
  });

  it('cuts very long messages to fit the portal summary', () => {
    const { summary } = createDraftFromCapture(
      capture({ events: [event('x'.repeat(500))], title: '', url: 'https://a.b/' }),
    );
    expect(summary).toHaveLength(200);
    expect(summary.endsWith('…')).toBe(true);
  });
});

describe('createDraftFromCapture', () => {
  it('pre-fills summary, steps with URL and time, and a capture reference', () => {
    const d = createDraftFromCapture(capture(), { now: T0 + 1, captureRef: 'SC-7F3K9Q' });
    expect(d.summary).toBe("TypeError: Cannot read properties of undefined (reading 'total')");
    expect(d.steps).toBe(
      '1. Open https://console.example.com/apps/billing (captured 2026-05-04 11:22:05 UTC)\n2. ',
    );
    expect(d.captureRef).toBe('SC-7F3K9Q');
    expect(d.severity).toBeUndefined();
    expect(d.createdAt).toBe(T0 + 1);
    expect(d.updatedAt).toBe(T0 + 1);
    expect(DraftSchema.safeParse(d).success).toBe(true);
  });

  it('generates a capture reference when none is given', () => {
    expect(createDraftFromCapture(capture()).captureRef).toMatch(/^SC-[2-9A-HJKMNP-TV-Z]{6}$/);
  });

  it.each<{ name: string; input: Partial<CaptureInput>; environment: string; product: string }>([
    { name: 'nothing inferred', input: {}, environment: '', product: '' },
    {
      name: 'plain strings',
      input: { environment: 'Staging', product: 'Billing' },
      environment: 'Staging',
      product: 'Billing',
    },
    {
      name: 'rule results',
      input: { environment: { value: 'Production' }, product: { value: 'OpenShift' } },
      environment: 'Production',
      product: 'OpenShift',
    },
    {
      name: 'rules that matched nothing',
      input: { environment: { value: null }, product: null },
      environment: '',
      product: '',
    },
  ])('takes environment and product from $name', ({ input, environment, product }) => {
    const d = createDraftFromCapture(capture(input), { now: T0 });
    expect(d.environment).toBe(environment);
    expect(d.product).toBe(product);
  });

  it('follows the opening step with recorded steps, renumbered', () => {
    const d = createDraftFromCapture(capture(), {
      now: T0,
      recordedSteps: '1. Click "Save" (3 s before the error)\n2. Error: boom',
    });
    expect(d.steps.split('\n')).toEqual([
      expect.stringMatching(/^1\. Open https:/),
      '2. Click "Save" (3 s before the error)',
      '3. Error: boom',
      '4. ',
    ]);
  });

  it('keeps the service desk, request type and saved mapping it is given', () => {
    const d = createDraftFromCapture(capture(), {
      serviceDeskId: '10',
      requestTypeId: '25',
      mappingOverrides: { customfield_1: { source: 'product' } },
    });
    expect(d).toMatchObject({
      serviceDeskId: '10',
      requestTypeId: '25',
      mappingOverrides: { customfield_1: { source: 'product' } },
    });
  });
});

describe('the context from a capture', () => {
  it('redacts every captured string and counts what it removed', () => {
    const ctx = createDraftFromCapture(
      capture({
        url: `https://console.example.com/?token=${JWT}`,
        events: [event(`Auth failed for Bearer abc123def456ghi`, { stack: `at ${JWT}` })],
        failedRequests: [
          {
            url: 'https://api.example.com/x',
            status: 401,
            requestIds: [{ name: 'x-request-id', value: 'r-1' }],
          },
        ],
        redactionCount: 2,
      }),
    ).context;
    expect(JSON.stringify(ctx)).not.toContain(JWT);
    expect(ctx.events[0]?.message).toBe('Auth failed for Bearer [redacted:credential]');
    expect(ctx.redactions).toBe(2 + 3);
  });

  it('normalises failed requests from the capture', () => {
    const ctx = createDraftFromCapture(
      capture({
        failedRequests: [
          {
            method: 'post',
            url: 'https://api/x',
            status: 500,
            statusText: 'Internal Server Error',
            count: 2,
            requestIds: [{ name: 'x-request-id', value: 'abc' }],
          },
          {
            id: 'net-1',
            url: 'https://api/y',
            status: 0,
            error: 'net::ERR_CONNECTION_REFUSED',
            requestIds: { traceparent: '00-1' },
          },
        ],
      }),
    ).context;
    expect(ctx.failedRequests).toEqual([
      {
        id: '0',
        method: 'POST',
        url: 'https://api/x',
        status: 500,
        statusText: 'Internal Server Error',
        error: undefined,
        time: undefined,
        count: 2,
        requestIds: [{ name: 'x-request-id', value: 'abc' }],
      },
      {
        id: 'net-1',
        method: 'GET',
        url: 'https://api/y',
        status: undefined,
        statusText: undefined,
        error: 'net::ERR_CONNECTION_REFUSED',
        time: undefined,
        count: undefined,
        requestIds: [{ name: 'traceparent', value: '00-1' }],
      },
    ]);
  });

  it.each<{
    name: string;
    input: Partial<CaptureInput>;
    facts: unknown;
    consoleFacts: unknown;
    browser?: string;
  }>([
    { name: 'no facts', input: {}, facts: [], consoleFacts: [] },
    {
      name: 'page facts as an object, the browser from them',
      input: {
        facts: {
          url: 'u',
          title: 't',
          browser: 'Chrome',
          browserVersion: '140',
          os: 'Linux',
          language: 'en-GB',
          viewport: { width: 1280, height: 720 },
          devicePixelRatio: 2,
        },
      },
      facts: [
        { name: 'language', value: 'en-GB' },
        { name: 'viewport', value: '1280×720' },
        { name: 'devicePixelRatio', value: '2' },
      ],
      consoleFacts: [],
      browser: 'Chrome 140 on Linux',
    },
    {
      name: 'a console adapter result',
      input: {
        consoleFacts: {
          product: 'OpenShift Container Platform',
          facts: [{ label: 'Cluster version', value: '4.15.2' }],
        },
      },
      facts: [],
      consoleFacts: [
        { name: 'Console', value: 'OpenShift Container Platform' },
        { name: 'Cluster version', value: '4.15.2' },
      ],
    },
    {
      name: 'pairs',
      input: { facts: [{ name: 'tenant', value: 'acme' }], consoleFacts: { region: 'eu-1' } },
      facts: [{ name: 'tenant', value: 'acme' }],
      consoleFacts: [{ name: 'region', value: 'eu-1' }],
    },
  ])('takes $name', ({ input, facts, consoleFacts, browser }) => {
    const ctx = createDraftFromCapture(capture(input)).context;
    expect(ctx.facts).toEqual(facts);
    expect(ctx.consoleFacts).toEqual(consoleFacts);
    expect(ctx.browser).toBe(browser);
  });

  it('prefers the browser text the caller gives', () => {
    expect(
      createDraftFromCapture(capture({ browser: 'B' }), { browser: 'A' }).context.browser,
    ).toBe('A');
    expect(createDraftFromCapture(capture({ browser: 'B' })).context.browser).toBe('B');
  });
});

describe('trimming errors and failed requests', () => {
  const d = draft(
    {},
    {
      events: [event('one'), event('two'), event('three')],
      failedRequests: [
        { id: 'a', url: 'https://x/a', status: 500 },
        { id: 'b', url: 'https://x/b', status: 404 },
      ],
    },
  );

  it('includes everything by default', () => {
    expect(includedEvents(d).map((e) => e.message)).toEqual(['one', 'two', 'three']);
    expect(includedRequests(d).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('removes and restores by index and id', () => {
    const trimmed = toggleRequest(toggleEvent(toggleEvent(d, 2, false), 0, false), 'a', false);
    expect(trimmed.excludedEvents).toEqual([0, 2]);
    expect(includedEvents(trimmed).map((e) => e.message)).toEqual(['two']);
    expect(includedRequests(trimmed).map((r) => r.id)).toEqual(['b']);
    const restored = toggleRequest(toggleEvent(trimmed, 0, true), 'a', true);
    expect(includedEvents(restored).map((e) => e.message)).toEqual(['one', 'two']);
    expect(includedRequests(restored).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('does not change the draft it was given', () => {
    toggleEvent(d, 1, false);
    expect(d.excludedEvents).toEqual([]);
  });
});

describe('storage round trip', () => {
  it('parses a stored draft back unchanged', () => {
    const d = draft({
      severity: 'P2',
      severityAnswers: { production: 'yes' },
      fieldValues: { customfield_1: ['10'] },
    });
    expect(DraftSchema.parse(JSON.parse(JSON.stringify(d)))).toEqual(JSON.parse(JSON.stringify(d)));
  });

  it.each([
    ['not an object', 'draft'],
    ['a bad severity', { ...draft(), severity: 'P9' }],
    ['a missing context', { ...draft(), context: undefined }],
  ])('rejects %s', (_name, value) => {
    expect(DraftSchema.safeParse(value).success).toBe(false);
  });

  it('touchDraft sets the change time only', () => {
    const d = draft();
    expect(touchDraft(d, T0 + 99)).toEqual({ ...d, updatedAt: T0 + 99 });
  });

  it('keys saved mappings by service desk and request type', () => {
    expect(mappingKey('10', '25')).toBe('10/25');
  });

  it('initialSteps with nothing recorded leaves room for step 2', () => {
    expect(initialSteps('https://a/', T0)).toBe(
      '1. Open https://a/ (captured 2026-05-04 11:22:05 UTC)\n2. ',
    );
  });
});

describe('with the capture as the capture module builds it', () => {
  it('creates a draft from a parsed Capture', async () => {
    const { CaptureSchema } = await import('@/utils/capture/capture');
    const parsed = CaptureSchema.parse({
      tabId: 1,
      url: 'https://console.example.com/apps/billing',
      title: 'Billing',
      capturedAt: T0,
      scope: 'always-on',
      scopeNote: '',
      events: [event('Boom')],
      droppedEvents: 0,
      failedRequests: [
        {
          source: 'network',
          method: 'GET',
          url: 'https://api/x',
          status: 502,
          time: T0,
          requestIds: [{ name: 'x-request-id', value: 'q1' }],
        },
      ],
      environment: { value: 'Production', matched: { source: 'user', description: 'Your rule' } },
      product: { value: 'Billing', matched: { source: 'user', description: 'Your rule' } },
      redactionCount: 1,
    });
    const d = createDraftFromCapture(parsed, { now: T0 });
    expect(d).toMatchObject({ summary: 'Boom', environment: 'Production', product: 'Billing' });
    expect(d.context.failedRequests[0]).toMatchObject({
      id: '0',
      status: 502,
      requestIds: [{ name: 'x-request-id', value: 'q1' }],
    });
    expect(d.context.redactions).toBe(1);
    expect(DraftSchema.safeParse(d).success).toBe(true);
  });
});
