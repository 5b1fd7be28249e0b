import { browser } from 'wxt/browser';
import { AppError } from './errors';

/** Reads `?tabId=N` from an extension page's URL: the tab the page was opened for. */
export function tabIdFromSearch(search: string): number | undefined {
  const value = new URLSearchParams(search).get('tabId');
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The tab a popup works on: the one named by `?tabId=` (when the popup is opened as a page by
 * a test or the user's automation), else the active tab of the current window.
 */
export async function resolveTargetTab(search: string): Promise<number> {
  const fromQuery = tabIdFromSearch(search);
  if (fromQuery !== undefined) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) {
    throw new AppError({
      code: 'no-tab',
      message: 'No tab to capture. Open the page with the problem first.',
    });
  }
  return tab.id;
}
