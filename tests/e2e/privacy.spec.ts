/**
 * What leaves the machine, and where to: a token entered for one portal never reaches another,
 * and nothing is sent to the portal while the user edits a report.
 */
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import { expect, test } from './fixtures';

let portalA: PortalEmulator;
let portalB: PortalEmulator;

test.beforeAll(async () => {
  portalA = await startPortalEmulator();
  portalB = await startPortalEmulator();
});
test.afterAll(async () => {
  await portalA.close();
  await portalB.close();
});
test.beforeEach(() => {
  portalA.reset();
  portalB.reset();
});

test('a token entered for portal A is never sent to portal B', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  const { customer } = portalA.data;
  await options.getByLabel('Portal URL').fill(portalA.origin);
  await options.getByRole('radio', { name: 'API token' }).check();
  await options.getByLabel('Email').fill(customer.emailAddress);
  const tokenField = options
    .getByLabel('API token', { exact: true })
    .and(options.locator('input[type=password]'));
  await tokenField.fill(customer.apiToken);
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('status')).toContainText('Saved');
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('status')).toContainText(`Connected as ${customer.displayName}`);

  // Switched to portal B with the token field left empty.
  await options.getByLabel('Portal URL').fill(portalB.origin);
  await expect(tokenField).toHaveValue('');
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('alert')).toContainText(
    `Enter an API token for ${portalB.origin}`,
  );
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('alert')).toContainText(
    `Enter an API token for ${portalB.origin}`,
  );

  const tokenOfA = Buffer.from(`${customer.emailAddress}:${customer.apiToken}`).toString('base64');
  const carryingA = portalB
    .requests()
    .filter((r) => (r.headers.authorization ?? '').includes(tokenOfA));
  expect(carryingA).toEqual([]);
  expect(portalB.requests().filter((r) => r.headers.authorization)).toEqual([]);
});
