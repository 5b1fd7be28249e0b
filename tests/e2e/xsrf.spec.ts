/**
 * Writes under the portal's XSRF filter (tests/emulator/xsrf.ts), in Chromium: the user files
 * a request with its screenshot from the popup, signed in with the portal session (the
 * filter accepts only the site's own origin) and, with Atlassian's extension exemption, with
 * an API token and with the portal session. Exactly one request arrives, with its screenshot.
 */
import type { Page } from '@playwright/test';
import { connectExtensionToEmulator, signInOnPortal } from '../emulator/connect.ts';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import type { XsrfMode } from '../emulator/xsrf.ts';
import { openSection, reloadUntilCaptured } from '../support/browser.ts';
import { expect, test } from './fixtures';

const FIRST_ERROR = 'Failed to load cluster operators: 503 Service Unavailable';

let emulator: PortalEmulator;

// A whole capture-to-delivery flow per test: on a loaded shared machine it can pass 60 s.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  emulator = await startPortalEmulator();
});
test.afterAll(async () => {
  await emulator.close();
});
test.beforeEach(() => {
  emulator.reset();
});

async function fileFromPopup(popup: Page): Promise<void> {
  await expect(popup.getByLabel('Summary', { exact: true })).toHaveValue(FIRST_ERROR);
  await openSection(popup, 'Screenshots and files');
  await expect(
    popup.getByRole('list', { name: 'Screenshots and files' }).getByRole('img'),
  ).toBeVisible();
  await openSection(popup, 'Portal fields');
  await expect(
    popup.getByRole('table', { name: "How the request fills the portal's fields" }),
  ).toBeVisible();
  await popup.getByLabel('Impact', { exact: true }).fill('Deployments cannot be scaled.');
  await popup.getByRole('radio', { name: /^P2/ }).check();
  await popup.getByRole('button', { name: 'Submit request' }).click();
  await popup.getByRole('button', { name: 'Send request' }).click();
  await expect(popup.getByRole('region', { name: 'Request filed' })).toContainText(
    /Filed as [A-Z]+-\d+/,
    { timeout: 30_000 },
  );
}

const cases: { mode: XsrfMode; method: 'portal-session' | 'api-token' }[] = [
  { mode: 'same-origin', method: 'portal-session' },
  { mode: 'atlassian', method: 'api-token' },
  { mode: 'atlassian', method: 'portal-session' },
];

for (const { mode, method } of cases) {
  test(`${mode} XSRF filter, ${method}: one request with its screenshot`, async ({
    extension,
    consoleServer,
    allowOrigin,
    openPopup,
  }) => {
    emulator.setXsrf(mode);
    if (method === 'portal-session') await signInOnPortal(extension, emulator);
    await connectExtensionToEmulator(extension, emulator, method);
    const page = await extension.context.newPage();
    await page.goto(consoleServer.url('/console'));
    await allowOrigin(page);
    await reloadUntilCaptured(extension, page, FIRST_ERROR);
    await fileFromPopup(await openPopup(page));

    const filed = emulator
      .state()
      .requests.filter((r) => String(r.fieldValues.summary).startsWith(`${FIRST_ERROR} [SC-`));
    expect(filed).toHaveLength(1);
    expect(filed[0]?.attachments).toHaveLength(1);
    expect(filed[0]?.attachments[0]?.mimeType).toMatch(/^image\//);
    const writes = emulator.requests().filter((r) => r.method !== 'GET');
    // No write was refused, and each went out with the site's own origin.
    expect(writes.filter((r) => r.response?.status === 403)).toEqual([]);
    const create = writes.find((r) => r.route === 'request.create');
    expect(create?.headers.origin).toBe(emulator.origin);
    if (method === 'portal-session') {
      expect(create?.headers.cookie).toContain('customer.account.session.token=');
    } else {
      expect(create?.headers.authorization).toMatch(/^Basic /);
    }
  });
}

test('a web page in a tab cannot borrow the portal origin', async ({
  extension,
  consoleServer,
  openExtensionPage,
}) => {
  await connectExtensionToEmulator(extension, emulator, 'portal-session');
  // Any portal call loads the connection, and with it the header rule.
  const options = await openExtensionPage('options.html');
  await expect(options.getByLabel('Portal URL')).toHaveValue(emulator.origin);
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('alert')).toContainText('not signed in to the portal');

  const page = await extension.context.newPage();
  await page.goto(consoleServer.url('/console'));
  const target = emulator.url('/rest/servicedeskapi/request');
  await page.evaluate(
    (url) =>
      fetch(url, {
        method: 'POST',
        mode: 'no-cors',
        headers: { 'content-type': 'text/plain' },
        body: '{}',
      }).catch(() => undefined),
    target,
  );
  await expect.poll(() => emulator.requests().filter((r) => r.method === 'POST').length).toBe(1);
  const post = emulator.requests().find((r) => r.method === 'POST');
  expect(post?.headers.origin).toBe(new URL(consoleServer.url('/')).origin);
  expect(post?.response?.status).toBe(403);
  expect(post?.response?.body).toBe('XSRF check failed');
});
