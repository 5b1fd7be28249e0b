/**
 * A portal-only customer (no Atlassian account): the platform's `/myself` and user picker
 * refuse them. Signed in with the portal session, "Test connection" succeeds on the desk list
 * and names them from their own requests, and the people search finds colleagues through the
 * portal's own search. When the portal refuses their writes and the vendor profile names a
 * support address, "Send by e-mail" opens a mailto: with the summary and text and saves the
 * report to attach.
 */
import type { Page } from '@playwright/test';
import { connectExtensionToEmulator, signInOnPortal } from '../emulator/connect.ts';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import { type ExtensionApi, reloadUntilCaptured } from '../support/browser.ts';
import { expect, test } from './fixtures';

const FIRST_ERROR = 'Failed to load cluster operators: 503 Service Unavailable';

let emulator: PortalEmulator;

test.beforeAll(async () => {
  emulator = await startPortalEmulator({ refuse: ['myself', 'user.picker'] });
});
test.afterAll(async () => {
  await emulator.close();
});
test.beforeEach(() => {
  emulator.reset();
});

async function send<T>(page: Page, type: string, data: unknown): Promise<T> {
  const reply = (await page.evaluate(
    (envelope) =>
      (globalThis as unknown as { chrome: ExtensionApi }).chrome.runtime.sendMessage(envelope),
    { type, data },
  )) as { ok: boolean; value?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${type}: ${reply.error?.message}`);
  return reply.value as T;
}

test('portal-only customer: connected, named, and colleagues found through the portal', async ({
  extension,
  openExtensionPage,
}) => {
  const { customer, colleagues } = emulator.data;
  await signInOnPortal(extension, emulator);
  await connectExtensionToEmulator(extension, emulator, 'portal-session');
  const options = await openExtensionPage('options.html');
  await expect(options.getByLabel('Portal URL')).toHaveValue(emulator.origin);
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Connected as' })).toContainText(
    `Connected as ${customer.displayName}`,
  );
  const refused = emulator.requests().filter((r) => r.response?.status === 403);
  expect(refused.map((r) => r.route)).toContain('myself');

  const colleague = colleagues[0];
  if (!colleague) throw new Error('The demo data has colleagues.');
  const found = await send<{ people: { accountId: string; displayName: string }[] }>(
    options,
    'findPeople',
    { query: colleague.displayName.split(' ')[0] },
  );
  expect(found.people).toContainEqual({
    accountId: colleague.accountId,
    displayName: colleague.displayName,
  });
  expect(emulator.requests().find((r) => r.route === 'user.picker')?.response?.status).toBe(403);
  expect(emulator.requests().some((r) => r.route === 'portal.user-search')).toBe(true);
});

test('portal refusing writes: "Send by e-mail" opens a mailto to the profile\'s support address and offers the report', async ({
  extension,
  consoleServer,
  allowOrigin,
  openPopup,
  openExtensionPage,
}) => {
  const supportEmail = 'support@acme.example';
  const options = await openExtensionPage('options.html');
  await options.getByLabel('Import profile').setInputFiles({
    name: 'acme.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        id: 'acme',
        vendorName: 'Acme Cloud',
        portalUrl: emulator.origin,
        supportEmail,
      }),
    ),
  });
  await expect(
    options.getByText('Imported the Acme Cloud profile; it is now active.'),
  ).toBeVisible();
  await options.close();
  // The portal takes the session but refuses this customer's writes.
  emulator.setRefused(['myself', 'user.picker', 'request.create']);
  await signInOnPortal(extension, emulator);
  await connectExtensionToEmulator(extension, emulator, 'portal-session');
  const page = await extension.context.newPage();
  await page.goto(consoleServer.url('/console'));
  await allowOrigin(page);
  await reloadUntilCaptured(extension, page, FIRST_ERROR);
  const popup = await openPopup(page);
  await expect(popup.getByLabel('Summary', { exact: true })).toHaveValue(FIRST_ERROR);
  await popup.getByLabel('Impact', { exact: true }).fill('Deployments cannot be scaled.');
  await popup.getByLabel('Recent configuration changes', { exact: true }).fill('none');
  await popup.getByRole('radio', { name: /^P2/ }).check();
  await popup.getByRole('button', { name: 'Submit request' }).click();
  await popup.getByRole('button', { name: 'Send request' }).click();

  const sendByEmail = popup.getByRole('button', { name: 'Send by e-mail' });
  await expect(sendByEmail).toBeVisible({ timeout: 30_000 });
  await expect(sendByEmail).toHaveAccessibleDescription(new RegExp(supportEmail));
  // The address the popup opens a tab on (tabs.create; a mailto: hands over to the mail
  // client, so it is recorded here rather than followed, and nothing leaves loopback).
  await popup.evaluate(() => {
    const opened: string[] = [];
    (globalThis as unknown as { openedTabs: string[] }).openedTabs = opened;
    type Tabs = { create(props: { url?: string }): Promise<unknown> };
    const scope = globalThis as unknown as { chrome?: { tabs: Tabs }; browser?: { tabs: Tabs } };
    for (const tabs of [scope.chrome?.tabs, scope.browser?.tabs]) {
      if (!tabs) continue;
      tabs.create = async (props) => {
        opened.push(props.url ?? '');
        return {};
      };
    }
  });
  const download = popup.waitForEvent('download');
  await sendByEmail.click();
  const report = await download;
  expect(report.suggestedFilename()).toMatch(/\.html?$/);
  const openedMailto = () =>
    popup.evaluate(
      () =>
        (globalThis as unknown as { openedTabs: string[] }).openedTabs.find((u) =>
          u.startsWith('mailto:'),
        ) ?? '',
    );
  await expect.poll(openedMailto).toMatch(/^mailto:/);
  const mailto = await openedMailto();
  const url = new URL(mailto);
  expect(decodeURIComponent(url.pathname)).toBe(supportEmail);
  expect(url.searchParams.get('subject')).toBe(FIRST_ERROR);
  const body = url.searchParams.get('body') ?? '';
  // The note to attach the report, then the request's text (cut to what a mailto: carries).
  expect(body).toMatch(/^Please attach the downloaded report file/);
  expect(body).toContain(FIRST_ERROR);
  expect(body).toContain('h3. Errors and logs');
  expect(body).toMatch(/Capture reference: SC-/);

  // Nothing was filed: the create was refused and nothing went anywhere but loopback.
  expect(
    emulator.state().requests.filter((r) => r.fieldValues.summary === FIRST_ERROR),
  ).toHaveLength(0);
  const create = emulator.requests().filter((r) => r.route === 'request.create');
  expect(create.length).toBeGreaterThan(0);
  expect(create.every((r) => r.response?.status === 403)).toBe(true);
});
