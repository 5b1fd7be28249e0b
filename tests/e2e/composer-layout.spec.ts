/**
 * The composer as a product, at the popup's own size (460 x 600): the main action stays on
 * screen in every stage, the composer stays short with its sections collapsed, each captured
 * error shows once, a P2 is filed in four actions, by keyboard alone, with no serious axe
 * finding in light or dark. With SCREENSHOTS=1 it also writes the README's screenshots
 * (docs/screenshots/*.png).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { connectExtensionToEmulator } from '../emulator/connect.ts';
import { loadDemoData } from '../emulator/data.ts';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import { ROOT, reloadUntilCaptured, setExtensionStorage } from '../support/browser.ts';
import { test as base, expect } from './fixtures';

const FIRST_ERROR = 'Failed to load cluster operators: 503 Service Unavailable';
const SECOND_ERROR = "Cannot read properties of undefined (reading 'replicas')";
const SEVERITY = 'customfield_10050';
const P2 = '10101';
const WIDTH = 460;
const HEIGHT = 600;
const SCREENS = 3;
const SHOTS = process.env.SCREENSHOTS ? join(ROOT, 'docs', 'screenshots') : undefined;

let emulator: PortalEmulator;

const test = base.extend<{ openComposer: () => Promise<Page> }>({
  openComposer: async ({ extension, consoleServer, allowOrigin, openPopup }, use) => {
    await use(async () => {
      await connectExtensionToEmulator(extension, emulator);
      await setExtensionStorage(extension, {
        environmentRules: [
          { id: 'e2e', pattern: '127.0.0.1', environment: 'Staging', product: 'OpenShift' },
        ],
      });
      const page = await extension.context.newPage();
      await page.goto(consoleServer.url('/console'));
      await allowOrigin(page);
      await reloadUntilCaptured(extension, page, FIRST_ERROR);
      const popup = await openPopup(page);
      await popup.setViewportSize({ width: WIDTH, height: HEIGHT });
      await expect(popup.getByLabel('Summary', { exact: true })).toHaveValue(FIRST_ERROR);
      // The request type's form is loaded: submitting is possible.
      await expect(popup.getByRole('button', { name: 'Submit request' })).toBeEnabled();
      await expect(popup.getByRole('img', { name: 'Screenshot of the page' })).toBeVisible();
      return popup;
    });
  },
});

test.beforeAll(async () => {
  emulator = await startPortalEmulator({ data: loadDemoData() });
});
test.afterAll(async () => {
  await emulator.close();
});
test.beforeEach(() => {
  emulator.reset();
});

function filed() {
  // The summary ends with the capture reference (` [SC-XXXXXX]`).
  return emulator
    .state()
    .requests.filter((r) => String(r.fieldValues.summary).startsWith(`${FIRST_ERROR} [SC-`));
}

/** How often `text` is on screen (rendered text; a closed section's content is not). */
async function occurrences(page: Page, text: string): Promise<number> {
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point here.
  const all = await page.locator('body').innerText();
  return all.split(text).length - 1;
}

async function openAllSections(popup: Page) {
  const closed = popup.locator('details.disclosure:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
}

async function seriousIssues(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Axe in light and dark; with SCREENSHOTS=1 also the README's pictures of this stage. */
async function checkStage(popup: Page, stage: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    expect(await seriousIssues(popup), `${stage} ${colorScheme}`).toEqual([]);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await popup.screenshot({ path: join(SHOTS, `${stage}-${colorScheme}.png`) });
    }
  }
  await popup.emulateMedia({ colorScheme: null });
}

async function expectOnScreen(button: Locator) {
  await expect(button).toBeVisible();
  await expect(button).toBeInViewport({ ratio: 1 });
}

