/**
 * The portal's own Origin and Referer on the extension's own requests to the portal, so
 * writes pass its XSRF filter in every browser and with both sign-in methods.
 *
 * Atlassian's REST filter refuses a browser's mutative call unless Origin (or, without it,
 * Referer) is the site's own origin; it exempts `chrome-extension:` and `safari-extension:`
 * origins but not `moz-extension:`, and a live Cloud site was seen refusing cookie-signed
 * writes from anything but its own origin (README, "Connecting to the vendor's portal").
 *
 * - Chromium: a declarativeNetRequest session rule (permission
 *   `declarativeNetRequestWithHostAccess`: no install warning, acts only where the extension
 *   has host access) that sets both headers on requests to the portal's origins made outside
 *   any tab (`tabIds: [-1]`: the service worker), so the user's own portal tabs are untouched.
 *   https://developer.chrome.com/docs/extensions/reference/api/declarativeNetRequest
 * - Firefox: its declarativeNetRequest does not act on requests whose initiator is an
 *   extension page, but blocking webRequest is kept in MV3; a listener rewrites the headers
 *   of requests whose `originUrl` is this extension's own background.
 *   https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/declarativeNetRequest
 */

/** Ids of this module's session rules (no other session rules use this range). */
const ORIGIN_RULE_FIRST_ID = 7100;
const ORIGIN_RULE_LAST_ID = 7109;

interface HeaderRule {
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    requestHeaders: { header: string; operation: 'set'; value: string }[];
  };
  condition: {
    urlFilter: string;
    tabIds: number[];
    resourceTypes: string[];
  };
}

/** The part of `declarativeNetRequest` this module uses. */
export interface SessionRulesApi {
  getSessionRules(): Promise<{ id: number }[]>;
  updateSessionRules(update: { removeRuleIds?: number[]; addRules?: HeaderRule[] }): Promise<void>;
}

/** Origins (scheme, host, port) of the portal URLs the client calls. */
export function portalOrigins(urls: readonly string[]): string[] {
  return [...new Set(urls.map((url) => new URL(url).origin))];
}

/** One rule per origin: requests to it from outside any tab get its own Origin and Referer. */
function originRules(origins: readonly string[]): HeaderRule[] {
  return origins.slice(0, ORIGIN_RULE_LAST_ID - ORIGIN_RULE_FIRST_ID + 1).map((origin, index) => ({
    id: ORIGIN_RULE_FIRST_ID + index,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [
        { header: 'origin', operation: 'set', value: origin },
        { header: 'referer', operation: 'set', value: `${origin}/` },
      ],
    },
    condition: {
      // `|` anchors the filter at the start of the URL: this origin and no other.
      urlFilter: `|${origin}/`,
      // -1: not from a tab (the service worker). The user's portal tabs keep their headers.
      tabIds: [-1],
      resourceTypes: ['xmlhttprequest'],
    },
  }));
}

/** Replaces this module's session rules with those for `origins` (none: removes them). */
export async function applyOriginRules(
  api: SessionRulesApi,
  origins: readonly string[],
): Promise<void> {
  const wanted = originRules(origins);
  const current = await api.getSessionRules();
  const ours = current
    .map((rule) => rule.id)
    .filter((id) => id >= ORIGIN_RULE_FIRST_ID && id <= ORIGIN_RULE_LAST_ID);
  await api.updateSessionRules({ removeRuleIds: ours, addRules: wanted });
}

export interface HttpHeader {
  name: string;
  value?: string;
}

/**
 * Firefox: the headers a request of the extension itself to a portal origin goes out with.
 * Undefined when the request is not ours or not to the portal (left as it is).
 */
export function rewrittenHeaders(
  details: { url: string; originUrl?: string; tabId: number; requestHeaders?: HttpHeader[] },
  ownBaseUrl: string,
  origins: ReadonlySet<string>,
): HttpHeader[] | undefined {
  if (details.tabId !== -1 || !details.originUrl?.startsWith(ownBaseUrl)) return undefined;
  const target = new URL(details.url).origin;
  if (!origins.has(target)) return undefined;
  const kept = (details.requestHeaders ?? []).filter(
    (header) => !/^(origin|referer)$/i.test(header.name),
  );
  return [...kept, { name: 'Origin', value: target }, { name: 'Referer', value: `${target}/` }];
}
