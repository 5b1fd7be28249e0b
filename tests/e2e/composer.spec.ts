/**
 * The ticket composer end to end: the popup on the demo console page, pre-filled from the
 * capture and an environment rule, filed through the outbox into the local portal emulator;
 * assertions are on what the emulator received.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { connectExtensionToEmulator } from '../emulator/connect.ts';
import { loadDemoData } from '../emulator/data.ts';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import {
  type ExtensionApi,
  openSection,
  reloadUntilCaptured,
  setExtensionStorage,
} from '../support/browser.ts';
import { test as base, expect } from './fixtures';

const FIRST_ERROR = 'Failed to load cluster operators: 503 Service Unavailable';
const SEVERITY = 'customfield_10050';
const ENVIRONMENT = 'customfield_10051';
const PRODUCT = 'customfield_10052';
/** Option ids of the demo data ("P2 - High", "Staging", "OpenShift"). */
const P2 = '10101';
const STAGING = '10111';
const OPENSHIFT = '10120';
const SECTIONS = [
  'Environment',
  'Product or service',
  'Errors and logs',
  'Steps to reproduce',
  'Impact',
  'Recent configuration changes',
  'Technical context',
];
/** An open request of the customer's that matches the demo page's first error. */
const TWIN_SUMMARY = `Operators page: ${FIRST_ERROR}`;

let emulator: PortalEmulator;

interface ComposerFixtures {
  /**
   * The demo console captured from page load, a rule for 127.0.0.1, and the popup on it;
   * connected to the emulator unless `connect` is false.
   */
  openComposer: (options?: { connect?: boolean }) => Promise<{ page: Page; popup: Page }>;
}

const test = base.extend<ComposerFixtures>({
  openComposer: async ({ extension, consoleServer, allowOrigin, openPopup }, use) => {
    await use(async ({ connect = true } = {}) => {
      if (connect) await connectExtensionToEmulator(extension, emulator);
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
      await expect(popup.getByLabel('Summary', { exact: true })).toHaveValue(FIRST_ERROR);
      return { page, popup };
    });
  },
});

test.beforeAll(async () => {
  const data = loadDemoData();
  data.requests.push({
    serviceDeskId: '1',
    requestTypeId: '10',
    summary: TWIN_SUMMARY,
    description: 'Capture reference: SC-DEMO0002. The operators list is empty since this morning.',
    fieldValues: { [SEVERITY]: { id: '10102' } },
    status: 'Waiting for support',
    statusCategory: 'NEW',
    participants: [],
  });
  emulator = await startPortalEmulator({ data });
});
test.afterAll(async () => {
  await emulator.close();
});
test.beforeEach(() => {
  emulator.reset();
});

/**
 * The requests the emulator holds that the test filed (the seeded ones excluded): the
 * summary as typed, then the capture reference.
 */
