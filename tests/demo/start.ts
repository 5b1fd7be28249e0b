/**
 * `npm start`: builds the extension, serves the demo web console and the local portal
 * emulator on loopback, and opens Chromium with the extension connected to the emulator.
 * With no display (or --headless) it goes all the way on its own: captures the demo console,
 * files the request into the emulator, prints the issue key, the fields and attachments as the
 * emulator received them, and saves screenshots of the popup.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectExtensionToEmulator } from '../emulator/connect.ts';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import {
  allowOriginFromPopup,
  type ExtensionBrowser,
  launchExtensionBrowser,
  OUTPUT_DIR,
  openPopupFor,
  openSection,
  ROOT,
  reloadUntilCaptured,
  setExtensionStorage,
} from '../support/browser.ts';
import { startConsoleServer } from '../support/console-server.ts';
import { BrowserNotFoundError, findChromium } from '../support/find-browser.ts';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const FIRST_ERROR = 'Failed to load cluster operators: 503 Service Unavailable';
const shotDir = join(OUTPUT_DIR, 'demo');

function build(): void {
  console.log('Building the extension (e2e variant: loopback access granted up front)…');
  execFileSync(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function screenshot(popup: Page, name: string): Promise<string> {
  const path = join(shotDir, name);
  await popup.screenshot({ path, fullPage: true });
  return path;
}

/** What a user does: allow the console, reload it, reproduce the problem, open the popup. */
async function captureDemoConsole(extension: ExtensionBrowser, consoleUrl: string) {
  const page = await extension.context.newPage();
  await page.goto(consoleUrl);
  await allowOriginFromPopup(extension, page);
  await reloadUntilCaptured(extension, page, FIRST_ERROR);
  await page.getByRole('link', { name: 'Deployments' }).click();
  await page.getByRole('button', { name: 'Scale deployment' }).click();
  const popup = await openPopupFor(extension, page);
  await popup.setViewportSize({ width: 520, height: 900 });
  return popup;
}

/** Fills what only the user knows, looks at the preview, and sends. */
async function fileRequest(popup: Page): Promise<string> {
  await popup.getByLabel('Summary', { exact: true }).waitFor();
  // The portal's form is loaded: its section shows how the capture fills the fields.
  await openSection(popup, 'Portal fields');
  await popup.getByRole('table', { name: "How the request fills the portal's fields" }).waitFor();
  await popup
    .getByLabel('Impact', { exact: true })
    .fill('The payments team cannot scale deployments in the staging cluster.');
  await popup
    .getByLabel('Recent configuration changes', { exact: true })
    .fill('Upgraded the cluster to 4.16.3 yesterday.');
  await popup.getByRole('radio', { name: /^P2/ }).check();
  console.log(`Screenshot of the composer: ${await screenshot(popup, 'popup.png')}`);
  await popup.getByRole('button', { name: 'Submit request' }).click();
  await popup.getByRole('region', { name: 'What will be sent' }).waitFor();
  console.log(`Screenshot of the preview: ${await screenshot(popup, 'preview.png')}`);
  await popup.getByRole('button', { name: 'Send request' }).click();
  const filed = popup.getByRole('region', { name: 'Request filed' });
  await filed.getByText(/Filed as [A-Z]+-\d+/).waitFor({ timeout: 30_000 });
  console.log(`Screenshot after delivery: ${await screenshot(popup, 'delivered.png')}`);
  return (await filed.textContent()) ?? '';
}

function printReceived(portal: PortalEmulator): void {
  const request = portal.state().requests.at(-1);
  if (!request) throw new Error('The emulator holds no request.');
  console.log(`\nFiled as ${request.issueKey}. The portal received these fields:`);
  for (const [field, value] of Object.entries(request.fieldValues)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const indented = text.includes('\n') ? `\n    ${text.replaceAll('\n', '\n    ')}` : ` ${text}`;
    console.log(`  ${field}:${indented}`);
  }
  console.log('Attachments:');
  for (const file of request.attachments) {
    console.log(`  - ${file.filename} (${file.mimeType}, ${file.size} bytes)`);
  }
  if (request.attachments.length === 0) console.log('  (none)');
}

async function main(): Promise<void> {
  // Before the build: a machine without a browser learns what to install at once.
  console.log(`Browser: ${findChromium()}`);
  build();
  mkdirSync(shotDir, { recursive: true });
  const server = await startConsoleServer(Number(process.env.DEMO_PORT ?? 0));
  const portal = await startPortalEmulator({ port: Number(process.env.PORTAL_PORT ?? 0) });
  const extension = await launchExtensionBrowser({ headless });
  const stop = async () => {
    await extension.close().catch(() => {});
    await server.close();
    await portal.close();
  };
  await connectExtensionToEmulator(extension, portal);
  // The user's own rule: this console is the staging cluster of the OpenShift product.
  await setExtensionStorage(extension, {
    environmentRules: [
      { id: 'demo', pattern: '127.0.0.1', environment: 'Staging', product: 'OpenShift' },
    ],
  });
  const consoleUrl = server.url('/console');
  console.log(`Demo console: ${consoleUrl}`);
  console.log(
    `Portal emulator: ${portal.origin} (signed in as ${portal.data.customer.displayName})`,
  );

  const popup = await captureDemoConsole(extension, consoleUrl);
  if (!headless) {
    console.log('\nThe popup is open on the demo console; press Ctrl+C to stop.');
    process.on('SIGINT', () => void stop().then(() => process.exit(0)));
    extension.context.on('close', () => void stop().then(() => process.exit(0)));
    return;
  }
  const errors = popup.getByRole('group', { name: 'Errors and failed requests' });
  await errors.getByRole('checkbox').first().waitFor();
  console.log('\nCaptured errors and failed requests:');
  for (const label of await errors
    .getByRole('checkbox')
    .evaluateAll((boxes) => boxes.map((box) => box.closest('label')?.textContent?.trim() ?? ''))) {
    console.log(`  - ${label.replace(/\s+/g, ' ')}`);
  }
  await fileRequest(popup);
  printReceived(portal);
  await stop();
}

main().catch((error: unknown) => {
  if (error instanceof BrowserNotFoundError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
