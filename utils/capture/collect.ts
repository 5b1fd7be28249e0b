import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { sendMessage } from '../messaging';
import { redact } from '../privacy/redact';
import { allowedOriginsItem } from '../storage';
import { type Capture, isCapturableUrl, type TabEvents } from './capture';
import { injectCaptureNow } from './registration';

async function readPageEvents(tabId: number): Promise<TabEvents | undefined> {
  try {
    return await sendMessage('getPageEvents', {}, { tabId });
  } catch {
    return undefined;
  }
}

/**
 * Gathers what the extension knows about a tab: its URL and title and the page's buffered
 * events. Where no capture script runs yet, it injects one now and says that earlier errors
 * were not recorded.
 */
export async function collectCapture(tabId: number): Promise<Capture> {
  const tab = await browser.tabs.get(tabId).catch((error: unknown) => {
    throw new AppError(
      { code: 'no-tab', message: 'That tab is gone. Open the page again and retry.' },
      { cause: error },
    );
  });
  const url = tab.url ?? '';
  const base = {
    tabId,
    url: redact(url),
    title: redact(tab.title ?? ''),
    capturedAt: Date.now(),
    events: [],
    droppedEvents: 0,
  };
  if (!isCapturableUrl(url)) {
    return {
      ...base,
      scope: 'unavailable',
      scopeNote:
        'This page belongs to the browser or a store and cannot be captured. Open the page with the problem and try again.',
    };
  }
  const origin = new URL(url).origin;
  const allowed = (await allowedOriginsItem.get()).includes(origin);

  let events = await readPageEvents(tabId);
  let injectedNow = false;
  if (events === undefined) {
    await injectCaptureNow(tabId).catch((error: unknown) => {
      throw new AppError(
        {
          code: 'permission-denied',
          message:
            'The extension may not read this page. Open the popup from the toolbar button on that tab, or allow the site in the options.',
        },
        { cause: error },
      );
    });
    injectedNow = true;
    events = await readPageEvents(tabId);
  }
  const scope = allowed && !injectedNow ? 'always-on' : 'from-now';
  return {
    ...base,
    origin,
    scope,
    scopeNote:
      scope === 'always-on'
        ? 'Capturing on this site since the page loaded.'
        : allowed
          ? 'This page was open before capture was allowed: errors from before now were not recorded. Reload the page to capture from its start.'
          : 'Errors from before you opened this were not recorded. Allow this site to capture from page load next time.',
    events: events?.events ?? [],
    droppedEvents: events?.dropped ?? 0,
  };
}
