/**
 * Chromium with no DevTools client: started on its own, pages opened through its HTTP
 * endpoint (which attaches no DevTools session to them). Pages measure themselves and report
 * to the bench's loopback server. Used by the console benchmarks.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { QUIET_NETWORK } from '../support/browser.ts';
import { findChromium } from '../support/find-browser.ts';

/** The body of a page's report. */
export const requestBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => resolve(text));
  });

/** `promise`, or a rejection after `ms`; the timer is cleared so it keeps nothing waiting. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The port Chromium chose for --remote-debugging-port=0, from its profile folder. */
async function debuggingPort(userDataDir: string): Promise<number> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const text = await readFile(join(userDataDir, 'DevToolsActivePort'), 'utf8').catch(() => '');
    const port = Number(text.split('\n')[0]);
    if (port > 0) return port;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Chromium did not open its debugging port.');
}

/**
 * Starts headless Chromium with `userDataDir` (and the extension in `extensionDir`, if given)
 * and opens `url` in a new tab. Close with `stop()`.
 */
export async function openWithoutDevTools(
  userDataDir: string,
  url: string,
  extensionDir?: string,
): Promise<{ stop(): void }> {
  const chromium: ChildProcess = spawn(
    findChromium(),
    [
      '--headless',
      `--user-data-dir=${userDataDir}`,
      ...(extensionDir
        ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
        : []),
      '--remote-debugging-port=0',
      '--no-sandbox',
      '--disable-gpu',
      ...QUIET_NETWORK,
      'about:blank',
    ],
    // The headless browser prints console messages to its output: read and dropped.
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  chromium.stderr?.resume();
  const port = await debuggingPort(userDataDir);
  // Give an extension's worker time to start.
  if (extensionDir) await new Promise((resolve) => setTimeout(resolve, 1500));
  await fetch(`http://127.0.0.1:${port}/json/new?${url}`, { method: 'PUT' });
  return {
    stop: () => {
      if (chromium.pid !== undefined && chromium.exitCode === null) chromium.kill();
    },
  };
}