test('1: at 460 x 600 the main action is on screen in every stage, the composer is short, each error shows once', async ({
  openComposer,
}) => {
  // Axe runs six times here, on two shared cores.
  test.setTimeout(300_000);
  const popup = await openComposer();
  const body = popup.locator('.popup-body');
  const submit = popup.getByRole('button', { name: 'Submit request' });

  // Edit: the page itself does not scroll, its body does; the footer stays.
  await expectOnScreen(submit);
  expect(await popup.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
    HEIGHT,
  );
  const collapsed = await body.evaluate((el) => el.scrollHeight);
  expect(collapsed).toBeLessThanOrEqual(SCREENS * HEIGHT);
  test
    .info()
    .annotations.push({ type: 'composer height (collapsed)', description: `${collapsed} px` });
  await body.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expectOnScreen(submit);
  await body.evaluate((el) => el.scrollTo(0, 0));
  // At a glance: counts, the environment with its rule, the portal.
  const glance = popup.getByRole('region', { name: 'Captured page' });
  await expect(glance).toContainText(/\d+ errors captured/);
  await expect(glance).toContainText(/\d+ failed requests?/);
  await expect(glance).toContainText('Staging');
  await expect(glance).toContainText(new URL(emulator.origin).host);
  await checkStage(popup, 'composer');
  // "Discard draft" is out of the way: below the decisions and sections, off the first screen.
  await expect(popup.getByRole('button', { name: 'Discard draft' })).not.toBeInViewport();

  // Every captured error is listed once, with all sections open.
  await openAllSections(popup);
  await expect(popup.getByRole('list', { name: 'Captured errors' })).toBeVisible();
  expect(await occurrences(popup, SECOND_ERROR)).toBe(1);
  // The first error is also the pre-filled summary: the portal section's mapping table shows
  // the summary field's value, the error list shows the error itself.
  const mapping = popup.getByRole('table', { name: "How the request fills the portal's fields" });
  const inMapping = ((await mapping.textContent()) ?? '').split(FIRST_ERROR).length - 1;
  expect((await occurrences(popup, FIRST_ERROR)) - inMapping).toBe(1);
  await popup.locator('details.disclosure[open] > summary').first().click();
  await body.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expectOnScreen(submit);

  // Preview.
  await popup.getByRole('radio', { name: /^P2/ }).check();
  await popup.getByLabel('Impact', { exact: true }).fill('The payments team cannot deploy.');
  await submit.click();
  const send = popup.getByRole('button', { name: 'Send request' });
  await expect(popup.getByRole('region', { name: 'What will be sent' })).toBeVisible();
  await expectOnScreen(send);
  await checkStage(popup, 'preview');

  // Delivery: "Filed as …" once, the next action on screen, no capture dump after it.
  await send.click();
  const result = popup.getByRole('region', { name: 'Request filed' });
  await expect(result).toContainText(/Filed as [A-Z]+-\d+/, { timeout: 20_000 });
  const key = filed()[0]?.issueKey ?? '?';
  await expect.poll(() => occurrences(popup, `Filed as ${key}.`)).toBe(1);
  await expectOnScreen(result);
  await expectOnScreen(popup.getByRole('button', { name: 'Start a new report' }));
  await expect(popup.getByRole('list', { name: 'Captured errors' })).toHaveCount(0);
  expect(await occurrences(popup, SECOND_ERROR)).toBe(0);
  await checkStage(popup, 'delivery');
});

test('2: golden path: a P2 is filed in at most four actions after opening the popup', async ({
  openComposer,
}) => {
  const popup = await openComposer();
  let actions = 0;
  const act = async (action: () => Promise<unknown>) => {
    actions += 1;
    await action();
  };

  await act(() => popup.getByRole('radio', { name: /^P2/ }).check());
  await act(() =>
    popup.getByLabel('Impact', { exact: true }).fill('Nobody can scale the payments service.'),
  );
  await act(() => popup.getByRole('button', { name: 'Submit request' }).click());
  await act(() => popup.getByRole('button', { name: 'Send request' }).click());

  await expect(popup.getByRole('region', { name: 'Request filed' })).toContainText(
    /Filed as [A-Z]+-\d+/,
    { timeout: 20_000 },
  );
  expect(actions).toBeLessThanOrEqual(4);
  const [request] = filed();
  expect(request?.fieldValues[SEVERITY]).toEqual({ id: P2 });
  expect(String(request?.fieldValues.description)).toContain(
    'Nobody can scale the payments service.',
  );
  expect(request?.attachments).toHaveLength(1);
});

