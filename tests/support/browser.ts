/**
 * Starts Debian's Chromium with the unpacked extension, for the e2e tests, the demo and the
 * benchmarks. Playwright's own browser download cannot work on these machines, so the binary
 * comes from CHROMIUM_PATH or the usual install places (tests/support/find-browser.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from '@playwright/test';
import { findChromium } from './find-browser.ts';

/** The extension API as seen inside the service worker (test code may use it directly). */
export type ExtensionApi = typeof import('wxt/browser').browser;

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const OUTPUT_DIR = resolve(ROOT, process.env.SUPPORT_CAPTURE_OUT ?? '.output');
export const E2E_EXTENSION_DIR = join(OUTPUT_DIR, 'chrome-mv3-e2e');

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensionDir?: string;
  headless?: boolean;
  deviceScaleFactor?: number;
  viewport?: { width: number; height: number };
  /** Extra Chromium switches. */
  args?: string[];
  /** A user-data dir to reuse (managed-policy tests); a fresh temporary one otherwise. */
  userDataDir?: string;
}

/** Switches this closed network needs, or Chromium floods it with refused connections. */
export const QUIET_NETWORK = [
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-default-apps',
  '--no-default-browser-check',
];

export async function launchExtensionBrowser(
  options: LaunchOptions = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? E2E_EXTENSION_DIR;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'support-capture-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    viewport: options.viewport ?? { width: 1280, height: 720 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      ...QUIET_NETWORK,
      ...(options.args ?? []),
    ],
  });
  const serviceWorker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    serviceWorker,
    extensionId,
    async close() {
      await context.close();
      if (options.userDataDir === undefined) {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The browser's id of the tab showing `page`, asked from the extension's service worker. */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  const url = page.url();
  await page.bringToFront();
  const id = await browser.serviceWorker.evaluate(async (target) => {
    const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id;
  }, url);
  if (id === undefined) throw new Error(`No tab shows ${url}`);
  return id;
}

/** Opens an extension page (popup.html, options.html) in a tab of its own. */
export async function openExtensionPage(browser: ExtensionBrowser, path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
  return page;
}

/** Opens the popup as a page, pointed at the tab of `target` with `?tabId=`. */
export async function openPopupFor(browser: ExtensionBrowser, target: Page): Promise<Page> {
  const tabId = await tabIdOf(browser, target);
  return openExtensionPage(browser, `popup.html?tabId=${tabId}`);
}

/**
 * Allows always-on capture for the origin of `target` the way a user does: from the popup's
 * "Always capture on this site" (the e2e build holds the loopback grant, so no prompt shows).
 */
export async function allowOriginFromPopup(browser: ExtensionBrowser, target: Page): Promise<void> {
  const popup = await openPopupFor(browser, target);
  await popup.getByRole('button', { name: 'Always capture on this site' }).click();
  // Other regions of the popup have status lines too: pick ours by its text.
  await popup
    .getByRole('status')
    .filter({ hasText: 'Always-on capture is allowed' })
    .waitFor({ state: 'visible' });
  await popup.close();
}

/**
 * Opens `url` in a tab of its own, allows always-on capture for its site from the popup, and
 * loads it again, so the capture runs from `document_start` of that load.
 */
export async function openAllowedPage(browser: ExtensionBrowser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await allowOriginFromPopup(browser, page);
  await page.reload();
  await waitForPageContext(browser, page);
  return page;
}

/**
 * Waits until the page's capture script answers: on allowed origins the background injects it
 * right after the page's load, so a test acting at once would otherwise outrun it.
 */
export async function waitForPageContext(browser: ExtensionBrowser, page: Page): Promise<void> {
  const tabId = await tabIdOf(browser, page);
  for (let poll = 0; poll < 50; poll++) {
    const answered = await browser.serviceWorker.evaluate(async (id) => {
      const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
      try {
        const reply = (await api.tabs.sendMessage(id, { type: 'getPageEvents', data: {} })) as
          | { ok?: boolean }
          | undefined;
        return reply?.ok === true;
      } catch {
        return false;
      }
    }, tabId);
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The capture script never answered in ${page.url()}.`);
}

/** Writes items straight into the extension's `storage.local` (test and demo set-up). */
export async function setExtensionStorage(
  browser: ExtensionBrowser,
  values: Record<string, unknown>,
): Promise<void> {
  await browser.serviceWorker.evaluate(async (items) => {
    const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
    await api.storage.local.set(items);
  }, values);
}

/**
 * Reloads the page until its capture holds `text` (an error the page throws at load): the
 * browser applies newly registered always-on scripts to later navigations, so the first
 * reload right after "Always capture on this site" may still run without them.
 */
export async function reloadUntilCaptured(
  browser: ExtensionBrowser,
  page: Page,
  text: string,
): Promise<void> {
  const tabId = await tabIdOf(browser, page);
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.reload();
    for (let poll = 0; poll < 25; poll++) {
      const events = await browser.serviceWorker.evaluate(async (id) => {
        const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
        try {
          return JSON.stringify(
            await api.tabs.sendMessage(id, { type: 'getPageEvents', data: {} }),
          );
        } catch {
          return '';
        }
      }, tabId);
      if (events.includes(text)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`The page was not captured from its load (no "${text}").`);
}

/**
 * Opens one of the popup's collapsed sections ("Errors and logs", "Portal fields", "Screenshots
 * and files"…) by the title on its summary, the way a user does; open ones stay open.
 */
export async function openSection(popup: Page, title: string): Promise<void> {
  const summary = popup.locator('details.disclosure > summary', { hasText: title }).first();
  await summary.waitFor();
  const open = await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open);
  if (!open) await summary.click();
}
