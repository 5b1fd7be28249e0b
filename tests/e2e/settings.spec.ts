/**
 * The settings in force reach the popup: an imported vendor profile's severity wording and
 * escalation channels, and the user's redaction settings in everything the portal receives.
 * Assertions are on the popup and on what the local portal emulator received.
 */
import type { Page } from '@playwright/test';
import { connectExtensionToEmulator } from '../emulator/connect.ts';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import {
  type ExtensionApi,
  openExtensionPage,
  openSection,
  reloadUntilCaptured,
  setExtensionStorage,
  tabIdOf,
} from '../support/browser.ts';
import { test as base, expect } from './fixtures';

const FIRST_ERROR = 'Failed to load cluster operators: 503 Service Unavailable';

let emulator: PortalEmulator;

const test = base.extend<{
  /** The demo console captured from page load, then `onPage`, then the popup on it. */
  openComposer: (onPage?: (page: Page) => Promise<void>) => Promise<{ page: Page; popup: Page }>;
}>({
  openComposer: async ({ extension, consoleServer, allowOrigin, openPopup }, use) => {
    await use(async (onPage) => {
      await connectExtensionToEmulator(extension, emulator);
      const page = await extension.context.newPage();
      await page.goto(consoleServer.url('/console'));
      await allowOrigin(page);
      await reloadUntilCaptured(extension, page, FIRST_ERROR);
      await onPage?.(page);
      return { page, popup: await openPopup(page) };
    });
  },
});

test.beforeAll(async () => {
  emulator = await startPortalEmulator();
});
test.afterAll(async () => {
  await emulator.close();
});
test.beforeEach(() => {
  emulator.reset();
});

const filed = (summary: string) =>
  emulator
    .state()
    .requests.filter((r) => String(r.fieldValues.summary).startsWith(`${summary} [SC-`));

async function waitForFormReady(popup: Page) {
  await openSection(popup, 'Portal fields');
  await expect(
    popup.getByRole('table', { name: "How the request fills the portal's fields" }),
  ).toBeVisible();
}

async function send(popup: Page) {
  await popup.getByRole('button', { name: 'Submit request' }).click();
  await popup.getByRole('button', { name: 'Send request' }).click();
  await expect(popup.getByRole('region', { name: 'Request filed' })).toContainText(
    /Filed as [A-Z]+-\d+/,
    { timeout: 20_000 },
  );
}

test('an imported profile words the severity choices and shows its escalation after a P1', async ({
  extension,
  openComposer,
}) => {
  const profile = {
    id: 'acme',
    vendorName: 'Acme Cloud',
    portalUrl: emulator.origin,
    severities: { P1: { name: 'Acme Sev-1', definition: 'Every Acme cluster is unreachable' } },
    escalationChannels: [
      { kind: 'chat', label: 'Acme war room', url: 'https://chat.acme.example/p1', hours: '24/7' },
    ],
  };
  const options = await openExtensionPage(extension, 'options.html');
  await options.getByLabel('Import profile').setInputFiles({
    name: 'acme.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(profile)),
  });
  await expect(
    options.getByText('Imported the Acme Cloud profile; it is now active.'),
  ).toBeVisible();

  const { popup } = await openComposer();
  const p1 = popup.getByRole('radio', {
    name: /^P1 Acme Sev-1: Every Acme cluster is unreachable/,
  });
  await expect(p1).toBeVisible();
  await waitForFormReady(popup);
  await popup.getByLabel('Impact', { exact: true }).fill('No cluster can be reached.');
  await p1.check();
  await send(popup);
  const escalation = popup.getByRole('region', { name: 'Escalate this P1' });
  await expect(escalation.getByRole('link', { name: /Acme war room \(24\/7\)/ })).toHaveAttribute(
    'href',
    'https://chat.acme.example/p1',
  );
  expect(filed(FIRST_ERROR)).toHaveLength(1);
});

test('with "Mask e-mail addresses" on, an e-mail in an error stack and in Impact are masked', async ({
  extension,
  openComposer,
}) => {
  await setExtensionStorage(extension, {
    captureSettings: { captureWarnings: true, maskEmails: true, customPatterns: [] },
  });
  const { popup } = await openComposer(async (page) => {
    // An error whose stack carries an address, logged by the page's own code.
    await page.evaluate(() => {
      console.error(new Error('Owner lookup failed for ops.lead@acme.example'));
    });
    const tabId = await tabIdOf(extension, page);
    await expect
      .poll(() =>
        extension.serviceWorker.evaluate(async (id) => {
          const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
          return JSON.stringify(
            await api.tabs.sendMessage(id, { type: 'getPageEvents', data: {} }),
          );
        }, tabId),
      )
      .toContain('Owner lookup failed');
  });
  await waitForFormReady(popup);
  await openSection(popup, 'Errors and logs');
  const errors = popup.getByRole('group', { name: 'Errors and failed requests' });
  const stackError = errors.getByRole('checkbox', { name: /Owner lookup failed/ });
  if (!(await stackError.isChecked())) await stackError.check();
  await popup
    .getByLabel('Impact', { exact: true })
    .fill('Reported by jane.doe@customer.example; the team is blocked.');
  await popup.getByRole('radio', { name: /^P3/ }).check();
  await send(popup);

  const [request] = filed(FIRST_ERROR);
  const description = String(request?.fieldValues.description);
  expect(description).toContain('Owner lookup failed for [redacted:email]');
  // Typed text is wiki-escaped in the description: `\[redacted:email\]`.
  expect(description).toMatch(/Reported by \\?\[redacted:email\\?\]; the team is blocked\./);
  expect(JSON.stringify(emulator.requests())).not.toMatch(/ops\.lead@|jane\.doe@/);
});
