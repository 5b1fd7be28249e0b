/**
 * The portal connection: what is stored, how the Portal URL is checked, and what the pages may
 * see of it. Pure functions; the stored items are in utils/portal/items.ts and credentials-item.ts, and only the background
 * reads the credentials item.
 */
import * as z from 'zod/mini';
import type { MessageKey } from '../i18n';

export const AuthMethodSchema = z.enum(['portal-session', 'api-token']);
export type AuthMethod = z.infer<typeof AuthMethodSchema>;
export const TokenKindSchema = z.enum(['classic', 'scoped']);

/** Non-secret settings (`storage.local`). */
export const PortalSettingsSchema = z.object({
  /** Site origin, e.g. https://vendor.atlassian.net (no path, no trailing slash). */
  portalUrl: z.string(),
  authMethod: AuthMethodSchema,
  email: z.optional(z.string()),
  tokenKind: z._default(TokenKindSchema, 'classic'),
  vendorProfileId: z.optional(z.string()),
});
export type PortalSettings = z.infer<typeof PortalSettingsSchema>;

/** Secret part (`storage.local`, never `sync`), read by the background alone. */
export const PortalCredentialsSchema = z.object({
  apiToken: z.string().check(z.minLength(1)),
  /** The site's cloudId, for scoped tokens (read once from `_edge/tenant_info`). */
  cloudId: z.optional(z.string()),
  /**
   * The portal origin the token was entered for. The token is used for that portal only:
   * a changed Portal URL or a policy naming another portal leaves it unused until the user
   * enters a token for the new one. Missing in records saved before it existed (see
   * `credentialsFor`).
   */
  origin: z.optional(z.string()),
});
export type PortalCredentials = z.infer<typeof PortalCredentialsSchema>;

/**
 * The credentials to use for the portal in force, or null when they were entered for another
 * one. A record without an origin (saved before origins were kept) belongs to the Portal URL
 * the user saved with it, `legacyOrigin`; a policy naming another portal does not inherit it.
 */
export function credentialsFor(
  credentials: PortalCredentials | null,
  portalUrl: string,
  legacyOrigin: string | undefined,
): PortalCredentials | null {
  if (!credentials) return null;
  const bound = credentials.origin ?? legacyOrigin;
  if (!bound || !sameOrigin(bound, portalUrl)) return null;
  return credentials;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname);
}

/** A refused URL says why in English (logs) and as a message key with its values (the UI). */
type PortalUrlCheck =
  | { ok: true; siteUrl: string }
  | { ok: false; message: string; messageKey: MessageKey; values?: string[] };

/**
 * Accepts a site URL or any portal page URL and returns its origin. HTTPS is required: the
 * API token travels in every request. Loopback (the local emulator) may use HTTP.
 */
export function checkPortalUrl(input: string): PortalUrlCheck {
  const text = input.trim();
  if (text === '')
    return {
      ok: false,
      message: 'Enter the Portal URL, e.g. https://vendor.atlassian.net.',
      messageKey: 'error_urlEmpty',
    };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return {
      ok: false,
      message: `"${text}" is not a web address. Enter it like https://vendor.atlassian.net.`,
      messageKey: 'error_urlInvalid',
      values: [text],
    };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    return {
      ok: false,
      message:
        'The Portal URL must start with https:// (plain http is allowed only for localhost and 127.0.0.1).',
      messageKey: 'error_urlNotHttps',
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      message: 'Leave the user name and password out of the Portal URL.',
      messageKey: 'error_urlCredentials',
    };
  }
  return { ok: true, siteUrl: url.origin };
}

/** Host-permission match pattern of a site. Match patterns carry no port. */
function originPatternOf(siteUrl: string): string {
  const url = new URL(siteUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

const ATLASSIAN_GATEWAY = 'https://api.atlassian.com';

/**
 * Where scoped tokens are sent. The real gateway for real sites; a loopback site (the local
 * emulator) serves the gateway paths itself, so tests never leave the machine.
 */
export function gatewayUrlFor(siteUrl: string): string {
  return isLoopback(new URL(siteUrl)) ? new URL(siteUrl).origin : ATLASSIAN_GATEWAY;
}

/** Origins the extension needs access to for these settings. */
export function requiredOrigins(
  settings: Pick<PortalSettings, 'portalUrl' | 'authMethod' | 'tokenKind'>,
): string[] {
  const origins = [originPatternOf(settings.portalUrl)];
  if (settings.authMethod === 'api-token' && settings.tokenKind === 'scoped') {
    const gateway = originPatternOf(gatewayUrlFor(settings.portalUrl));
    if (!origins.includes(gateway)) origins.push(gateway);
  }
  return origins;
}

/** What a page may see of a saved token: its last four characters. */
export function tokenHint(apiToken: string): string {
  return `••••${apiToken.slice(-4)}`;
}

/**
 * A portal-supplied link kept only when it points at the portal's own site (http(s) and the
 * same host): links in answers are shown to the user as the portal's pages.
 */
export function sameSiteLink(link: string | undefined, siteUrl: string): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.hostname === new URL(siteUrl).hostname ? url.href : undefined;
  } catch {
    return undefined;
  }
}
