import { browser } from 'wxt/browser';
import { originPattern } from './capture';

/** Built files of the two content scripts (WXT's output paths). */
export const CONTENT_SCRIPT_FILES = {
  hook: '/content-scripts/console-hook.js',
  collector: '/page-collector.js',
  context: '/content-scripts/page-context.js',
} as const;

const IDS = {
  hook: 'support-capture-hook',
  collector: 'support-capture-collector',
  context: 'support-capture-context',
} as const;

/**
 * Registers the capture scripts for exactly the allowed origins, from `document_start`, and
 * persisted across browser restarts. Called on start-up and whenever the list changes.
 * https://developer.chrome.com/docs/extensions/reference/api/scripting#method-registerContentScripts
 */
export async function syncCaptureRegistration(origins: readonly string[]): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({
    ids: Object.values(IDS),
  });
  if (existing.length > 0) {
    await browser.scripting.unregisterContentScripts({ ids: existing.map((script) => script.id) });
  }
  if (origins.length === 0) return;
  const matches = origins.map(originPattern);
  await browser.scripting.registerContentScripts([
    {
      id: IDS.hook,
      js: [CONTENT_SCRIPT_FILES.hook],
      matches,
      runAt: 'document_start',
      world: 'MAIN',
      persistAcrossSessions: true,
    },
    {
      id: IDS.collector,
      js: [CONTENT_SCRIPT_FILES.collector],
      matches,
      runAt: 'document_start',
      persistAcrossSessions: true,
    },
    // The heavy part waits for `document_idle` so it never holds up the page's parsing.
    {
      id: IDS.context,
      js: [CONTENT_SCRIPT_FILES.context],
      matches,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}

/** Injects capture into one tab now (activeTab), for a page whose origin is not allowed. */
export async function injectCaptureNow(tabId: number): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId },
    files: [CONTENT_SCRIPT_FILES.context],
  });
  await browser.scripting.executeScript({
    target: { tabId },
    files: [CONTENT_SCRIPT_FILES.hook],
    world: 'MAIN',
  });
}
