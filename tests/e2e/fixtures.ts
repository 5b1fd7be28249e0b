import { test as base, expect, type Page } from '@playwright/test';
import {
  allowOriginFromPopup,
  type ExtensionBrowser,
  launchExtensionBrowser,
  openAllowedPage,
  openExtensionPage,
  openPopupFor,
  openSection,
  tabIdOf,
} from '../support/browser';
import { type ConsoleServer, startConsoleServer } from '../support/console-server';

interface Fixtures {
  /** A fresh Chromium with the extension, per test. */
  extension: ExtensionBrowser;
  /** The loopback demo console. */
  consoleServer: ConsoleServer;
  /** Opens the popup as a page for the tab showing `target`. */
  openPopup: (target: Page) => Promise<Page>;
  /** Opens `path` of the demo console in a tab, and the popup for that tab. */
  openPagePopup: (path: string) => Promise<{ page: Page; tabId: number; popup: Page }>;
  /** Opens an extension page such as `options.html`. */
  openExtensionPage: (path: string) => Promise<Page>;
  /** Allows always-on capture for the origin of `target` the way a user does: from the popup. */
  allowOrigin: (target: Page) => Promise<void>;
  /** Opens `url` in a new tab on a site allowed for always-on capture, loaded after allowing. */
  openAllowedPage: (url: string) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their deps this way.
  extension: async ({}, use) => {
    const extension = await launchExtensionBrowser();
    await use(extension);
    await extension.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their deps this way.
  consoleServer: async ({}, use) => {
    const server = await startConsoleServer();
    await use(server);
    await server.close();
  },
  openPagePopup: async ({ extension, consoleServer }, use) => {
    await use(async (path) => {
      const page = await extension.context.newPage();
      await page.goto(consoleServer.url(path));
      const tabId = await tabIdOf(extension, page);
      const popup = await openPopupFor(extension, page);
      // Screenshots sit in a collapsed section of the composer: open it, as a user does.
      await openSection(popup, 'Screenshots and files');
      return { page, tabId, popup };
    });
  },
  openPopup: async ({ extension }, use) => {
    await use((target) => openPopupFor(extension, target));
  },
  openExtensionPage: async ({ extension }, use) => {
    await use((path) => openExtensionPage(extension, path));
  },
  allowOrigin: async ({ extension }, use) => {
    await use((target) => allowOriginFromPopup(extension, target));
  },
  openAllowedPage: async ({ extension }, use) => {
    await use((url) => openAllowedPage(extension, url));
  },
});

export { expect };
