import { nativeBrowser as browser } from './native-browser';

/** Reads `?tabId=N` from an extension page's URL: the tab the page was opened for. */
export function tabIdFromSearch(search: string): number | undefined {
  const value = new URLSearchParams(search).get('tabId');
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The tab a popup works on: the one named by `?tabId=` (when the popup is opened as a page by
 * a test or the user's automation), else the active tab of the current window; undefined when
 * there is none. Free of the error and schema modules: the popup's first JavaScript uses it.
 */
export async function targetTabId(search: string): Promise<number | undefined> {
  const fromQuery = tabIdFromSearch(search);
  if (fromQuery !== undefined) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}
