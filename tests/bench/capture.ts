/**
 * What always-on capture costs a page, in headless Chromium with the built e2e extension
 * (tests/support/browser.ts) on loopback pages:
 *   - the hook's own JavaScript per console.error call, over a no-op console (the real
 *     console with and without DevTools is tests/bench/console.ts);
 *   - page load time with vs without always-on capture;
 *   - 100,000 console.error calls in a tight loop: loop time, responsiveness afterwards, the
 *     ISOLATED buffer's entries and bytes, and the count the popup shows;
 *   - the MAIN-world script's minified size in the production build, against its budget
 *     (tests/bench/page-side.ts; the same figure tests/bench/sizes.ts checks).
 *   node tests/bench/capture.ts          (build first: wxt build --mode e2e, and npm run build)
 * "Without" runs on http://localhost:<port> (not allowed, no hook), "with" on
 * http://127.0.0.1:<port> (allowed). Both pay the same DevTools-protocol cost for console
 * messages (Playwright listens), so differences are the hook's. Batches are interleaved and the
 * fastest batch counts, which resists the noise of a busy machine. Figures only; no pass/fail.
 */
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'rolldown';
import {
  type ExtensionBrowser,
  launchExtensionBrowser,
  OUTPUT_DIR,
  openPopupFor,
  ROOT,
  tabIdOf,
} from '../support/browser.ts';
import { startConsoleServer } from '../support/console-server.ts';
import { MAIN_WORLD_SCRIPT, PAGE_SIDE_BUDGETS } from './page-side.ts';

const ROUNDS = 15;
const LOADS = 25;

type Chrome = {
  permissions: { request(p: { origins: string[] }): Promise<boolean> };
  tabs: { sendMessage(id: number, m: unknown): Promise<unknown> };
};

async function allow(extension: ExtensionBrowser, page: Page): Promise<void> {
  const popup = await openPopupFor(extension, page);
  await popup.getByRole('button', { name: 'Always capture on this site' }).click();
  await popup.getByText('Always-on capture is allowed').waitFor();
  await popup.close();
}

