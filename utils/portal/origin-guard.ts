/**
 * Background wiring of utils/portal/origin-rule.ts: which mechanism the browser gets, and
 * the portal origins it applies to (set whenever the connection is loaded, saved or
 * forgotten, so a restarted worker or browser has it before its first write).
 */
import { browser } from 'wxt/browser';
import {
  applyOriginRules,
  type HttpHeader,
  portalOrigins,
  rewrittenHeaders,
  type SessionRulesApi,
} from './origin-rule';
import { gatewayUrlFor, type PortalSettings } from './settings';

/** Firefox: the origins the webRequest listener rewrites for. */
const firefoxOrigins = new Set<string>();
let applied: string | undefined;

interface BlockingWebRequest {
  onBeforeSendHeaders: {
    addListener(
      listener: (details: {
        url: string;
        originUrl?: string;
        tabId: number;
        requestHeaders?: HttpHeader[];
      }) => { requestHeaders: HttpHeader[] } | undefined,
      filter: { urls: string[]; types?: string[] },
      extraInfoSpec: string[],
    ): void;
  };
}

/** Firefox only: listens for the extension's own portal requests (call once, at start-up). */
export function startOriginGuard(): void {
  if (!import.meta.env.FIREFOX) return;
  const ownBaseUrl = browser.runtime.getURL('/');
  (browser.webRequest as unknown as BlockingWebRequest).onBeforeSendHeaders.addListener(
    (details) => {
      const requestHeaders = rewrittenHeaders(details, ownBaseUrl, firefoxOrigins);
      return requestHeaders ? { requestHeaders } : undefined;
    },
    { urls: ['<all_urls>'], types: ['xmlhttprequest'] },
    ['blocking', 'requestHeaders'],
  );
}

/** The origins of the portal (and of the API gateway, for scoped tokens) for `settings`. */
function originsFor(
  settings: Pick<PortalSettings, 'portalUrl' | 'authMethod' | 'tokenKind'> | null,
): string[] {
  if (!settings) return [];
  const urls = [settings.portalUrl];
  if (settings.authMethod === 'api-token' && settings.tokenKind === 'scoped') {
    urls.push(gatewayUrlFor(settings.portalUrl));
  }
  return portalOrigins(urls);
}

/** Points the header rewrite at the connection's portal (none: stops it). */
export async function guardPortalOrigins(
  settings: Pick<PortalSettings, 'portalUrl' | 'authMethod' | 'tokenKind'> | null,
): Promise<void> {
  const origins = originsFor(settings);
  if (import.meta.env.FIREFOX) {
    firefoxOrigins.clear();
    for (const origin of origins) firefoxOrigins.add(origin);
    return;
  }
  const key = origins.join(' ');
  if (applied === key) return;
  const dnr = (browser as unknown as { declarativeNetRequest?: SessionRulesApi })
    .declarativeNetRequest;
  if (!dnr?.updateSessionRules) return;
  await applyOriginRules(dnr, origins);
  applied = key;
}
