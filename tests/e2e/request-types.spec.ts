/**
 * Request types as they are in the wild, end to end against the portal emulator: no
 * description, a required cascading select, a required attachment field, a hidden field with
 * a preset; a create refused for a named field; the preview listing every value sent.
 */
import type { Page } from '@playwright/test';
import { connectExtensionToEmulator } from '../emulator/connect.ts';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import { openSection, reloadUntilCaptured } from '../support/browser.ts';
import { test as base, expect } from './fixtures';

const FIRST_ERROR = 'Failed to load cluster operators: 503 Service Unavailable';
const STEPS = 'customfield_10060';
const REGION = 'customfield_10061';
const CLUSTER_ID = 'customfield_10062';
const CHANNEL = 'customfield_10063';
/** "Europe" and its child "Paris" in the demo data. */
const EUROPE = '10300';
const PARIS = '10302';
const REFERENCE = /\[SC-[0-9A-Z]{6}\]$/;

let emulator: PortalEmulator;

const test = base.extend<{ openClusterForm: () => Promise<Page> }>({
  openClusterForm: async ({ extension, consoleServer, allowOrigin, openPopup }, use) => {
    await use(async () => {
      await connectExtensionToEmulator(extension, emulator);
      const page = await extension.context.newPage();
      await page.goto(consoleServer.url('/console'));
      await allowOrigin(page);
      await reloadUntilCaptured(extension, page, FIRST_ERROR);
      const popup = await openPopup(page);
      await expect(popup.getByLabel('Summary', { exact: true })).toHaveValue(FIRST_ERROR);
      // The request type and its fields sit in the composer's portal section.
      await openSection(popup, 'Portal fields');
      await popup
        .getByRole('combobox', { name: 'Request type' })
        .selectOption({ label: 'Report a cluster problem' });
      // The form says where the report's text goes: this type has no description.
      await expect(popup.getByText(/go into “Steps to reproduce”/)).toBeVisible();
      return popup;
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

function createCalls() {
  return emulator.requests().filter((r) => r.route === 'request.create');
}

async function chooseRegion(popup: Page) {
  await popup.getByRole('combobox', { name: 'Region', exact: true }).selectOption('Europe');
  await popup
    .getByRole('combobox', { name: 'Region, second level' })
    .selectOption({ label: 'Paris' });
}

async function screenshotTicked(popup: Page) {
  const files = popup.getByRole('group', { name: /Attachment/ });
  await expect(files.getByRole('checkbox').first()).toBeChecked({ timeout: 15_000 });
}

test('1 and 4: no description, a cascade, files at create, a hidden preset; the preview lists every value', async ({
  openClusterForm,
}) => {
  const popup = await openClusterForm();
  await chooseRegion(popup);
  await screenshotTicked(popup);
  await popup.getByRole('button', { name: 'Submit request' }).click();

  // 4: the preview lists every field value that will be sent, by the field's name.
  const preview = popup.getByRole('region', { name: 'What will be sent' });
  await expect(preview).toBeVisible();
  const sent = preview.getByRole('definition');
  const names = await preview.getByRole('term').allTextContents();
  expect(names).toEqual(['Summary', 'Steps to reproduce', 'Region', 'Attachment']);
  await expect(sent.nth(0)).toHaveText(REFERENCE);
  await expect(preview.getByRole('textbox', { name: 'Steps to reproduce' })).toHaveValue(
    /h3\. Errors and logs[\s\S]*Capture reference: SC-/,
  );
  await expect(sent.nth(2)).toHaveText('Europe › Paris');
  await expect(sent.nth(3)).toHaveText(/\.(png|jpe?g|webp)$/);
  await expect(preview).not.toContainText('Channel');

  await popup.getByRole('button', { name: 'Send request' }).click();
  await expect(popup.getByRole('region', { name: 'Request filed' })).toBeVisible({
    timeout: 20_000,
  });

  // 1: what the portal received.
  const [create] = createCalls();
  const body = create?.body as { requestFieldValues: Record<string, unknown> };
  const values = body.requestFieldValues;
  expect(String(values.summary)).toMatch(new RegExp(`^${FIRST_ERROR}`));
  expect(String(values.summary)).toMatch(REFERENCE);
  expect(values.description).toBeUndefined();
  expect(String(values[STEPS])).toContain('h3. Errors and logs');
  expect(String(values[STEPS])).toMatch(/Capture reference: SC-[0-9A-Z]{6}$/);
  expect(values[REGION]).toEqual({ id: EUROPE, child: { id: PARIS } });
  expect(values.attachment).toEqual([expect.any(String)]);
  expect(values).not.toHaveProperty(CHANNEL);
  const uploadedBeforeCreate = emulator
    .requests()
    .findIndex((r) => r.route === 'attachTemporaryFile');
  expect(uploadedBeforeCreate).toBeGreaterThanOrEqual(0);
  expect(uploadedBeforeCreate).toBeLessThan(emulator.requests().indexOf(create as never));

  const request = emulator.state().requests.find((r) => r.requestTypeId === '13');
  expect(request?.attachments).toHaveLength(1);
  // The hidden field's preset applied on the portal's side.
  expect(request?.fieldValues[CHANNEL]).toEqual({ id: '10321' });
  // Nothing attached a second time after the create.
  expect(emulator.requests().filter((r) => r.route === 'request.attach')).toHaveLength(0);
});

test("3: a create refused for field 'Cluster ID' shows the portal's message at that field", async ({
  openClusterForm,
}) => {
  const popup = await openClusterForm();
  await chooseRegion(popup);
  await screenshotTicked(popup);
  // The vendor's site accepts only lower-case ids; the extension cannot know that.
  await popup.getByRole('textbox', { name: 'Cluster ID' }).fill('Cluster 1');
  await popup.getByRole('button', { name: 'Submit request' }).click();
  await popup.getByRole('button', { name: 'Send request' }).click();

  await popup.getByRole('button', { name: 'Correct the request' }).click({ timeout: 20_000 });
  // The composer opens the section holding the refused field and puts focus on it.
  const field = popup.getByRole('textbox', { name: 'Cluster ID' });
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(
    /The portal refused this field: Please provide a valid value for field 'Cluster ID'/,
  );
  expect(createCalls()).toHaveLength(1);
  const refused = createCalls()[0]?.body as { requestFieldValues: Record<string, unknown> };
  expect(refused.requestFieldValues[CLUSTER_ID]).toBe('Cluster 1');
  expect(emulator.state().requests.some((r) => r.requestTypeId === '13')).toBe(false);
});
