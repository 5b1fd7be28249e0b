/**
 * An organisation's policy for real: Chromium reads the extension's "3rdparty" policy from
 * its managed policy folder and hands it to `storage.managed`. Extension policy is keyed by
 * extension id, so this uses the `e2e-policy` build, whose manifest `key` fixes the id; the
 * ordinary e2e build (shared with the other specs) never sees the policy.
 * https://www.chromium.org/administrators/linux-quick-start/
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectExtensionToEmulator } from '../emulator/connect.ts';
import { startPortalEmulator } from '../emulator/server.ts';
import {
  type ExtensionBrowser,
  launchExtensionBrowser,
  OUTPUT_DIR,
  openExtensionPage,
  openPopupFor,
  openSection,
  tabIdOf,
} from '../support/browser';
import { buildTestExtension } from '../support/build';
import { startConsoleServer } from '../support/console-server';
import { expect, test } from './fixtures';

const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';
const EXTENSION_DIR = join(OUTPUT_DIR, 'chrome-mv3-e2e-policy');
/** Nothing listens there: the portal is never reached, and nothing leaves the machine. */
const POLICY_PORTAL = 'http://127.0.0.1:9';

/** Chromium's id for a manifest key: sha256 of the key's DER, 32 hex digits mapped to a-p. */
function extensionIdOf(base64Key: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex');
  return [...hex.slice(0, 32)]
    .map((h) => String.fromCharCode(97 + Number.parseInt(h, 16)))
    .join('');
}

type ChromeApi = {
  storage: { managed: { get(): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

test.beforeAll(() => {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    return;
  }
  buildTestExtension('e2e-policy');
});

/** What the background's capture says about a tab, asked the way the popup asks. */
async function collect(page: Page, tabId: number) {
  return page.evaluate(async (id) => {
    const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    return (await api.runtime.sendMessage({ type: 'collectCapture', data: { tabId: id } })) as {
      ok: boolean;
      value?: {
        scope: string;
        environment: { value: string | null; matched: { source: string; description: string } };
        product: { value: string | null };
      };
    };
  }, tabId);
}

test('the policy sets the portal and the rules, locked in the options, and a capture uses them', async () => {
  test.setTimeout(120_000);
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    key?: string;
  };
  expect(manifest.key, 'the e2e-policy build carries a manifest key').toBeTruthy();
  const extensionId = extensionIdOf(manifest.key ?? '');

  const consoleServer = await startConsoleServer();
  const policy = {
    profile: JSON.stringify({
      id: 'org-vendor',
      vendorName: 'Org Vendor',
      portalUrl: POLICY_PORTAL,
      signUpGuidance: 'Ask IT for an account.',
      escalationChannels: [{ kind: 'phone', label: 'Hotline', number: '+1 555 0100' }],
    }),
    authMethod: 'portal-session',
    allowedCaptureOrigins: [consoleServer.origin],
    environmentRules: [{ pattern: '127.0.0.1', environment: 'Production', product: 'Org Console' }],
    lockedSettings: ['environmentRules'],
  };
  // A unique name: other runs may have their own file in the same folder at the same time.
  const policyFile = join(POLICY_DIR, `support-capture-e2e-${process.pid}-${Date.now()}.json`);
  let extension: ExtensionBrowser | undefined;
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    // A run killed before its `finally` leaves its file behind: drop such files (over ten
    // minutes old), whose values would mix with this run's.
    for (const name of readdirSync(POLICY_DIR)) {
      const path = join(POLICY_DIR, name);
      if (
        name.startsWith('support-capture-e2e-') &&
        Date.now() - statSync(path).mtimeMs > 600_000
      ) {
        rmSync(path, { force: true });
      }
    }
    writeFileSync(
      policyFile,
      JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }, null, 2),
    );
    extension = await launchExtensionBrowser({ extensionDir: EXTENSION_DIR });
    expect(extension.extensionId).toBe(extensionId);
    const { serviceWorker } = extension;

    // Chromium applied it: the extension's managed storage holds the policy's values.
    await expect
      .poll(() =>
        serviceWorker.evaluate(() =>
          (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.managed.get(),
        ),
      )
      .toMatchObject({ authMethod: 'portal-session', lockedSettings: ['environmentRules'] });
    // And says so on chrome://policy, under the extension's name.
    const policyPage = await extension.context.newPage();
    await policyPage.goto('chrome://policy');
    await expect(policyPage.getByText('allowedCaptureOrigins').first()).toBeVisible();
    await policyPage.close();

    // The options page shows the policy's portal and rules as locked.
    const options = await openExtensionPage(extension, 'options.html');
    const portalUrl = options.getByLabel('Portal URL');
    await expect(portalUrl).toHaveValue(POLICY_PORTAL);
    await expect(portalUrl).toBeDisabled();
    await expect(portalUrl).toHaveAccessibleDescription('Set by your organisation');
    await expect(options.getByRole('radio', { name: 'Portal session' })).toBeChecked();
    await expect(options.getByRole('radio', { name: 'API token' })).toBeDisabled();
    const rulePattern = options.getByLabel('Pattern of organisation rule 1');
    await expect(rulePattern).toHaveValue('127.0.0.1');
    await expect(rulePattern).toBeDisabled();
    await expect(rulePattern).toHaveAccessibleDescription(/Set by your organisation/);
    await expect(options.getByLabel('Environment of organisation rule 1')).toHaveValue(
      'Production',
    );
    // Locked: the user's own rules are not offered.
    await expect(options.getByRole('button', { name: 'Add rule' })).toHaveCount(0);
    const profile = options.getByLabel('Active profile');
    await expect(profile).toBeDisabled();
    await expect(profile.getByRole('option', { selected: true })).toHaveText('Org Vendor');
    await expect(options.getByLabel('Import profile')).toBeDisabled();
    await expect(
      options.getByRole('list', { name: 'Sites set by your organisation' }),
    ).toContainText(consoleServer.origin);

    // A capture uses them: the policy's site is captured from page load, its rule decides.
    const page = await extension.context.newPage();
    await page.goto(consoleServer.url('/console'));
    const tabId = await tabIdOf(extension, page);
    await expect
      .poll(async () => {
        await page.reload();
        return (await collect(options, tabId)).value?.scope;
      })
      .toBe('always-on');
    const capture = (await collect(options, tabId)).value;
    expect(capture?.environment.value).toBe('Production');
    expect(capture?.environment.matched.source).toBe('policy');
    expect(capture?.environment.matched.description).toContain("Your organisation's rule #1");
    expect(capture?.product.value).toBe('Org Console');

    // The popup's request is pre-filled from the policy's rule.
    const popup = await openPopupFor(extension, page);
    await expect(popup.getByLabel('Environment', { exact: true })).toHaveValue('Production');
  } finally {
    rmSync(policyFile, { force: true });
    await extension?.close();
    await consoleServer.close();
  }
});

