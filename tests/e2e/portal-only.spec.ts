/**
 * A portal-only customer (no Atlassian account): the platform's `/myself` and user picker
 * refuse them. Signed in with the portal session, "Test connection" succeeds on the desk list
 * and names them from their own requests, and the people search finds colleagues through the
 * portal's own search.
 */
import type { Page } from '@playwright/test';
import { connectExtensionToEmulator, signInOnPortal } from '../emulator/connect.ts';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import type { ExtensionApi } from '../support/browser.ts';
import { expect, test } from './fixtures';

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
