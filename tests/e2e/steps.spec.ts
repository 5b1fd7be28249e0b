import { BreadcrumbSchema } from '../../utils/capture/breadcrumbs';
import { TabEventsSchema } from '../../utils/capture/capture';
import { draftSteps } from '../../utils/ticket/steps';
import type { ExtensionBrowser } from '../support/browser';
import { openAllowedPage, openSection, tabIdOf, waitForPageContext } from '../support/browser';
import { expect, test } from './fixtures';

type ChromeApi = {
  tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> };
  storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
};

const TYPED_NUMBER = '9876543';
const TYPED_PASSWORD = 'hunter2-Sup3rSecret';

/** Asks the page's ISOLATED script for its buffer and trail, the way the background does. */
async function pageEvents(extension: ExtensionBrowser, tabId: number) {
  const reply = await extension.serviceWorker.evaluate(async (id) => {
    const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    return api.tabs.sendMessage(id, { type: 'getPageEvents', data: {} });
  }, tabId);
  const { ok, value } = reply as { ok: boolean; value: unknown };
  expect(ok).toBe(true);
  // The same validation the background applies to this answer.
  return { raw: JSON.stringify(value), events: TabEventsSchema.parse(value) };
}

async function openAllowedConsole(extension: ExtensionBrowser, url: string) {
  const page = await openAllowedPage(extension, url);
  const tabId = await tabIdOf(extension, page);
  // Recording starts once the content script has read the settings.
  await expect
    .poll(async () => (await pageEvents(extension, tabId)).events.breadcrumbs?.[0]?.kind)
    .toBe('load');
  return { page, tabId };
}

test('routes, a labelled button and the error it caused make a draft, in that order', async ({
  extension,
  consoleServer,
}) => {
  const { page, tabId } = await openAllowedConsole(extension, consoleServer.url('/console'));
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('link', { name: 'Workloads' }).click();
  await expect(page).toHaveURL(/\/workloads$/);
  await nav.getByRole('link', { name: 'Deployments' }).click();
  await expect(page).toHaveURL(/\/deployments$/);
  await page.getByRole('button', { name: 'Scale deployment' }).click();

  await expect
    .poll(async () => JSON.stringify((await pageEvents(extension, tabId)).events.events))
    .toContain('Scaling failed: 500');
  const { events } = await pageEvents(extension, tabId);
  for (const crumb of events.breadcrumbs ?? []) {
    expect(BreadcrumbSchema.safeParse(crumb).success).toBe(true);
  }

  const draft = draftSteps(events.breadcrumbs, [...events.events, ...events.requests]);
  const text = draft.text;
  const at = (needle: string) => {
    const index = text.indexOf(needle);
    expect(index, `"${needle}" in:\n${text}`).toBeGreaterThanOrEqual(0);
    return index;
  };
  // (The page's load errors name /deployments too: match the route steps themselves.)
  expect(at('went to /workloads')).toBeLessThan(at('went to /deployments'));
  expect(at('went to /deployments')).toBeLessThan(at('Clicked button "Scale deployment"'));
  expect(at('Clicked button "Scale deployment"')).toBeLessThan(at('Scaling failed: 500'));
  console.log(`Drafted steps:\n${text}`);
  expect(draft.endsAtError).toBe(true);
  expect(draft.steps.at(-1)?.text).toContain('Scaling failed: 500');
  // A time only where it helps (the first step, a long pause), not on every line.
  expect(text).toMatch(/Clicked link "Workloads" and went to \/workloads/);
  expect(text.match(/before the (first )?error/g)?.length ?? 0).toBeLessThanOrEqual(1);
});

