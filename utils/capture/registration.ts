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
  /** Registered by earlier versions at `document_idle`; unregistered on sync. */
  context: 'support-capture-context',
} as const;

/**
 * The content-script pattern of exactly `origin`, port included (the scheme's default port when
 * it names none). Chromium's patterns take a port, and one without matches every port
 * (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns), so allowing
 * `https://host:8443` would also capture `https://host:9443`. Firefox's patterns cannot name a
 * port (https://bugzilla.mozilla.org/show_bug.cgi?id=1362809): there the hook runs on every
 * port, and the page context drops what it kept on another one (`adoptEarlyCollector`).
 */
export function exactOriginPattern(origin: string): string {
  const url = new URL(origin);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.protocol}//${url.hostname}:${port}/*`;
}

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
  // BROWSER, not FIREFOX: the test runner sets the flags as strings ("false" is truthy).
  const firefox = import.meta.env.BROWSER === 'firefox';
  const matches = origins.map(firefox ? originPattern : exactOriginPattern);
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
  ]);
}

/**
 * Run in the tab's ISOLATED world (so the page cannot set it) before the page-context script:
 * names the origin the background checked. Serialized by the browser, so it names the key
 * itself (`EARLY_ADOPT_KEY` in utils/capture/page-context.ts; a unit test keeps them equal).
 */
export function markAdoptableOrigin(origin: string): void {
  (globalThis as { __supportCaptureAdoptOrigin?: string }).__supportCaptureAdoptOrigin = origin;
}

/**
 * The heavy page-context script (validation, redaction, step recorder: ~88 KB) is injected
 * once the page has loaded, not registered: registered at `document_idle` it still ran before
 * the load event and added ~20 ms to a loopback page's load time, where the hook and the 1 KB
 * collector add ~3 ms (measured with tests/bench/capture.ts). It adopts what the collector
 * kept since `document_start`, so nothing from the page load is lost.
 */
export function injectPageContextAfterLoad(isCaptureOrigin: (origin: string) => Promise<boolean>) {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    // Without host access the tab's URL is not visible, and such a tab is not ours to script.
    if (change.status !== 'complete' || !tab.url) return;
    let origin: string;
    try {
      origin = new URL(tab.url).origin;
    } catch {
      return;
    }
    void isCaptureOrigin(origin)
      .then(async (allowed) => {
        if (!allowed) return;
        // The page context adopts what the early collector kept only on this exact origin.
        await browser.scripting.executeScript({
          target: { tabId },
          func: markAdoptableOrigin,
          args: [origin],
        });
        await browser.scripting.executeScript({
          target: { tabId },
          files: [CONTENT_SCRIPT_FILES.context],
        });
      })
      .catch(() => {
        // The tab closed or navigated away meanwhile: the next load injects again.
      });
  });
}

/**
 * Injects capture into one tab now (activeTab): a page whose origin is not allowed, or an
 * allowed page not yet loaded. `allowedOrigin` (the tab's exact origin when it is allowed) lets
 * the page context adopt what the early collector kept since the page load.
 */
export async function injectCaptureNow(tabId: number, allowedOrigin?: string): Promise<void> {
  if (allowedOrigin !== undefined) {
    await browser.scripting.executeScript({
      target: { tabId },
      func: markAdoptableOrigin,
      args: [allowedOrigin],
    });
  }
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
