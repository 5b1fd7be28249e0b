/**
 * The capture side of the background: the webRequest observer, the per-tab history, and the
 * redaction settings. Wired from entrypoints/background.ts.
 */
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { followEffectiveSettings } from '../settings/effective';
import { startNetworkObserver } from './network-observer';
import type { PageEventsForward } from './tab-record';
import { forgetTab, recordFailedRequest, recordPageEvents } from './tab-store';

/** Call at the top level of the background: webRequest listeners must exist from the start. */
export function startCaptureBackground(): void {
  // The background redacts with the settings in force (utils/settings/).
  followEffectiveSettings();
  const observer = startNetworkObserver({
    webRequest: browser.webRequest,
    extensionOrigin: browser.runtime.getURL('/'),
    onFailed: (tabId, request) => {
      void recordFailedRequest(tabId, request).catch((error: unknown) =>
        console.warn('Could not keep a failed request of tab', tabId, error),
      );
    },
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    observer.forgetTab(tabId);
    void forgetTab(tabId);
  });
}

/** Handles a content script's forwarded events: the tab comes from the browser, not the page. */
export async function receivePageEvents(
  forward: PageEventsForward,
  sender: Browser.runtime.MessageSender,
): Promise<{ stored: number }> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || (sender.frameId ?? 0) !== 0) {
    // internal-error: only a bug or a hostile frame sends this; the answer goes back to it, no UI.
    throw new AppError({
      code: 'forbidden-sender',
      message: 'Only a tab’s top frame forwards page events.',
    });
  }
  const record = await recordPageEvents(tabId, forward);
  return { stored: record.loads.reduce((sum, load) => sum + load.events.length, 0) };
}
