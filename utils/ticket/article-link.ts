/**
 * A knowledge-base suggestion's link: the portal's article page, which a person can open.
 * `content.iframeSrc` is a REST view meant for iframes (it opens as a 401 page in a tab), so
 * it is only the fallback (docs/jsm-portal.md#knowledge-base-links).
 */
export function articleUrl(
  portalUrl: string | undefined,
  portalId: string | undefined,
  pageId: string | undefined,
  iframeSrc: string | undefined,
): string | undefined {
  if (portalUrl && portalId && pageId) {
    const base = portalUrl.replace(/\/+$/, '');
    return `${base}/servicedesk/customer/portal/${encodeURIComponent(portalId)}/article/${encodeURIComponent(pageId)}`;
  }
  return iframeSrc;
}
