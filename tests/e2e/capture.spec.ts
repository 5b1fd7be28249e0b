import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from '../support/browser';
import { openSection, tabIdOf } from '../support/browser';
import { startConsoleServer } from '../support/console-server';
import { expect, test } from './fixtures';

type ChromeApi = {
  storage: { local: { get(keys: null): Promise<Record<string, unknown>> } };
  tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> };
};

/** Everything in the extension's local storage (settings, allowed origins, credentials). */
async function localStorageOf(extension: ExtensionBrowser): Promise<Record<string, unknown>> {
  return extension.serviceWorker.evaluate(() =>
    (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.get(null),
  );
}

/** Asks the page's ISOLATED script for its buffer, the way the background does. */
async function pageBuffer(extension: ExtensionBrowser, page: Page) {
  const tabId = await tabIdOf(extension, page);
  return extension.serviceWorker.evaluate(async (id) => {
    const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const reply = (await api.tabs.sendMessage(id, { type: 'getPageEvents', data: {} })) as {
      ok: boolean;
      value: { events: { count: number }[]; dropped: number; bytes: number };
    };
    return reply.value;
  }, tabId);
}

async function expectEverything(popup: Page, prefix: string) {
  await openSection(popup, 'Errors and logs');
  const errors = popup.getByRole('list', { name: 'Captured errors' });
  await expect(errors).toContainText(`${prefix} head error: cluster operators unavailable`);
  await expect(errors).toContainText(`${prefix} head throw: replicas is undefined`);
  await expect(errors).toContainText(`Unhandled rejection: Error: ${prefix} head rejection`);
  await expect(errors).toContainText(`missing-${prefix.toLowerCase()}.png`);
  const requests = popup.getByRole('list', { name: 'Failed requests' });
  const failed500 = requests.getByRole('listitem').filter({ hasText: '/api/fail/500' });
  await expect(failed500).toHaveCount(1);
  await expect(failed500).toContainText('500');
  await expect(failed500).toContainText('x-request-id');
  await expect(failed500).toContainText(/req-500-\d{4}/);
}

test('an allowed origin: errors from inline <head> scripts, a missing image and a 500 with its request id', async ({
  consoleServer,
  openPopup,
  openAllowedPage,
}) => {
  const page = await openAllowedPage(consoleServer.url('/pages/capture-inline.html'));

  const popup = await openPopup(page);
  await openSection(popup, 'Errors and logs');
  await expectEverything(popup, 'Inline');
  await expect(popup.getByRole('region', { name: 'Captured page' })).toContainText(
    'Capturing on this site since the page loaded.',
  );
  // The access token in the failed request's URL never reaches the popup.
  const requests = popup.getByRole('list', { name: 'Failed requests' });
  await expect(requests).toContainText('access_token=[redacted:secret]');
  await expect(requests).not.toContainText('s3cr3t-fixture-token');
  await expect(popup.getByTestId('redaction-count')).toContainText('redaction');
});

test("the same on a page with CSP script-src 'self'", async ({
  consoleServer,
  openPopup,
  openAllowedPage,
}) => {
  const url = consoleServer.url(
    `/pages/capture-csp.html?csp=${encodeURIComponent("script-src 'self'")}`,
  );
  const page = await openAllowedPage(url);

  const popup = await openPopup(page);
  await expectEverything(popup, 'CSP');
});

test('100,000 errors: the page stays responsive and the buffer within its bounds', async ({
  extension,
  consoleServer,
  openPopup,
  openAllowedPage,
}) => {
  // Playwright itself receives every console message over CDP: the loop is slow under test.
  test.setTimeout(180_000);
  const page = await openAllowedPage(consoleServer.url('/pages/capture-flood.html'));

  await page.getByRole('button', { name: 'Log 100,000 errors' }).click();
  await expect(page.locator('#done')).toHaveText('done');
  // Responsive: the page still renders frames and runs its own handlers.
  expect(
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(1)))),
  ).toBe(1);

  await expect
    .poll(async () => {
      const buffer = await pageBuffer(extension, page);
      return buffer.events.reduce((sum, event) => sum + event.count, buffer.dropped);
    })
    .toBe(100_000);
  const buffer = await pageBuffer(extension, page);
  expect(buffer.events.length).toBeLessThanOrEqual(200);
  expect(buffer.bytes).toBeLessThanOrEqual(512 * 1024);

  const popup = await openPopup(page);
  await expect(popup.getByTestId('event-total')).toHaveText('100000 errors captured');
});

test("a page forging the hook's events changes no setting and nothing but text", async ({
  extension,
  consoleServer,
  openPopup,
  allowOrigin,
}) => {
  const page = await extension.context.newPage();
  await page.goto(consoleServer.url('/pages/capture-forge.html'));
  await allowOrigin(page);
  const before = await localStorageOf(extension);
  await page.reload();

  const popup = await openPopup(page);
  await openSection(popup, 'Errors and logs');
  const errors = popup.getByRole('list', { name: 'Captured errors' });
  await expect(errors).toContainText('Real error after forgeries');
  // The forged entry is shown as text: no element was made from it, its secret is redacted.
  await expect(errors).toContainText('<img src=x onerror="window.__forged=1">Forged error');
  await expect(errors).toContainText('Bearer [redacted:credential]');
  await expect(errors.locator('img')).toHaveCount(0);
  expect(await popup.evaluate(() => (window as { __forged?: number }).__forged)).toBeUndefined();
  // Shapes that are not the hook's are dropped.
  await expect(errors).not.toContainText('unknown kind');
  await expect(errors).not.toContainText('allowOrigin');

  expect(await localStorageOf(extension)).toEqual(before);
  const origins = (await localStorageOf(extension)).allowedOrigins;
  expect(origins).toEqual([consoleServer.origin]);
});