function filed(summary: string) {
  return emulator
    .state()
    .requests.filter((r) =>
      new RegExp(`^${escapeRegExp(summary)} \\[SC-[0-9A-Z]{6}\\]$`).test(
        String(r.fieldValues.summary),
      ),
    );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function waitForFormReady(popup: Page) {
  // The request type's fields are loaded: the mapping table (portal section) shows them.
  await openSection(popup, 'Portal fields');
  await expect(
    popup.getByRole('table', { name: "How the request fills the portal's fields" }),
  ).toBeVisible();
}

test('1: the popup opens pre-filled from the capture, a rule and a screenshot', async ({
  openComposer,
}) => {
  // Axe runs twice on a full composer: slow on shared cores.
  test.slow();
  const { popup } = await openComposer();
  await expect(popup.getByLabel('Environment', { exact: true })).toHaveValue('Staging');
  await expect(popup.getByLabel('Product or service', { exact: true })).toHaveValue('OpenShift');
  await openSection(popup, 'Errors and logs');
  const errors = popup.getByRole('group', { name: 'Errors and failed requests' });
  await expect(errors.getByRole('checkbox', { name: new RegExp(FIRST_ERROR) })).toBeChecked();
  await expect(
    errors.getByRole('checkbox', { name: /Cannot read properties of undefined/ }),
  ).toBeChecked();
  await expect(
    errors.getByRole('checkbox', { name: /Failed request: .*missing-logo/ }),
  ).toBeVisible();
  const steps = popup.getByLabel('Steps to reproduce', { exact: true });
  // In the order they happened: the page the user was on comes before the error it showed.
  await expect(steps).toHaveValue(/^1\. /);
  const stepsText = await steps.inputValue();
  const onPage = stepsText.search(/(?:Opened|Reloaded|Went to|Open) \S*\/console/);
  expect(onPage).toBeGreaterThanOrEqual(0);
  expect(stepsText.indexOf('Cannot read properties')).toBeGreaterThan(onPage);
  await expect(popup.getByRole('radiogroup', { name: 'Severity' })).toBeVisible();
  await openSection(popup, 'Portal fields');
  await expect(popup.getByRole('combobox', { name: 'Request type' })).toHaveValue('10');
  await openSection(popup, 'Screenshots and files');
  await expect(
    popup.getByRole('list', { name: 'Screenshots and files' }).getByRole('listitem'),
  ).toHaveCount(1);
  await expect(
    popup.getByRole('list', { name: 'Screenshots and files' }).getByRole('img'),
  ).toBeVisible();
  await waitForFormReady(popup);
  await expect(popup.getByRole('region', { name: 'Still missing' })).toContainText('Impact');

  // Every control of the filled composer has a label, in light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page: popup }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, colorScheme).toEqual([]);
  }
});

test('2: submitting files the request with the summary, description, severity and mapped fields', async ({
  openComposer,
  extension,
  consoleServer,
}) => {
  const consoleUrl = consoleServer.url('/console');
  const { popup } = await openComposer();
  await waitForFormReady(popup);
  await popup
    .getByLabel('Impact', { exact: true })
    .fill('The payments team cannot scale deployments.');
  await popup
    .getByLabel('Recent configuration changes', { exact: true })
    .fill('Upgraded to 4.16.3 yesterday.');
  await popup.getByRole('radio', { name: /^P2/ }).check();
  await popup.getByRole('button', { name: 'Submit request' }).click();

  // The preview: what will be sent, the screenshot with its size, the redactions.
  const preview = popup.getByRole('region', { name: 'What will be sent' });
  await expect(preview).toBeVisible();
  await expect(preview.getByRole('list', { name: 'Attachments' })).toContainText(
    /\.(png|jpe?g|webp) \(\d/,
  );
  await expect(preview).toContainText('redacted');
  expect(filed(FIRST_ERROR)).toHaveLength(0);
  await popup.getByRole('button', { name: 'Send request' }).click();

  await expect(popup.getByRole('region', { name: 'Request filed' })).toContainText(
    /Filed as [A-Z]+-\d+/,
    {
      timeout: 20_000,
    },
  );
  const [request] = filed(FIRST_ERROR);
  expect(request).toBeDefined();
  const values = request?.fieldValues ?? {};
  expect(values.summary).toMatch(new RegExp(`^${escapeRegExp(FIRST_ERROR)} \\[SC-[0-9A-Z]{6}\\]$`));
  const description = String(values.description);
  for (const section of SECTIONS) expect(description).toContain(`h3. ${section}`);
  expect(description).toContain(`Page URL: ${consoleUrl}`);
  expect(description).toContain('The payments team cannot scale deployments.');
  expect(values[SEVERITY]).toEqual({ id: P2 });
  expect(values[ENVIRONMENT]).toEqual({ id: STAGING });
  expect(values[PRODUCT]).toEqual({ id: OPENSHIFT });
  expect(request?.attachments).toHaveLength(1);

  // Delivered: the background removed the draft (it had been saved, the user edited it).
  await expect
    .poll(() =>
      extension.serviceWorker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
        const { composerDrafts } = await api.storage.local.get('composerDrafts');
        return Object.keys((composerDrafts as object | undefined) ?? {}).length;
      }),
    )
    .toBe(0);
});

