/**
 * A token is bound to the portal it was entered for: the stored record's origin decides
 * whether it is used, and the token provider refuses any other origin at the point of use.
 */
import { describe, expect, it, vi } from 'vitest';
import { apiTokenProvider } from '@/utils/portal/auth';
import { createPortalClient } from '@/utils/portal/client';
import { exchange, type FetchFunction } from '@/utils/portal/http';
import { ArticleSchema, CustomerRequestSchema, httpLink } from '@/utils/portal/schemas';
import { credentialsFor, sameSiteLink } from '@/utils/portal/settings';

const A = 'https://a.example.net';
const B = 'https://b.example.net';

describe('credentialsFor', () => {
  it('gives the token only to the portal it was entered for', () => {
    const credentials = { apiToken: 'secret-1', origin: A };
    expect(credentialsFor(credentials, A, undefined)).toBe(credentials);
    expect(credentialsFor(credentials, `${A}/`, B)).toBe(credentials);
    expect(credentialsFor(credentials, B, A)).toBeNull();
    expect(credentialsFor(credentials, 'https://a.example.net:8443', undefined)).toBeNull();
    expect(credentialsFor(null, A, A)).toBeNull();
  });

  it('binds a record without an origin to the Portal URL saved with it, or to nothing', () => {
    const legacy = { apiToken: 'secret-1' };
    expect(credentialsFor(legacy, A, A)).toBe(legacy);
    expect(credentialsFor(legacy, B, A)).toBeNull();
    expect(credentialsFor(legacy, A, undefined)).toBeNull();
  });
});

describe('the token provider', () => {
  function provider(fetch: FetchFunction, tokenKind: 'classic' | 'scoped' = 'classic') {
    return apiTokenProvider({
      siteUrl: A,
      email: 'dana@example.com',
      apiToken: 'secret-1',
      tokenKind,
      gatewayUrl: 'https://api.atlassian.com',
      cloudId: 'cloud-1',
      fetch,
    });
  }

  it('signs requests to its own portal and refuses every other origin', async () => {
    const auth = provider(vi.fn());
    await expect(auth.authorize(`${A}/rest/servicedeskapi/info`)).resolves.toMatchObject({
      headers: { Authorization: expect.stringMatching(/^Basic /) },
    });
    await expect(auth.authorize(`${B}/rest/servicedeskapi/info`)).rejects.toMatchObject({
      code: 'not-configured',
      message: expect.stringContaining(B),
    });
    await expect(
      auth.authorize('https://api.atlassian.com/ex/jira/cloud-1/rest/servicedeskapi/info'),
    ).rejects.toMatchObject({ code: 'not-configured' });
    await expect(
      provider(vi.fn(), 'scoped').authorize('https://api.atlassian.com/ex/jira/cloud-1/x'),
    ).resolves.toMatchObject({ credentials: 'omit' });
  });

  it('sends nothing when the client is pointed elsewhere', async () => {
    const fetch = vi.fn<FetchFunction>();
    const auth = provider(fetch);
    const client = createPortalClient({
      fetch,
      auth: { ...auth, restBase: async () => B },
    });
    await expect(client.info()).rejects.toMatchObject({ code: 'not-configured' });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('redirects', () => {
  it('are not followed, and a redirect is a clear error', async () => {
    const fetch = vi.fn<FetchFunction>(
      async () => new Response(null, { status: 302, headers: { location: B } }),
    );
    await expect(
      exchange({
        fetch,
        url: `${A}/rest/x`,
        init: { method: 'GET' },
        schema: undefined,
        what: 'read x',
      }),
    ).rejects.toMatchObject({
      code: 'unexpected-response',
      message: expect.stringContaining('redirect'),
    });
    expect(fetch.mock.calls[0]?.[1]?.redirect).toBe('manual');
  });

  it('an opaque redirect (as browsers give it) is the same error', async () => {
    const opaque = {
      type: 'opaqueredirect',
      status: 0,
      ok: false,
      headers: new Headers(),
      text: async () => '',
    };
    const fetch = vi.fn<FetchFunction>(async () => opaque as unknown as Response);
    await expect(
      exchange({
        fetch,
        url: `${A}/rest/x`,
        init: { method: 'GET' },
        schema: undefined,
        what: 'read x',
      }),
    ).rejects.toMatchObject({ code: 'unexpected-response' });
  });
});

describe('portal-supplied links', () => {
  it('keep only http(s) addresses', () => {
    expect(httpLink('https://a.example.net/servicedesk/customer/portal/1/SUP-1')).toBe(
      'https://a.example.net/servicedesk/customer/portal/1/SUP-1',
    );
    expect(httpLink('javascript:alert(1)')).toBeUndefined();
    expect(httpLink('data:text/html,<b>x</b>')).toBeUndefined();
    expect(httpLink('/relative')).toBeUndefined();
    const parsed = CustomerRequestSchema.parse({
      issueId: '10001',
      issueKey: 'SUP-1',
      _links: { web: 'javascript:alert(document.cookie)' },
    });
    expect(parsed._links?.web).toBeUndefined();
    const article = ArticleSchema.parse({
      title: 'x',
      content: { iframeSrc: 'file:///etc/passwd' },
    });
    expect(article.content?.iframeSrc).toBeUndefined();
  });

  it("are shown as the portal's pages only when they are on its site", () => {
    expect(sameSiteLink(`${A}/servicedesk/customer/portal/1/SUP-1`, A)).toBe(
      `${A}/servicedesk/customer/portal/1/SUP-1`,
    );
    expect(sameSiteLink(`${B}/phish`, A)).toBeUndefined();
    expect(sameSiteLink('javascript:alert(1)', A)).toBeUndefined();
    expect(sameSiteLink(undefined, A)).toBeUndefined();
  });
});