test('an OpenShift console yields its cluster and versions; other consoles their facts', async ({
  extension,
  consoleServer,
  openPopup,
}) => {
  // Five popups, each showing its region once the composer's code and draft are ready.
  test.slow();
  const cases: Array<[string, string[]]> = [
    [
      'openshift-console.html',
      [
        'OpenShift Container Platform',
        'Cluster version4.16.3',
        'Console versionv6.0.0-openshift-4.16.3',
        'Clusterprod-east.example.com',
        'API serverhttps://api.prod-east.example.com:6443',
      ],
    ],
    ['grafana.html', ['Grafana version11.2.0', 'EditionEnterprise']],
    ['argocd.html', ['Argo CD versionv2.12.3+6b9cd82']],
    ['kubernetes-dashboard.html', ['Dashboard versionv2.7.0', 'Clusterdev-cluster']],
    ['rancher.html', ['Rancher versionv2.9.2', 'Clusterlocal']],
  ];
  for (const [file, expected] of cases) {
    const page = await extension.context.newPage();
    await page.goto(consoleServer.url(`/pages/${file}`));
    const popup = await openPopup(page);
    const facts = popup.getByRole('definition').first().locator('xpath=ancestor::dl');
    for (const text of expected) {
      await expect(popup.getByRole('region', { name: 'Captured page' })).toContainText(text);
    }
    await expect(facts.first()).toBeVisible();
    await popup.close();
    await page.close();
  }
});

test('a tab of an origin that was not allowed: capture starts when the popup opens and says so', async ({
  extension,
  consoleServer,
  openPopup,
}) => {
  const page = await extension.context.newPage();
  // localhost is not allowed (and differs from the 127.0.0.1 origin other tests allow).
  await page.goto(
    consoleServer.url('/pages/capture-inline.html').replace('127.0.0.1', 'localhost'),
  );
  let popup = await openPopup(page);
  const region = popup.getByRole('region', { name: 'Captured page' });
  await expect(region).toContainText('Errors from before you opened this were not recorded');
  await expect(popup.getByRole('button', { name: 'Always capture on this site' })).toBeVisible();
  // The inline errors happened before: not recorded.
  await expect(popup.getByRole('list', { name: 'Captured errors' })).toHaveCount(0);
  await popup.close();

  await page.evaluate(() => {
    console.error('Error after the popup opened');
    void fetch('/api/fail/503');
  });
  popup = await openPopup(page);
  await openSection(popup, 'Errors and logs');
  await expect(popup.getByRole('list', { name: 'Captured errors' })).toContainText(
    'Error after the popup opened',
  );
  await expect(popup.getByRole('list', { name: 'Failed requests' })).toContainText('/api/fail/503');
  await expect(popup.getByRole('region', { name: 'Captured page' })).toContainText(
    'Errors from before you opened this were not recorded',
  );
});

test('a tab keeps its last events across a full navigation and an in-app route change', async ({
  consoleServer,
  openPopup,
  openAllowedPage,
}) => {
  const page = await openAllowedPage(consoleServer.url('/pages/capture-nav-a.html'));
  await page.getByRole('button', { name: 'Go to /settings in the app' }).click();
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.waitForURL(/capture-nav-b/);

  const popup = await openPopup(page);
  await openSection(popup, 'Errors and logs');
  const errors = popup.getByRole('list', { name: 'Captured errors' });
  await expect(errors).toContainText('Error on the second page');
  const first = errors.getByRole('listitem').filter({ hasText: 'Error on the first page' });
  await expect(first).toContainText(`on ${consoleServer.url('/pages/capture-nav-a.html')}`);
  const routed = errors
    .getByRole('listitem')
    .filter({ hasText: 'Error after an in-app route change' });
  await expect(routed).toContainText('capture-nav-a.html#/settings');
});

test('allowing one port of a host captures there only: another port of the same host is not hooked', async ({
  extension,
  consoleServer,
  openAllowedPage,
}) => {
  const other = await startConsoleServer();
  try {
    const allowed = await openAllowedPage(consoleServer.url('/pages/console.html'));
    const elsewhere = await extension.context.newPage();
    await elsewhere.goto(other.url('/pages/console.html'));
    // Same host, another port: the page sees whether the hook passes its errors on.
    const hooked = (page: Page) =>
      page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            document.addEventListener('support-capture:e', () => resolve(true), { once: true });
            console.error('Port probe');
            setTimeout(() => resolve(false), 500);
          }),
      );
    expect(new URL(allowed.url()).hostname).toBe(new URL(elsewhere.url()).hostname);
    expect(await hooked(allowed)).toBe(true);
    expect(await hooked(elsewhere)).toBe(false);
  } finally {
    await other.close();
  }
});
