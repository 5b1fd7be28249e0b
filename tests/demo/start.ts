/**
 * `npm start`: builds the extension, serves the demo web console on loopback, and opens
 * Chromium with the extension on it. With no display (or --headless) it runs headless, prints
 * what the extension captured and saves a screenshot of the popup.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectExtensionToEmulator } from '../emulator/connect.ts';
import { startPortalEmulator } from '../emulator/server.ts';
import {
  allowOriginFromPopup,
  launchExtensionBrowser,
  OUTPUT_DIR,
  openPopupFor,
  ROOT,
  tabIdOf,
} from '../support/browser.ts';
import { startConsoleServer } from '../support/console-server.ts';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;

function build(): void {
  console.log('Building the extension (e2e variant: loopback access granted up front)…');
  execFileSync(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

interface CaptureReply {
  ok: boolean;
  value?: {
    url: string;
    title: string;
    scopeNote: string;
    events: { kind: string; message: string; count: number; source?: string }[];
  };
  error?: { message: string };
}

/** Asks the extension for the capture the popup shows, through the extension's own protocol. */
async function readCapture(popup: Page, tabId: number): Promise<CaptureReply> {
  return popup.evaluate(
    (id) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<CaptureReply> } };
        }
      ).chrome.runtime.sendMessage({ type: 'collectCapture', data: { tabId: id } }),
    tabId,
  );
}

async function main(): Promise<void> {
  build();
  const server = await startConsoleServer(Number(process.env.DEMO_PORT ?? 0));
  const extension = await launchExtensionBrowser({ headless });
  // The local JSM portal emulator, with the extension already connected to it.
  const portal = await startPortalEmulator({ port: Number(process.env.PORTAL_PORT ?? 0) });
  await connectExtensionToEmulator(extension, portal);
  console.log(
    `Portal emulator: ${portal.origin} (signed in as ${portal.data.customer.displayName})`,
  );
  const page = await extension.context.newPage();
  const consoleUrl = server.url('/console');
  await page.goto(consoleUrl);
  await allowOriginFromPopup(extension, page);
  // Reload so capture runs from page load, as it will on every later visit.
  await page.reload();
  await page.getByRole('button', { name: 'Scale deployment' }).click();

  const popup = await openPopupFor(extension, page);
  await popup.getByRole('list', { name: 'Captured errors' }).waitFor();
  const capture = await readCapture(popup, await tabIdOf(extension, page));
  if (!capture.ok || !capture.value) {
    throw new Error(`The extension did not answer: ${capture.error?.message ?? 'no reply'}`);
  }
  console.log(`\nDemo console: ${consoleUrl}`);
  console.log(`Captured page: ${capture.value.title}\n  ${capture.value.url}`);
  console.log(`  ${capture.value.scopeNote}`);
  console.log(`Captured errors (${capture.value.events.length}):`);
  for (const event of capture.value.events) {
    const count = event.count > 1 ? ` (x${event.count})` : '';
    console.log(`  - [${event.kind}]${count} ${event.message}`);
  }
  const shotDir = join(OUTPUT_DIR, 'demo');
  mkdirSync(shotDir, { recursive: true });
  const shot = join(shotDir, 'popup.png');
  await popup.setViewportSize({ width: 520, height: 720 });
  await popup.screenshot({ path: shot, fullPage: true });
  console.log(`\nScreenshot of the popup: ${shot}`);

  if (headless) {
    await extension.close();
    await server.close();
    await portal.close();
    return;
  }
  console.log('\nThe browser stays open; press Ctrl+C to stop.');
  const stop = async () => {
    await extension.close().catch(() => {});
    await server.close();
    await portal.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  extension.context.on('close', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