test("the policy's service desk and request type are preselected in the popup, and locked", async () => {
  test.setTimeout(120_000);
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    key?: string;
  };
  const extensionId = extensionIdOf(manifest.key ?? '');
  const consoleServer = await startConsoleServer();
  const emulator = await startPortalEmulator();
  // "Request a change" is not the type the popup would pick on its own ("Report an incident").
  const policy = { serviceDeskId: '1', requestTypeId: '12', lockedSettings: ['requestType'] };
  const policyFile = join(POLICY_DIR, `support-capture-e2e-${process.pid}-${Date.now()}-rt.json`);
  let extension: ExtensionBrowser | undefined;
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(
      policyFile,
      JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }, null, 2),
    );
    extension = await launchExtensionBrowser({ extensionDir: EXTENSION_DIR });
    const { serviceWorker } = extension;
    await expect
      .poll(() =>
        serviceWorker.evaluate(() =>
          (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.managed.get(),
        ),
      )
      .toMatchObject(policy);
    await connectExtensionToEmulator(extension, emulator);
    const page = await extension.context.newPage();
    await page.goto(consoleServer.url('/console'));
    const popup = await openPopupFor(extension, page);
    await openSection(popup, 'Portal fields');
    const requestType = popup.getByRole('combobox', { name: 'Request type' });
    await expect(requestType).toHaveValue('12');
    await expect(requestType).toBeDisabled();
    await expect(requestType).toHaveAccessibleDescription('Set by your organisation');
    await expect(popup.getByRole('combobox', { name: 'Service desk' })).toBeDisabled();
    // The popup's choice (what the draft carries and the next popup starts from) is the policy's.
    await expect
      .poll(() =>
        serviceWorker.evaluate(async () => {
          const api = (globalThis as unknown as { chrome: ChromeApi }).chrome as unknown as {
            storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
          };
          const { composerChoice } = await api.storage.local.get('composerChoice');
          return JSON.stringify(composerChoice ?? {});
        }),
      )
      .toContain('"requestTypeId":"12"');
  } finally {
    rmSync(policyFile, { force: true });
    await extension?.close();
    await emulator.close();
    await consoleServer.close();
  }
});
