/**
 * How a request to the portal is signed in. A provider says where the REST API lives for it
 * (site or API gateway) and what to add to each request. New kinds (OAuth 2.0 3LO through a
 * token broker) implement the same interface: a `restBase()` on the gateway and a Bearer
 * header from `authorize()`, refreshed inside the provider.
 *
 * Providers are built only in the background (utils/portal/service.ts): credentials never
 * leave it.
 */
import { AppError } from '../errors';
import type { AuthKind } from './errors';
import { exchange, type FetchFunction } from './http';
import { TenantInfoSchema } from './schemas';

interface RequestAuth {
  headers: Record<string, string>;
  /**
   * `include` sends the browser's own portal cookies (the service worker's fetch carries the
   * site's cookies when the extension has host permission for it); `omit` keeps them out of
   * token-signed requests so the two never mix.
   */
  credentials: RequestCredentials;
}

export interface AuthProvider {
  readonly kind: AuthKind;
  /** The base the `/rest/...` paths are appended to, without a trailing slash. */
  restBase(): Promise<string>;
  /**
   * Headers and cookie mode for one request to `url`. A provider holding a secret refuses a
   * `url` outside the origins the secret was entered for.
   */
  authorize(url: string): Promise<RequestAuth>;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The signed-in portal customer's own browser session (`customer.account.session.token`). */
export function portalSessionProvider(siteUrl: string): AuthProvider {
  return {
    kind: 'portal-session',
    restBase: async () => trimSlash(siteUrl),
    authorize: async () => ({ headers: {}, credentials: 'include' }),
  };
}

type TokenKind = 'classic' | 'scoped';

interface ApiTokenOptions {
  siteUrl: string;
  email: string;
  apiToken: string;
  tokenKind: TokenKind;
  /** Where scoped tokens go: `https://api.atlassian.com` (the emulator serves it itself). */
  gatewayUrl: string;
  /** A cloudId read before; read from `<site>/_edge/tenant_info` when missing. */
  cloudId?: string;
  /** Told when the cloudId was read, so the caller can keep it. */
  onCloudId?: (cloudId: string) => void;
  fetch: FetchFunction;
}

/** `btoa` takes Latin-1 only; emails and tokens are UTF-8. */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function basicAuthorization(email: string, apiToken: string): string {
  return `Basic ${base64(`${email}:${apiToken}`)}`;
}

/** Reads the site's cloudId (https://support.atlassian.com/jira/kb/retrieve-my-atlassian-sites-cloud-id). */
async function fetchCloudId(fetch: FetchFunction, siteUrl: string): Promise<string> {
  const info = await exchange({
    fetch,
    url: `${trimSlash(siteUrl)}/_edge/tenant_info`,
    init: { method: 'GET', credentials: 'omit', headers: { Accept: 'application/json' } },
    schema: TenantInfoSchema,
    what: 'read the site id',
  });
  return info.cloudId;
}

/**
 * Email + API token as Basic auth. A classic token works against the site; a scoped token
 * must go through `https://api.atlassian.com/ex/jira/{cloudId}` or it gets 401
 * (https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/).
 */
export function apiTokenProvider(options: ApiTokenOptions): AuthProvider {
  let cloudId = options.cloudId;
  const header = basicAuthorization(options.email, options.apiToken);
  // Checked at the point of use too, so no code path can send the token elsewhere.
  const allowed = new Set(
    [options.siteUrl, ...(options.tokenKind === 'scoped' ? [options.gatewayUrl] : [])].map(
      (url) => new URL(url).origin,
    ),
  );
  return {
    kind: 'api-token',
    async restBase() {
      if (options.tokenKind === 'classic') return trimSlash(options.siteUrl);
      if (!cloudId) {
        cloudId = await fetchCloudId(options.fetch, options.siteUrl);
        options.onCloudId?.(cloudId);
      }
      return `${trimSlash(options.gatewayUrl)}/ex/jira/${encodeURIComponent(cloudId)}`;
    },
    async authorize(url) {
      if (!allowed.has(new URL(url).origin)) {
        throw new AppError({
          code: 'not-configured',
          message: `The API token was entered for ${trimSlash(options.siteUrl)}, not for ${new URL(url).origin}. Enter a token for that portal in the extension options and press Save.`,
          messageKey: 'error_tokenOtherOrigin',
          values: [trimSlash(options.siteUrl), new URL(url).origin],
        });
      }
      return { headers: { Authorization: header }, credentials: 'omit' };
    },
  };
}