test('text typed into fields, a password included, is never recorded, drafted or forwarded', async ({
  extension,
  consoleServer,
  openPopup,
}) => {
  const { page, tabId } = await openAllowedConsole(extension, consoleServer.url('/console'));
  const replicas = page.getByRole('spinbutton', { name: 'Replicas' });
  await replicas.click();
  await replicas.fill(TYPED_NUMBER);
  await replicas.press('Enter');
  const password = page.getByLabel('Password');
  await password.click();
  await password.pressSequentially(TYPED_PASSWORD);
  await password.press('Enter');
  await password.press('Escape');
  await page.getByRole('button', { name: 'Scale deployment' }).click();
  await expect
    .poll(async () => (await pageEvents(extension, tabId)).raw)
    .toContain('Scaling failed: 500');

  const { raw, events } = await pageEvents(extension, tabId);
  const draft = draftSteps(events.breadcrumbs, [...events.events, ...events.requests]);
  // The fields are named, their content is not.
  expect(draft.text).toContain('text field "Replicas"');
  expect(draft.text).toContain('Pressed Enter in password field "Password"');
  expect(draft.text).toContain('Pressed Escape in password field "Password"');

  // What the background keeps for the tab across navigations.
  const session = await extension.serviceWorker.evaluate(() =>
    (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.session.get(null),
  );
  // What the popup shows (and would send).
  const popup = await openPopup(page);
  await openSection(popup, 'Errors and logs');
  await expect(popup.getByRole('list', { name: 'Captured errors' })).toContainText(
    'Scaling failed: 500',
  );
  const popupText = (await popup.locator('body').textContent()) ?? '';
  const popupValues = await popup.evaluate(() =>
    [...document.querySelectorAll('input, textarea')]
      .map((field) => (field as HTMLInputElement).value)
      .join('\n'),
  );

  for (const [where, content] of [
    ['trail', raw],
    ['draft', draft.text],
    ['background', JSON.stringify(session)],
    ['popup', `${popupText}\n${popupValues}`],
  ] as const) {
    for (const typed of [TYPED_NUMBER, TYPED_PASSWORD, 'hunter2']) {
      expect(content, `${where} must not contain "${typed}"`).not.toContain(typed);
    }
  }
});

test('no steps are recorded where the user turned recording off', async ({
  extension,
  consoleServer,
  openExtensionPage,
}) => {
  const { page, tabId } = await openAllowedConsole(extension, consoleServer.url('/console'));
  const options = await openExtensionPage('options.html');
  const toggle = options.getByRole('checkbox', {
    name: `Record steps on ${consoleServer.origin}`,
  });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await expect(toggle).not.toBeChecked();

  await expect
    .poll(async () => (await pageEvents(extension, tabId)).events.breadcrumbs?.length)
    .toBe(0);
  await page.bringToFront();
  await page.getByRole('button', { name: 'Scale deployment' }).click();
  await expect
    .poll(async () => (await pageEvents(extension, tabId)).raw)
    .toContain('Scaling failed: 500');
  expect((await pageEvents(extension, tabId)).events.breadcrumbs).toEqual([]);

  // A reload keeps it off (the capture script is injected after the load: wait for it).
  await page.reload();
  await waitForPageContext(extension, page);
  await page.getByRole('button', { name: 'Scale deployment' }).click();
  await expect
    .poll(async () => (await pageEvents(extension, tabId)).raw)
    .toContain('Scaling failed: 500');
  expect((await pageEvents(extension, tabId)).events.breadcrumbs).toEqual([]);
});

test('a click right after the page loaded, before the recorder started, is in the trail', async ({
  extension,
  consoleServer,
}) => {
  const { page, tabId } = await openAllowedConsole(extension, consoleServer.url('/console'));
  // The page-context script is injected after the load event; the early collector keeps what
  // the user does until then and the recorder replays it.
  await page.reload({ waitUntil: 'load' });
  await page.getByRole('button', { name: 'Scale deployment' }).click();
  await expect
    .poll(async () => {
      try {
        return JSON.stringify((await pageEvents(extension, tabId)).events.breadcrumbs ?? []);
      } catch {
        return '';
      }
    })
    .toContain('Scale deployment');
});
