/**
 * The portal's XSRF filter on REST writes, as Atlassian's REST filter applies it (README,
 * "Connecting to the vendor's portal"): a mutative call whose User-Agent is a browser passes
 * only with the site's own Origin (or, without Origin, Referer); Atlassian's filter also lets
 * `chrome-extension:` and `safari-extension:` origins through, not `moz-extension:`. Form-like
 * bodies (what an HTML form can send cross-site) also need `X-Atlassian-Token: no-check`.
 * Refusals are `403` with the text body `XSRF check failed`.
 *
 * Modes: "same-origin" (default: only the site's own origin, what a live Cloud site was seen
 * doing for cookie-signed writes), "atlassian" (the filter's extension exemption) and "off".
 */
import type { IncomingHttpHeaders } from 'node:http';

export const XSRF_MODES = ['same-origin', 'atlassian', 'off'] as const;
export type XsrfMode = (typeof XSRF_MODES)[number];
export const DEFAULT_XSRF_MODE: XsrfMode = 'same-origin';

export function isXsrfMode(value: unknown): value is XsrfMode {
  return typeof value === 'string' && (XSRF_MODES as readonly string[]).includes(value);
}

const MUTATIVE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_LIKE = /^\s*(multipart\/form-data|application\/x-www-form-urlencoded|text\/plain)\b/i;
const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'safari-extension:']);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    // Extension URLs have opaque origins in WHATWG URL terms: compare scheme + host.
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return undefined;
  }
}

/** Browsers all send a User-Agent that starts with `Mozilla/`; curl, node and SDKs do not. */
export function isBrowserUserAgent(userAgent: string | undefined): boolean {
  return userAgent !== undefined && /^Mozilla\//.test(userAgent);
}

/** Why the call is refused, or undefined when it passes. */
export function xsrfRefusal(
  request: { method: string; headers: IncomingHttpHeaders },
  siteOrigin: string,
  mode: XsrfMode,
): 'origin' | 'token' | undefined {
  if (mode === 'off' || !MUTATIVE.has(request.method.toUpperCase())) return undefined;
  const { headers } = request;
  if (isBrowserUserAgent(header(headers, 'user-agent'))) {
    const origin = header(headers, 'origin');
    const referer = header(headers, 'referer');
    let passes = false;
    if (origin !== undefined && origin !== 'null') {
      const from = originOf(origin);
      passes =
        from === siteOrigin ||
        (mode === 'atlassian' && EXTENSION_SCHEMES.has(new URL(origin).protocol));
    } else if (referer !== undefined) {
      passes = originOf(referer) === siteOrigin;
    }
    if (!passes) return 'origin';
  }
  if (FORM_LIKE.test(header(headers, 'content-type') ?? '')) {
    const token = (header(headers, 'x-atlassian-token') ?? '').toLowerCase();
    // Older clients sent `nocheck`; both are accepted.
    if (token !== 'no-check' && token !== 'nocheck') return 'token';
  }
  return undefined;
}

export const XSRF_REFUSAL = {
  status: 403,
  contentType: 'text/plain;charset=UTF-8',
  text: 'XSRF check failed',
} as const;