test('3: a required portal field left empty blocks submit with a message at that field', async ({
  openComposer,
}) => {
  const { popup } = await openComposer();
  await waitForFormReady(popup);
  // No severity chosen: the portal's required "Severity" field stays empty.
  await popup.getByRole('button', { name: 'Submit request' }).click();
  const field = popup.getByRole('combobox', { name: 'Severity', exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeFocused();
  await expect(field).toHaveAccessibleDescription(/"Severity" is required: choose an option\./);
  await expect(popup.getByRole('alert').filter({ hasText: 'needs attention' })).toBeVisible();
  await expect(popup.getByRole('region', { name: 'What will be sent' })).toHaveCount(0);
  expect(filed(FIRST_ERROR)).toHaveLength(0);

  // Choosing it in the portal's own field unblocks the request.
  await field.selectOption({ label: 'P3 - Medium' });
  await popup.getByRole('button', { name: 'Submit request' }).click();
  await expect(popup.getByRole('region', { name: 'What will be sent' })).toBeVisible();
});

test('4: severity maps onto a Highest..Lowest priority field', async ({
  openComposer,
  extension,
}) => {
  const { popup } = await openComposer();
  await waitForFormReady(popup);
  await popup
    .getByRole('combobox', { name: 'Request type' })
    .selectOption({ label: 'Request a change' });
  const priorityRow = popup.getByRole('row', { name: /Priority/ });
  await expect(priorityRow).toBeVisible();
  await popup.getByRole('radio', { name: /^P2/ }).check();
  await expect(priorityRow).toContainText('High');
  await popup.getByRole('button', { name: 'Submit request' }).click();
  await popup.getByRole('button', { name: 'Send request' }).click();
  await expect(popup.getByRole('region', { name: 'Request filed' })).toBeVisible({
    timeout: 20_000,
  });
  const [request] = filed(FIRST_ERROR);
  expect(request?.requestTypeId).toBe('12');
  // Highest=1, High=2, Medium=3, Low=4, Lowest=5: P2 is "High".
  expect(request?.fieldValues.priority).toEqual({ id: '2' });

  // The choice is remembered for the next report.
  const stored = await extension.serviceWorker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
    return (await api.storage.local.get('composerChoice')).composerChoice;
  });
  expect(stored).toEqual({ serviceDeskId: '1', requestTypeId: '12' });
});

test('5: a draft closed mid-edit comes back intact; "Discard draft" clears it', async ({
  openComposer,
  openPopup,
}) => {
  const { page, popup } = await openComposer();
  // The error is trimmed first: the later edits' saves carry it too.
  await openSection(popup, 'Errors and logs');
  await popup
    .getByRole('group', { name: 'Errors and failed requests' })
    .getByRole('checkbox', { name: /Cannot read properties of undefined/ })
    .uncheck();
  await popup.getByLabel('Summary', { exact: true }).fill('Operators list fails to load');
  await popup.getByLabel('Impact', { exact: true }).fill('Nobody can see the operators.');
  await popup.getByRole('radio', { name: /^P3/ }).check();
  await expect(popup.getByText('Draft saved on this computer.')).toBeVisible();
  await popup.close();

  const again = await openPopup(page);
  await expect(again.getByText('Your draft from before is back')).toBeVisible();
  await expect(again.getByLabel('Summary', { exact: true })).toHaveValue(
    'Operators list fails to load',
  );
  await expect(again.getByLabel('Impact', { exact: true })).toHaveValue(
    'Nobody can see the operators.',
  );
  await expect(again.getByRole('radio', { name: /^P3/ })).toBeChecked();
  await openSection(again, 'Errors and logs');
  await expect(
    again
      .getByRole('group', { name: 'Errors and failed requests' })
      .getByRole('checkbox', { name: /Cannot read properties of undefined/ }),
  ).not.toBeChecked();

  await again.getByRole('button', { name: 'Discard draft' }).click();
  await expect(again.getByLabel('Summary', { exact: true })).toHaveValue(FIRST_ERROR);
  await expect(again.getByLabel('Impact', { exact: true })).toHaveValue('');
});

