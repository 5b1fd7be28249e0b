import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/utils/errors';
import { errorFromResponse } from '@/utils/portal/errors';
import { exchange, type FetchFunction } from '@/utils/portal/http';
import { collectPages } from '@/utils/portal/paging';
import { ServiceDeskPageSchema } from '@/utils/portal/schemas';
import { formatMessage, LOCALES } from '../i18n/messages';

const JSM_400 = JSON.stringify({
  errorMessage:
    "Your request could not be created. Please check the fields have been correctly filled in. Please provide a valid value for field 'Summary'",
  i18nErrorMessage: { i18nKey: 'sd.x', parameters: [] },
});
const PLATFORM_400 = JSON.stringify({
  errorMessages: [],
  errors: {
    customfield_10050: "Could not find valid 'id' or 'value' in the Parent Option object.",
  },
});

describe('portal error mapping', () => {
  const cases: {
    name: string;
    status: number;
    body: string;
    contentType?: string;
    retryAfter?: string;
    authKind?: 'portal-session' | 'api-token';
    code: string;
    message: RegExp;
  }[] = [
    {
      name: '401 with a token',
      status: 401,
      body: '',
      authKind: 'api-token',
      code: 'auth',
      message: /did not accept the email and API token.*save again/,
    },
    {
      name: '401 with a session',
      status: 401,
      body: '',
      authKind: 'portal-session',
      code: 'auth',
      message: /not signed in to the portal.*Sign in to the portal/,
    },
    {
      name: '403 empty body',
      status: 403,
      body: '',
      code: 'forbidden',
      message: /no access.*company email/,
    },
    {
      name: '403 XSRF text',
      status: 403,
      body: 'XSRF check failed',
      contentType: 'text/plain',
      code: 'forbidden',
      message: /XSRF check failed.*API token/,
    },
    {
      name: '403 JSM body',
      status: 403,
      body: JSON.stringify({ errorMessage: 'Unauthorized to perform the requested action.' }),
      code: 'forbidden',
      message: /Unauthorized to perform the requested action/,
    },
    {
      name: '404 JSM body',
      status: 404,
      body: JSON.stringify({ errorMessage: 'Service desk with id 9 does not exist.' }),
      code: 'not-found',
      message: /does not exist.*Check the Portal URL/,
    },
    {
      name: '400 JSM shape',
      status: 400,
      body: JSM_400,
      code: 'validation',
      message: /valid value for field 'Summary'.*Correct the fields/,
    },
    {
      name: '400 platform shape',
      status: 400,
      body: PLATFORM_400,
      code: 'validation',
      message: /Could not find valid 'id'/,
    },
    {
      name: '413 too many files',
      status: 413,
      body: '',
      code: 'validation',
      message: /more than 60/,
    },
    {
      name: '429 with Retry-After',
      status: 429,
      body: '',
      retryAfter: '17',
      code: 'rate-limited',
      message: /Wait 17 seconds/,
    },
    {
      name: '503 with Retry-After',
      status: 503,
      body: '',
      retryAfter: '5',
      code: 'rate-limited',
      message: /Wait 5 seconds/,
    },
    {
      name: '500',
      status: 500,
      body: JSON.stringify({ errorMessage: 'boom' }),
      code: 'server',
      message: /internal problem \(HTTP 500\).*nothing was lost/,
    },
    { name: '503 without Retry-After', status: 503, body: '', code: 'server', message: /HTTP 503/ },
    {
      name: 'HTML 400 from the edge (a refusal: not processed)',
      status: 400,
      body: '<!DOCTYPE html><html><body>Bad Request</body></html>',
      contentType: 'text/html',
      code: 'refused',
      message: /refused the request before reading it \(HTTP 400\).*req-1/,
    },
    {
      name: 'HTML 413 from the edge',
      status: 413,
      body: '<html><body>413 Request Entity Too Large</body></html>',
      contentType: 'text/html',
      code: 'refused',
      message: /too large \(HTTP 413\)/,
    },
    {
      name: 'HTML 404',
      status: 404,
      body: '<!DOCTYPE html><html><body>dead link</body></html>',
      contentType: 'text/html',
      code: 'refused',
      message: /HTTP 404.*req-1/,
    },
    {
      name: 'scoped token without the scope',
      status: 401,
      body: JSON.stringify({ code: 401, message: 'Unauthorized; scope does not match' }),
      code: 'scope',
      message: /write:servicedesk-request/,
    },
    {
      name: 'plain text 502 (retryable)',
      status: 502,
      body: 'Bad gateway',
      contentType: 'text/plain',
      code: 'server',
      message: /HTTP 502/,
    },
    { name: '409', status: 409, body: '', code: 'conflict', message: /HTTP 409/ },
    { name: 'odd status', status: 302, body: '', code: 'unexpected-response', message: /HTTP 302/ },
  ];

  it.each(cases)('$name -> $code', (c) => {
    const error = errorFromResponse(
      {
        status: c.status,
        body: c.body,
        contentType: c.contentType ?? 'application/json',
        retryAfter: c.retryAfter,
      },
      { authKind: c.authKind, portalRequestId: 'req-1' },
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(c.code);
    expect(error.message).toMatch(c.message);
    expect(error.info.portalRequestId).toBe('req-1');
  });

  it.each(cases)('$name has words in English and German', (c) => {
    const { info } = errorFromResponse(
      {
        status: c.status,
        body: c.body,
        contentType: c.contentType ?? 'application/json',
        retryAfter: c.retryAfter,
      },
      { authKind: c.authKind, portalRequestId: 'req-1' },
    );
    const key = info.messageKey ?? '';
    expect(key).toMatch(/^error_/);
    for (const messages of [LOCALES.en, LOCALES.de]) {
      const words = formatMessage(messages, key, info.values ?? []);
      expect(words).not.toBe('');
      // Every value the key takes is given: nothing is left blank.
      const taken = Object.keys(messages[key]?.placeholders ?? {}).length;
      expect(info.values ?? []).toHaveLength(taken);
    }
    // The English words say what the English message says (status, reference, the fix).
    const english = formatMessage(LOCALES.en, key, info.values ?? []);
    if (info.status !== undefined && info.code !== 'auth' && /HTTP \d/.test(english))
      expect(english).toContain(`HTTP ${info.status}`);
    if (/Portal reference/.test(english)) expect(english).toContain('req-1');
  });

  it('keeps the field messages of the platform shape and the Retry-After seconds', () => {
    const validation = errorFromResponse({
      status: 400,
      body: PLATFORM_400,
      contentType: 'application/json',
    });
    expect(validation.info.fields).toEqual({
      customfield_10050: "Could not find valid 'id' or 'value' in the Parent Option object.",
    });
    const limited = errorFromResponse({ status: 429, body: '', contentType: '', retryAfter: '30' });
    expect(limited.info.retryAfterSeconds).toBe(30);
  });

  it('reads both error shapes and tolerates anything else', () => {
    const refused = (body: string) =>
      errorFromResponse({ status: 400, body, contentType: 'application/json' }).info;
    expect(refused(JSM_400).message).toContain("field 'Summary'");
    expect(refused(PLATFORM_400).fields).toBeDefined();
    for (const body of ['', '<html>']) {
      expect(refused(body).message).not.toContain('The portal said');
      expect(refused(body).fields).toBeUndefined();
    }
  });

  it('parses Retry-After as seconds or a date', () => {
    const wait = (retryAfter: string | null) =>
      errorFromResponse({ status: 429, body: '', contentType: '', retryAfter }).info
        .retryAfterSeconds;
    expect(wait('12')).toBe(12);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'));
      expect(wait('Wed, 21 Oct 2015 07:28:10 GMT')).toBe(10);
    } finally {
      vi.useRealTimers();
    }
    expect(wait('soon')).toBeUndefined();
    expect(wait(null)).toBeUndefined();
  });
});