/** The hook alone, as the MAIN world runs it, for installing over a no-op console. */
async function bundleHook(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hook-bench-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { installConsoleHook } from ${JSON.stringify(join(ROOT, 'utils', 'capture', 'console-hook.ts'))};
(window as any).__installHook = installConsoleHook;`,
  );
  const result = await build({
    input: entry,
    output: { format: 'iife', minify: true },
    write: false,
    logLevel: 'silent',
  });
  return result.output[0].code;
}

/**
 * The hook's own JavaScript cost per call: the page's console.error is a no-op (so the
 * DevTools-protocol traffic Playwright causes does not drown the figure), measured bare and
 * then with the hook installed over it. Fastest of interleaved batches.
 */
async function hookOwnCost(page: Page, hook: string) {
  await page.addScriptTag({ content: hook });
  return page.evaluate(
    ({ calls, rounds }) => {
      const win = window as unknown as Window &
        typeof globalThis & { __installHook(w: unknown): void };
      const time = (distinct: boolean) => {
        const start = performance.now();
        for (let i = 0; i < calls; i += 1) console.error('Bench error', distinct ? i % 50 : 0);
        return ((performance.now() - start) * 1e6) / calls;
      };
      const noop = () => {};
      console.error = noop;
      const bare = { repeated: Number.POSITIVE_INFINITY, distinct: Number.POSITIVE_INFINITY };
      for (let r = 0; r < rounds; r += 1) {
        bare.repeated = Math.min(bare.repeated, time(false));
        bare.distinct = Math.min(bare.distinct, time(true));
      }
      win.__installHook(win);
      document.dispatchEvent(new CustomEvent('support-capture:r'));
      const hooked = { repeated: Number.POSITIVE_INFINITY, distinct: Number.POSITIVE_INFINITY };
      for (let r = 0; r < rounds; r += 1) {
        hooked.repeated = Math.min(hooked.repeated, time(false));
        hooked.distinct = Math.min(hooked.distinct, time(true));
      }
      const start = performance.now();
      for (let i = 0; i < 100_000; i += 1) console.error('Flood error', i);
      return { bare, hooked, floodMs: performance.now() - start };
    },
    { calls: 20_000, rounds: ROUNDS },
  );
}

async function loadSample(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => {
    const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return entry ? entry.loadEventEnd - entry.startTime : Number.NaN;
  });
}

/** Interleaved loads with and without capture: median and minimum of each. */
async function loadTimes(withHook: Page, withUrl: string, without: Page, withoutUrl: string) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < LOADS; i += 1) {
    a.push(await loadSample(withHook, withUrl));
    b.push(await loadSample(without, withoutUrl));
  }
  const median = (list: number[]) =>
    [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)] ?? 0;
  return {
    with: { median: median(a), min: Math.min(...a) },
    without: { median: median(b), min: Math.min(...b) },
  };
}

async function main() {
  const server = await startConsoleServer();
  const extension = await launchExtensionBrowser();
  try {
    // webRequest and registrations need the worker settled
    // (docs/platform-facts.md#webrequest-startup-race).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const allowedUrl = server.url('/pages/capture-nav-b.html');
    const otherUrl = allowedUrl.replace('127.0.0.1', 'localhost');
    const withHook = await extension.context.newPage();
    await withHook.goto(allowedUrl);
    await allow(extension, withHook);
    await withHook.reload();
    const without = await extension.context.newPage();
    await without.goto(otherUrl);

    const loads = await loadTimes(withHook, allowedUrl, without, otherUrl);
    const bare = await extension.context.newPage();
    await bare.goto(server.url('/pages/capture-nav-b.html').replace('127.0.0.1', 'localhost'));
    const own = await hookOwnCost(bare, await bundleHook());

    // 100,000 errors in a loop on an allowed page.
    const flood = await extension.context.newPage();
    await flood.goto(server.url('/pages/capture-flood.html'));
    const loopMs = await flood.evaluate(() => {
      const start = performance.now();
      for (let i = 0; i < 100_000; i += 1) console.error('Flood error', i);
      return performance.now() - start;
    });
    const frameMs = await flood.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          requestAnimationFrame(() => resolve(performance.now() - start));
        }),
    );
    const tabId = await tabIdOf(extension, flood);
    let buffer = { events: [] as { count: number }[], dropped: 0, bytes: 0 };
    for (let attempt = 0; attempt < 50; attempt += 1) {
      buffer = await extension.serviceWorker.evaluate(async (id) => {
        const api = (globalThis as unknown as { chrome: Chrome }).chrome;
        const reply = (await api.tabs.sendMessage(id, { type: 'getPageEvents', data: {} })) as {
          value: { events: { count: number }[]; dropped: number; bytes: number };
        };
        return reply.value;
      }, tabId);
      const total = buffer.events.reduce((sum, item) => sum + item.count, buffer.dropped);
      if (total >= 100_000) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const popup = await openPopupFor(extension, flood);
    const popupCount = await popup.getByTestId('event-total').textContent();

    // The shipped (production) script, as sizes.ts measures it: the e2e build adds WXT's logger.
    const hookFile = join(OUTPUT_DIR, 'chrome-mv3-production', MAIN_WORLD_SCRIPT);
    const hookBytes = existsSync(hookFile) ? statSync(hookFile).size : undefined;
    const round = (n: number) => Math.round(n);
    console.log("The hook's own cost per console.error (over a no-op console; goal <= 2000 ns):");
    console.table({
      'repeated message (ns/call)': {
        without: round(own.bare.repeated),
        with: round(own.hooked.repeated),
        extra: round(own.hooked.repeated - own.bare.repeated),
      },
      '50 distinct messages (ns/call)': {
        without: round(own.bare.distinct),
        with: round(own.hooked.distinct),
        extra: round(own.hooked.distinct - own.bare.distinct),
      },
    });
    console.log(
      `100,000 distinct console.error calls through the hook alone: ${own.floodMs.toFixed(0)} ms`,
    );
    console.log('Page load with and without always-on capture (interleaved A/B):');
    console.table({
      'page load, median of 25 interleaved (ms)': {
        without: loads.without.median.toFixed(2),
        with: loads.with.median.toFixed(2),
        extra: (loads.with.median - loads.without.median).toFixed(2),
        goal: '<= 2',
      },
      'page load, fastest of 25 (ms)': {
        without: loads.without.min.toFixed(2),
        with: loads.with.min.toFixed(2),
        extra: (loads.with.min - loads.without.min).toFixed(2),
        goal: '<= 2',
      },
    });
    console.log('100,000 console.error calls in a loop (allowed page):');
    console.table({
      'loop time (ms)': loopMs.toFixed(0),
      'next frame after the loop (ms)': frameMs.toFixed(1),
      'buffer entries': buffer.events.length,
      'buffer bytes': buffer.bytes,
      'errors counted (kept + dropped)': buffer.events.reduce(
        (s, e) => s + e.count,
        buffer.dropped,
      ),
      'popup shows': popupCount ?? '',
    });
    console.log(
      hookBytes === undefined
        ? 'MAIN-world script: no production build (run `npm run build` for its size)'
        : `MAIN-world script (production build): ${hookBytes} bytes minified (budget ${PAGE_SIDE_BUDGETS[MAIN_WORLD_SCRIPT]})`,
    );
  } finally {
    await extension.close();
    await server.close();
  }
}

await main();