test('not connected: the popup says so, links to the options, and still keeps the draft', async ({
  openComposer,
}) => {
  const { popup } = await openComposer({ connect: false });
  await expect(popup.getByText('Not connected to a portal yet')).toBeVisible();
  await expect(
    popup.getByRole('link', { name: "connect the vendor's portal in the options" }),
  ).toHaveAttribute('href', /options\.html$/);
  await popup.getByLabel('Impact', { exact: true }).fill('Offline impact');
  await expect(popup.getByText('Draft saved on this computer.')).toBeVisible();
  await popup.getByRole('button', { name: 'Submit request' }).click();
  await expect(popup.getByRole('region', { name: 'What will be sent' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Send request' })).toHaveCount(0);
  const download = popup.waitForEvent('download');
  await popup.getByRole('button', { name: 'Download report' }).click();
  expect((await download).suggestedFilename()).toMatch(/^support-report-SC-[0-9A-Z]{6}\.html$/);
});

test('nothing reaches the portal while the user edits, until "Find similar requests" or Submit', async ({
  openComposer,
}) => {
  const { popup } = await openComposer();
  await waitForFormReady(popup);
  const before = emulator.requests().length;
  await popup.getByLabel('Summary', { exact: true }).fill('Operators list is empty after upgrade');
  await popup.getByLabel('Impact', { exact: true }).fill('Nobody can scale deployments.');
  await popup.getByRole('radio', { name: /^P2/ }).check();
  // Longer than any debounce the form had.
  await popup.waitForTimeout(2_500);
  expect(
    emulator
      .requests()
      .slice(before)
      .map((r) => `${r.method} ${r.path}`),
  ).toEqual([]);

  const offers = popup.getByRole('region', { name: 'Already reported or answered?' });
  await offers.getByRole('button', { name: 'Find similar requests' }).click();
  await expect
    .poll(() =>
      emulator
        .requests()
        .slice(before)
        .map((r) => r.route),
    )
    .toContain('request.list');
  const searched = emulator.requests().slice(before);
  expect(searched.every((r) => r.method === 'GET')).toBe(true);
});

test('7: a matching open request is offered, and the report is added to it instead', async ({
  openComposer,
}) => {
  const { popup } = await openComposer();
  const twin = emulator.state().requests.find((r) => r.fieldValues.summary === TWIN_SUMMARY);
  expect(twin).toBeDefined();
  const offers = popup.getByRole('region', { name: 'Already reported or answered?' });
  await offers.getByRole('button', { name: 'Find similar requests' }).click();
  await expect(offers).toContainText(twin?.issueKey ?? '?');
  await expect(offers.getByRole('link', { name: twin?.issueKey ?? '?' })).toHaveAttribute(
    'href',
    new RegExp(`/${twin?.issueKey}$`),
  );
  // The knowledge base's article on 503s in the console.
  await expect(offers.getByRole('link', { name: /503 Service Unavailable/ })).toBeVisible();

  await offers
    .getByRole('button', { name: `Add to this request instead: ${twin?.issueKey}` })
    .click();
  const preview = popup.getByRole('region', { name: 'What will be sent' });
  await expect(preview).toContainText(`A comment on ${twin?.issueKey}`);
  await expect(
    preview.getByRole('list', { name: 'Attachments' }).getByRole('listitem'),
  ).toHaveCount(1);
  await popup.getByRole('button', { name: 'Send request' }).click();
  await expect(
    popup.getByRole('status').filter({ hasText: `Added to ${twin?.issueKey}` }),
  ).toContainText('with 1 attachment');

  const after = emulator.state().requests.find((r) => r.issueKey === twin?.issueKey);
  expect(after?.attachments).toHaveLength(1);
  const comment = after?.comments.at(-1)?.body ?? '';
  expect(comment).toContain('Another occurrence');
  expect(comment).toContain('h3. Errors and logs');
  expect(comment).toContain(FIRST_ERROR);
  expect(comment).toContain(`[^${after?.attachments[0]?.filename}]`);
  // No new request was filed.
  expect(filed(FIRST_ERROR)).toHaveLength(0);
});