describe('X-RateLimit-Reset when a 429 has no Retry-After', () => {
  it('waits until the reset time', () => {
    const reset = new Date(Date.now() + 90_000).toISOString().slice(0, 16);
    const error = errorFromResponse({
      status: 429,
      body: '',
      contentType: 'text/plain',
      rateLimitReset: `${reset}Z`,
    });
    expect(error.code).toBe('rate-limited');
    expect(error.info.retryAfterSeconds).toBeGreaterThan(20);
    expect(error.info.retryAfterSeconds).toBeLessThanOrEqual(90);
  });
});

describe('exchange', () => {
  const reply =
    (body: string, init: ResponseInit = {}): FetchFunction =>
    async () =>
      new Response(body, { headers: { 'content-type': 'application/json' }, ...init });
  const call = (fetch: FetchFunction, timeoutMs?: number) =>
    exchange({
      fetch,
      url: 'https://vendor.example/rest/servicedeskapi/servicedesk',
      init: {},
      schema: ServiceDeskPageSchema,
      what: 'list service desks',
      timeoutMs,
    });

  async function failure(promise: Promise<unknown>): Promise<AppError> {
    return promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error as AppError,
    );
  }

  it('gives unexpected-response when a 2xx body does not match its schema', async () => {
    const error = await failure(call(reply(JSON.stringify({ values: 'nope', isLastPage: 'yes' }))));
    expect(error.code).toBe('unexpected-response');
    expect(error.message).toContain('"list service desks" was not in the expected form');
  });

  it('gives unexpected-response when a 2xx body is not JSON, and keeps x-arequestid', async () => {
    const error = await failure(
      call(reply('<html>login</html>', { headers: { 'x-arequestid': 'abc' } })),
    );
    expect(error.code).toBe('unexpected-response');
    expect(error.info.portalRequestId).toBe('abc');
  });

  it('gives network when fetch rejects', async () => {
    const error = await failure(call(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(error.code).toBe('network');
    expect(error.message).toContain('Could not reach https://vendor.example');
  });

  it('gives timeout when the answer does not come in time', async () => {
    const hanging: FetchFunction = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      });
    const error = await failure(call(hanging, 20));
    expect(error.code).toBe('timeout');
  });
});

describe('paging', () => {
  it('walks three pages until isLastPage, with no total', async () => {
    const pages = [
      { start: 0, limit: 2, isLastPage: false, values: ['a', 'b'] },
      { start: 2, limit: 2, isLastPage: false, values: ['c', 'd'] },
      { start: 4, limit: 2, isLastPage: true, values: ['e'] },
    ];
    const asked: number[] = [];
    const items = await collectPages(
      async (start) => {
        asked.push(start);
        const page = pages.find((p) => p.start === start);
        if (!page) throw new Error(`no page at ${start}`);
        return page;
      },
      { limit: 2 },
    );
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(asked).toEqual([0, 2, 4]);
  });

  it('stops on an empty page that is not marked last, and on a portal that never ends', async () => {
    expect(
      await collectPages(async (start) => ({ start, limit: 1, isLastPage: false, values: [] })),
    ).toEqual([]);
    await expect(
      collectPages(async (start) => ({ start, limit: 1, isLastPage: false, values: [start] }), {
        maxPages: 3,
      }),
    ).rejects.toMatchObject({ code: 'unexpected-response' });
  });
});
