/**
 * Firefox ESR for real (headless, WebDriver BiDi): the Firefox build connects to the portal
 * emulator with an API token and with the portal session, captures the demo console's errors
 * and its screenshot, and files the request with the screenshot attached, under the portal's
 * XSRF filter with Atlassian's exemptions (which do not cover `moz-extension:`). One Firefox
 * for the whole file: its start is the slow part.
 */
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import { type ConsoleServer, startConsoleServer } from '../support/console-server.ts';
import {
  byRole,
  type FirefoxExtension,
  launchFirefoxWithExtension,
  openExtensionPage,
  reloadUntilCaptured,
  setStorage,
  tabIdOf,
} from '../support/firefox.ts';

const FIRST_ERROR = 'Failed to load cluster operators: 503 Service Unavailable';

let emulator: PortalEmulator;
let consoleServer: ConsoleServer;
let firefox: FirefoxExtension;
let options: Page;
let originAllowed = false;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  emulator = await startPortalEmulator({ xsrf: 'atlassian' });
  consoleServer = await startConsoleServer();
  firefox = await launchFirefoxWithExtension();
  options = await openExtensionPage(firefox.browser, consoleServer.url('/console'), 'options.html');
  await setStorage(options, {
    environmentRules: [
      { id: 'e2e', pattern: '127.0.0.1', environment: 'Staging', product: 'OpenShift' },
    ],
  });
});
test.afterAll(async () => {
  await firefox?.close();
  await consoleServer?.close();
  await emulator?.close();
});

async function statusText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[role=status],[role=alert]')]
      .map((node) => node.textContent ?? '')
      .join(' | '),
  );
}

async function connect(method: 'api-token' | 'portal-session'): Promise<void> {
  const { customer } = emulator.data;
  await options.bringToFront();
  await options.locator(byRole('textbox', 'Portal URL')).fill(emulator.origin);
  if (method === 'api-token') {
    await options.locator(byRole('radio', 'API token')).click();
    await options.locator(byRole('textbox', 'Email')).fill(customer.emailAddress);
    await options.locator('input[type=password]').fill(customer.apiToken);
  } else {
    await options.locator(byRole('radio', 'Portal session')).click();
  }
  await options.locator(byRole('button', 'Save')).click();
  await expect.poll(() => statusText(options)).toContain('Saved');
  await options.locator(byRole('button', 'Test connection')).click();
  await expect.poll(() => statusText(options)).toContain(`Connected as ${customer.displayName}`);
}

/**
 * Where the API token is: Firefox cannot close `storage.local` to content scripts, so the token
 * must be in the extension origin's IndexedDB and not in `storage.local`.
 */
async function storedToken(page: Page): Promise<{ local: unknown; indexedDb: unknown }> {
  return page.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        browser: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
      }
    ).browser;
    const local = (await api.storage.local.get('portalCredentials')).portalCredentials;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('support-capture-secrets');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const indexedDb = db.objectStoreNames.contains('secrets')
      ? await new Promise<unknown>((resolve, reject) => {
          const read = db.transaction('secrets').objectStore('secrets').get('portalCredentials');
          read.onsuccess = () => resolve(read.result);
          read.onerror = () => reject(read.error);
        })
      : undefined;
    db.close();
    return {
      local: local ?? null,
      indexedDb: (indexedDb as { apiToken?: string } | undefined)?.apiToken ?? null,
    };
  });
}

async function signInOnPortal(): Promise<void> {
  const page = await firefox.browser.newPage();
  await page.goto(emulator.url('/servicedesk/customer/user/login'));
  await page.locator(byRole('textbox', 'Email address')).fill(emulator.data.customer.emailAddress);
  await page.locator('#password').fill(emulator.data.customer.portalPassword);
  await Promise.all([page.waitForNavigation(), page.locator(byRole('button', 'Log in')).click()]);
  expect(await page.evaluate(() => document.body.textContent)).toContain(
    `Signed in as ${emulator.data.customer.displayName}`,
  );
  await page.close();
}

/** The demo console, always-on capture allowed from the popup, captured from its load. */
async function capturedConsole(): Promise<{ page: Page; tabId: number }> {
  const page = await firefox.browser.newPage();
  const url = consoleServer.url('/console');
  await page.goto(url);
  const tabId = await tabIdOf(options, url);
  const popup = await openExtensionPage(firefox.browser, url, `popup.html?tabId=${tabId}`);
  // Once per Firefox: the second test finds the site allowed already.
  if (!originAllowed) {
    await popup.locator(byRole('button', 'Always capture on this site')).click();
    await expect.poll(() => statusText(popup)).toContain('Always-on capture is allowed');
    originAllowed = true;
  }
  await popup.close();
  await reloadUntilCaptured(options, page, FIRST_ERROR);
  return { page, tabId };
}

/** Opens every collapsed section of the composer; answers how many there are. */
function openAllSections(popup: Awaited<ReturnType<typeof openExtensionPage>>): Promise<number> {
  return popup.evaluate(() => {
    const sections = [...document.querySelectorAll('details')];
    for (const section of sections) section.open = true;
    return sections.length;
  });
}

