/**
 * Starts Debian's Firefox ESR headless with the unpacked Firefox build installed as a
 * temporary add-on, driven by puppeteer-core over WebDriver BiDi. The add-on's uuid is fixed
 * before launch (pref `extensions.webextensions.uuids`), so its pages have known URLs.
 * Navigations to moz-extension pages may never report their end: they are not awaited.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { OUTPUT_DIR } from './browser.ts';

export const FIREFOX_EXTENSION_DIR = join(OUTPUT_DIR, 'firefox-mv3-e2e');
export const GECKO_ID = 'support-capture@support-capture.dev';
export const EXTENSION_UUID = '5c0e2b1a-7d4f-4e8a-9b36-2f1d8c4a6e01';
export const EXTENSION_BASE = `moz-extension://${EXTENSION_UUID}`;

export const FIREFOX_INSTALL_HINT =
  'Firefox ESR was not found. Install it (Debian/Ubuntu: `sudo apt-get install -y firefox-esr`) or set FIREFOX_PATH.';

export function firefoxPath(env: Record<string, string | undefined> = process.env): string {
  const path = env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(path)) throw new Error(`${FIREFOX_INSTALL_HINT} (looked at ${path})`);
  return path;
}

export interface FirefoxExtension {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(
  extensionDir = FIREFOX_EXTENSION_DIR,
): Promise<FirefoxExtension> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // A closed network: no update, telemetry or remote settings traffic.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  });
  await browser.installExtension(extensionDir);
  return { browser, close: () => browser.close() };
}

/**
 * Opens an extension page (`options.html`, `popup.html?tabId=N`) in a new tab. WebDriver BiDi
 * may not navigate to a moz-extension URL itself (Firefox ESR 153: "not allowed in this
 * context"), so a loopback page (`from`) navigates there; the Firefox e2e build makes these
 * pages web-accessible to loopback (wxt.config.ts).
 */
export async function openExtensionPage(
  browser: Browser,
  from: string,
  path: string,
): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(from);
  await page.evaluate((url) => {
    location.href = url;
  }, `${EXTENSION_BASE}/${path}`);
  await page.waitForFunction(
    (base) => location.href.startsWith(base) && document.readyState !== 'loading',
    { polling: 100, timeout: 15_000 },
    EXTENSION_BASE,
  );
  return page;
}

/** The browser's id of the tab whose URL is `url`, asked from an extension page. */
export async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  const id = await extensionPage.evaluate(async (target) => {
    const api = (globalThis as unknown as { browser: FirefoxApi }).browser;
    const tabs = await api.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id;
  }, url);
  if (id === undefined) throw new Error(`No tab shows ${url}`);
  return id;
}

/** Writes items into the extension's `storage.local` from one of its pages. */
export async function setStorage(
  extensionPage: Page,
  items: Record<string, unknown>,
): Promise<void> {
  await extensionPage.evaluate(async (values) => {
    const api = (globalThis as unknown as { browser: FirefoxApi }).browser;
    await api.storage.local.set(values);
  }, items);
}

/** Reloads `page` until the capture of its tab holds `text` (an error thrown at load). */
export async function reloadUntilCaptured(
  extensionPage: Page,
  page: Page,
  text: string,
): Promise<void> {
  const tabId = await tabIdOf(extensionPage, page.url());
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.reload();
    for (let poll = 0; poll < 25; poll++) {
      const events = await extensionPage.evaluate(async (id) => {
        const api = (globalThis as unknown as { browser: FirefoxApi }).browser;
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

/** An element found by role and accessible name (puppeteer's ARIA query). */
export function byRole(role: string, name: string): string {
  return `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`;
}

/** Calls the extension API from an extension page (`browser.*` exists there in Firefox). */
export type FirefoxApi = typeof import('wxt/browser').browser;