test('3: the whole path works by keyboard', async ({ openComposer }) => {
  const popup = await openComposer();
  const focused = () =>
    popup.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return `${el?.tagName} ${el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? ''} ${(el as HTMLInputElement | null)?.value ?? ''}`;
    });
  /** Presses Tab until `matches` holds for the focused element (at most 60 times). */
  const tabTo = async (matches: (description: string) => boolean) => {
    for (let i = 0; i < 60; i++) {
      await popup.keyboard.press('Tab');
      if (matches(await focused())) return;
    }
    throw new Error(`Not reached by Tab; last: ${await focused()}`);
  };

  // Severity: the radio group is one Tab stop; the arrow key moves within it (platform radios).
  await tabTo((d) => d.startsWith('INPUT') && d.endsWith(' P1'));
  await popup.keyboard.press('ArrowDown');
  await expect(popup.getByRole('radio', { name: /^P2/ })).toBeChecked();
  await tabTo((d) => d.startsWith('TEXTAREA'));
  await expect(popup.getByLabel('Impact', { exact: true })).toBeFocused();
  await popup.keyboard.type('Deployments fail for everyone on staging.');
  // A collapsed section opens with Enter on its summary.
  await tabTo((d) => d.startsWith('SUMMARY') && d.includes('Errors and logs'));
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('list', { name: 'Captured errors' })).toBeVisible();
  await tabTo((d) => d.startsWith('BUTTON') && d.includes('Submit request'));
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('region', { name: 'What will be sent' })).toBeVisible();
  await tabTo((d) => d.startsWith('BUTTON') && d.includes('Send request'));
  await popup.keyboard.press('Space');
  await expect(popup.getByRole('region', { name: 'Request filed' })).toContainText(
    /Filed as [A-Z]+-\d+/,
    { timeout: 20_000 },
  );
  expect(filed()[0]?.fieldValues[SEVERITY]).toEqual({ id: P2 });
});

test('4: a report waiting for a busy portal says when it retries, with Retry and Cancel on screen, light and dark', async ({
  openComposer,
}) => {
  test.setTimeout(120_000);
  const popup = await openComposer();
  await popup.getByRole('radio', { name: /^P2/ }).check();
  await popup.getByLabel('Impact', { exact: true }).fill('The payments team cannot deploy.');
  emulator.setFaults([
    {
      kind: 'status',
      status: 503,
      retryAfterSeconds: 60,
      method: 'POST',
      path: '/rest/servicedeskapi/request',
    },
  ]);
  await popup.getByRole('button', { name: 'Submit request' }).click();
  await popup.getByRole('button', { name: 'Send request' }).click();
  // "in 58 s": number and unit stay together (a no-break space).
  await expect(popup.getByRole('status')).toContainText(/Trying again in \d+\u00a0s/, {
    timeout: 20_000,
  });
  // The cause is said once, in the status (not again as an error telling the user to retry).
  await expect(popup.getByRole('status')).toContainText('limiting requests');
  await expect(popup.getByRole('alert')).toHaveCount(0);
  await expectOnScreen(popup.getByRole('button', { name: 'Retry now' }));
  await expectOnScreen(popup.getByRole('button', { name: 'Cancel sending' }));
  await expect(popup.getByRole('progressbar', { name: 'Files uploaded' })).toBeVisible();
  expect(filed()).toEqual([]);
  await checkStage(popup, 'waiting');
});
