import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { connectExtensionToEmulator } from '../emulator/connect.ts';
import { startPortalEmulator } from '../emulator/server.ts';
import {
  type ExtensionApi,
  launchExtensionBrowser,
  openExtensionPage,
  openPopupFor,
  openSection,
  ROOT,
  setExtensionStorage,
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
    // The background's note on what was captured: the site is not allowed, so since opening.
    await expect(popup.getByText(de('capture_scopeOnOpen'))).toBeVisible();
    // The captured errors sit in a collapsed section, as for a user.
    await openSection(popup, de('completeness_errors'));
    await expect(popup.getByRole('group', { name: de('form_errors') })).toBeVisible();
    await openSection(popup, de('form_steps'));
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
    // Who will see the request, as the preview builds it.
    await expect(popup.getByText(de('previewAudience_nobody'))).toBeVisible();
  } finally {
    await server.close();
    await extension.close();
  }
});

/** A message with its named placeholders filled in, as the browser shows it. */
function filled(lang: 'en' | 'de', key: string, values: Record<string, string>): string {
  return message(lang, key).replace(/\$([a-zA-Z0-9_]+)\$/g, (whole, name: string) => {
    return values[name] ?? whole;
  });
}

test('a browser in German shows portal errors, severity warnings and mapping reasons in German', async () => {
  const extension = await launchExtensionBrowser({ args: ['--lang=de'] });
  const emulator = await startPortalEmulator();
  const server = await startConsoleServer();
  const de = (key: string) => message('de', key);
  try {
    // A portal error: the emulator refuses a wrong API token.
    const options = await openExtensionPage(extension, 'options.html');
    await options.getByLabel(de('connection_portalUrl'), { exact: true }).fill(emulator.origin);
    await options.getByRole('radio', { name: de('connection_apiToken') }).check();
    await options
      .getByLabel(de('connection_email'), { exact: true })
      .fill(emulator.data.customer.emailAddress);
    await options
      .getByLabel(de('connection_apiToken'), { exact: true })
      .and(options.locator('input[type=password]'))
      .fill('not-the-token');
    await options.getByRole('button', { name: de('connection_test') }).click();
    await expect(options.getByRole('alert').first()).toContainText(de('error_authToken'));
    await options.close();

    // Connected, on a staging console: the composer's mapping reasons and a P1 warning.
    await connectExtensionToEmulator(extension, emulator);
    await setExtensionStorage(extension, {
      environmentRules: [{ id: 'e2e', pattern: '127.0.0.1', environment: 'Staging' }],
    });
    const page = await extension.context.newPage();
    await page.goto(server.url('/console'));
    const popup = await openPopupFor(extension, page);
    await expect(popup.getByLabel(de('form_environment'), { exact: true })).toHaveValue('Staging');
    await popup.getByRole('radio', { name: /^P1/ }).check();
    await expect(
      popup.getByRole('alert').filter({ hasText: de('severityWarning_p1NotProduction') }),
    ).toBeVisible();

    await openSection(popup, de('layout_portalSection'));
    const mapping = popup.getByRole('table', { name: de('mapping_caption') });
    await expect(mapping).toBeVisible();
    await expect(
      mapping.getByText(
        filled('de', 'mappingReason_matches', {
          source: de('form_environment'),
          text: 'Staging',
          option: 'Staging',
        }),
      ),
    ).toBeVisible();
  } finally {
    await server.close();
    await emulator.close();
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