async function fileFromPopup(tabId: number, impact: string): Promise<string> {
  const popup = await openExtensionPage(
    firefox.browser,
    consoleServer.url('/console'),
    `popup.html?tabId=${tabId}`,
  );
  const summary = popup.locator(byRole('textbox', 'Summary'));
  await popup.waitForSelector(byRole('textbox', 'Summary'), { timeout: 30_000 });
  await expect
    .poll(() =>
      popup
        .$eval(byRole('textbox', 'Summary'), (el) => (el as HTMLInputElement).value)
        .catch(() => ''),
    )
    .toBe(FIRST_ERROR);
  void summary;
  // Pre-filled parts sit in collapsed sections: open them all, as a user would to check them.
  await openAllSections(popup);
  // The page's errors were captured.
  await popup.waitForSelector(byRole('group', 'Errors and failed requests'));
  const errors = await popup.$eval(
    byRole('group', 'Errors and failed requests'),
    (el) => el.textContent,
  );
  expect(errors).toContain(FIRST_ERROR);
  // The screenshot was taken.
  await popup.waitForSelector(`${byRole('list', 'Screenshots and files')} img`, {
    timeout: 20_000,
  });
  // The portal section renders once the request type's form is in.
  await expect.poll(() => openAllSections(popup), { timeout: 20_000 }).toBeGreaterThan(4);
  await popup.waitForSelector(byRole('table', "How the request fills the portal's fields"));
  await popup.locator(byRole('textbox', 'Impact')).fill(impact);
  await popup.waitForSelector(byRole('radiogroup', 'Severity'));
  const p2 = await popup.evaluateHandle(() =>
    [...document.querySelectorAll('input[type=radio]')].find((radio) =>
      (radio.closest('label')?.textContent ?? '').trim().startsWith('P2'),
    ),
  );
  const p2Radio = p2.asElement();
  if (!p2Radio) throw new Error('No P2 severity');
  await (p2Radio as unknown as { click(): Promise<void> }).click();
  await popup.locator(byRole('button', 'Submit request')).click();
  await popup.locator(byRole('button', 'Send request')).click();
  // The result card says it once the job is delivered (the progress line then goes away).
  await expect
    .poll(
      () =>
        popup
          .$eval(byRole('region', 'Request filed'), (el) => el.textContent ?? '')
          .catch(() => ''),
      { timeout: 30_000 },
    )
    .toMatch(/Filed as [A-Z]+-\d+/);
  const filed = await popup.$eval(byRole('region', 'Request filed'), (el) => el.textContent ?? '');
  await popup.close();
  return filed;
}

function filedWith(impact: string) {
  return emulator
    .state()
    .requests.filter((request) => String(request.fieldValues.description).includes(impact));
}

test('API token: connects, captures, files once with the screenshot attached', async () => {
  await connect('api-token');
  expect(await storedToken(options)).toEqual({
    local: null,
    indexedDb: emulator.data.customer.apiToken,
  });
  const { page, tabId } = await capturedConsole();
  const impact = 'Firefox, API token: deployments cannot be scaled.';
  await fileFromPopup(tabId, impact);
  const requests = filedWith(impact);
  expect(requests).toHaveLength(1);
  expect(requests[0]?.attachments.map((a) => a.mimeType)).toEqual([
    expect.stringMatching(/^image\//),
  ]);
  const create = emulator.requests().find((r) => r.route === 'request.create');
  expect(create?.headers.authorization).toMatch(/^Basic /);
  expect(create?.headers.origin).toBe(emulator.origin);
  await page.close();
});

test('portal session: connects, captures, files once with the screenshot attached', async () => {
  await signInOnPortal();
  await connect('portal-session');
  const { page, tabId } = await capturedConsole();
  const impact = 'Firefox, portal session: deployments cannot be scaled.';
  await fileFromPopup(tabId, impact);
  const requests = filedWith(impact);
  expect(requests).toHaveLength(1);
  expect(requests[0]?.attachments).toHaveLength(1);
  const create = emulator
    .requests()
    .filter((r) => r.route === 'request.create')
    .at(-1);
  expect(create?.headers.cookie).toContain('customer.account.session.token=');
  expect(create?.headers.origin).toBe(emulator.origin);
  const refused = emulator.requests().filter((r) => r.response?.status === 403);
  expect(refused.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  await page.close();
});

test('a token an earlier version left in storage.local moves into IndexedDB and still connects', async () => {
  const { customer } = emulator.data;
  await setStorage(options, {
    portalSettings: {
      portalUrl: emulator.origin,
      authMethod: 'api-token',
      email: customer.emailAddress,
      tokenKind: 'classic',
    },
    portalCredentials: { apiToken: customer.apiToken, origin: emulator.origin },
  });
  // A fresh options page shows the connection as stored (the access to the portal's origin was
  // granted by the tests before).
  const page = await openExtensionPage(
    firefox.browser,
    consoleServer.url('/console'),
    'options.html',
  );
  await page.locator(byRole('button', 'Test connection')).click();
  await expect.poll(() => statusText(page)).toContain(`Connected as ${customer.displayName}`);
  expect(await storedToken(page)).toEqual({ local: null, indexedDb: customer.apiToken });
  await page.close();
});
