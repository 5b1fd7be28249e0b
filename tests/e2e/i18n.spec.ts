import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  type ExtensionApi,
  launchExtensionBrowser,
  openExtensionPage,
  openPopupFor,
  ROOT,
} from '../support/browser';
import { startConsoleServer } from '../support/console-server';

/** One message of a locale file, as the browser shows it. */
function message(lang: 'en' | 'de', key: string): string {
  const file = join(ROOT, 'public', '_locales', lang, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
  const found = messages[key]?.message;
  if (!found) throw new Error(`No message ${key} in ${lang}`);
  return found;
}

test('a browser in German shows the extension in German', async () => {
  // Chromium takes its UI language, and so the extension's locale, from --lang.
  const extension = await launchExtensionBrowser({ args: ['--lang=de'] });
  try {
    const options = await openExtensionPage(extension, 'options.html');
    await expect(
      options.getByRole('heading', { level: 1, name: message('de', 'options_heading') }),
    ).toBeVisible();
    await expect(options).toHaveTitle(message('de', 'options_heading'));
    expect(await options.locator('html').getAttribute('lang')).toBe('de');
    await expect(
      options.getByRole('button', { name: message('de', 'connection_test') }),
    ).toBeVisible();

    // The manifest's texts too: the toolbar button's tooltip.
    const title = await extension.serviceWorker.evaluate(() =>
      (globalThis as unknown as { chrome: ExtensionApi }).chrome.action.getTitle({}),
    );
    expect(title).toBe(message('de', 'reportProblem'));
  } finally {
    await extension.close();
  }
});

test('a browser in German shows the popup and the composer in German', async () => {
  const extension = await launchExtensionBrowser({ args: ['--lang=de'] });
  const server = await startConsoleServer();
  try {
    const page = await extension.context.newPage();
    await page.goto(server.url('/console'));
    const popup = await openPopupFor(extension, page);
    const de = (key: string) => message('de', key);
    expect(await popup.locator('html').getAttribute('lang')).toBe('de');
    await expect(popup.getByRole('textbox', { name: de('form_summary') })).toBeVisible();
    await expect(popup.getByRole('radiogroup', { name: de('severity_legend') })).toBeVisible();
    await expect(popup.getByRole('group', { name: de('form_errors') })).toBeVisible();
    await expect(popup.getByRole('button', { name: de('form_useRecordedSteps') })).toBeVisible();
    await expect(popup.getByRole('button', { name: de('draft_discard') })).toBeVisible();
    // Not connected: the sentence around the options link is German too.
    await expect(popup.getByRole('link', { name: de('portal_connectLink') })).toBeVisible();
    // The summary is pre-filled from the page: empty it to see the form's own message.
    await popup.getByRole('textbox', { name: de('form_summary') }).fill('');
    await popup.getByRole('button', { name: de('form_submit') }).click();
    await expect(popup.getByText(de('form_summaryError'))).toBeVisible();
    await popup.getByRole('textbox', { name: de('form_summary') }).fill('Seite lädt nicht');
    await popup.getByRole('button', { name: de('form_submit') }).click();
    await expect(popup.getByRole('region', { name: de('preview_heading') })).toBeVisible();
    await expect(popup.getByRole('button', { name: de('preview_back') })).toBeVisible();
    await expect(popup.getByText(de('preview_notConnected'))).toBeVisible();
  } finally {
    await server.close();
    await extension.close();
  }
});

test('a browser in English shows the extension in English', async () => {
  const extension = await launchExtensionBrowser({ args: ['--lang=en-US'] });
  try {
    const options = await openExtensionPage(extension, 'options.html');
    await expect(
      options.getByRole('heading', { level: 1, name: message('en', 'options_heading') }),
    ).toBeVisible();
    await expect(options).toHaveTitle(message('en', 'options_heading'));
    expect(await options.locator('html').getAttribute('lang')).toBe('en');
  } finally {
    await extension.close();
  }
});
