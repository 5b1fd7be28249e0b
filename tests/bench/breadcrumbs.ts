/**
 * What the step recorder (utils/capture/steps/recorder.ts) costs the page, in headless Chromium on
 * a loopback page: per click, per route change (history.pushState), per 1,000 added elements
 * (its dialog observer), and the size of a full trail.
 *   node tests/bench/breadcrumbs.ts
 * The recorder is bundled on its own and run in the page's world with `acceptUntrusted` so the
 * page's own `click()` calls exercise the full path (real clicks are trusted; same code path).
 * Figures are the difference between the fastest batches with and without the recorder
 * (batches interleaved; the minimum resists the noise of a busy machine).
 * `benchBreadcrumbs(page)` can be called from another benchmark with a page already open.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { build } from 'rolldown';
import { ROOT } from '../support/browser.ts';
import { findChromium } from '../support/find-browser.ts';

const ROUNDS = 10;
const CLICKS = 500;
const ROUTES = 20;
const NODES = 500;

async function bundleRecorder(): Promise<string> {
  const result = await build({
    input: join(ROOT, 'utils', 'capture', 'steps', 'recorder.ts'),
    output: { format: 'iife', name: 'SupportCaptureBreadcrumbs', minify: true },
    write: false,
    logLevel: 'silent',
  });
  return result.output[0].code;
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title></head>
<body><nav>${Array.from({ length: 10 }, (_, i) => `<button type="button" id="b${i}"><span>Action number ${i}</span></button>`).join('')}</nav>
<label>Replicas <input id="replicas" type="number" value="3"></label><main id="main"></main></body></html>`;

export interface BreadcrumbFigures {
  clickNs: number;
  routeNs: number;
  mutation1000Us: number;
  trailBytes: number;
  bundleBytes: number;
  /** Whether the page had the 5 us timer (cross-origin isolated) rather than 100 us. */
  fineTimer: boolean;
}

/** The fastest batch: on a busy machine the minimum is the best estimate of the real cost. */
const min = (values: number[]) => Math.min(...values);

/** Runs the measurements in `page` (any loopback page; its body is replaced). */
export async function benchBreadcrumbs(page: Page): Promise<BreadcrumbFigures> {
  const code = await bundleRecorder();
  await page.setContent(PAGE);
  await page.addScriptTag({ content: code });

  // One round: small batches of each action with and without the recorder, interleaved, so
  // both sides see the same machine load. Times are per batch in ms.
  const round = () =>
    page.evaluate(
      async ({ clicks, routes, nodes }) => {
        type Recorder = { snapshot(): unknown[]; stop(): void };
        const api = (
          globalThis as unknown as Record<
            string,
            { startBreadcrumbRecorder: (doc: Document, options: object) => Recorder }
          >
        ).SupportCaptureBreadcrumbs;
        const start = () => api?.startBreadcrumbRecorder(document, { acceptUntrusted: true });
        const buttons = [...document.querySelectorAll('nav button span')] as HTMLElement[];
        const main = document.getElementById('main') as HTMLElement;
        // pushState itself costs far more than the listeners: time only the listeners, from
        // one registered before the recorder's to one registered after it.
        const navigation = (globalThis as unknown as { navigation: EventTarget }).navigation;
        let routeStart = 0;
        let routeSpent = 0;
        const beforeRecorder = () => {
          routeStart = performance.now();
        };
        const afterRecorder = () => {
          routeSpent += performance.now() - routeStart;
        };
        // The page's own work per click, so the baseline is not empty.
        let hits = 0;
        document.addEventListener('click', () => {
          hits += 1;
        });
        const result = {
          click: [[], []] as number[][],
          route: [[], []] as number[][],
          mutation: [[], []] as number[][],
          trailBytes: 0,
        };
        for (let batch = 0; batch < 2; batch += 1) {
          for (const side of [0, 1]) {
            navigation.addEventListener('currententrychange', beforeRecorder);
            const recorder = side === 1 ? start() : undefined;
            navigation.addEventListener('currententrychange', afterRecorder);

            let t = performance.now();
            for (let i = 0; i < clicks; i += 1) buttons[i % buttons.length]?.click();
            result.click[side]?.push(performance.now() - t);

            routeSpent = 0;
            for (let i = 0; i < routes; i += 1)
              history.pushState({}, '', `/route/${Math.random().toString(36).slice(2)}`);
            result.route[side]?.push(routeSpent);
            navigation.removeEventListener('currententrychange', beforeRecorder);
            navigation.removeEventListener('currententrychange', afterRecorder);

            t = performance.now();
            for (let i = 0; i < nodes; i += 1) {
              const row = document.createElement('div');
              row.textContent = `row ${i}`;
              main.append(row);
            }
            // Observer callbacks run in a microtask after this task's mutations.
            await new Promise<void>((resolve) => queueMicrotask(() => queueMicrotask(resolve)));
            result.mutation[side]?.push(performance.now() - t);
            main.textContent = '';
            await new Promise<void>((resolve) => queueMicrotask(resolve));

            if (recorder) result.trailBytes = JSON.stringify(recorder.snapshot()).length;
            recorder?.stop();
          }
        }
        return { ...result, isolated: crossOriginIsolated, hits };
      },
      { clicks: CLICKS, routes: ROUTES, nodes: NODES },
    );

  await round(); // warm-up (JIT)
  const all = { click: [[], []], route: [[], []], mutation: [[], []] } as Record<
    'click' | 'route' | 'mutation',
    number[][]
  >;
  let last: Awaited<ReturnType<typeof round>> | undefined;
  for (let i = 0; i < ROUNDS; i += 1) {
    last = await round();
    for (const key of ['click', 'route', 'mutation'] as const) {
      for (const side of [0, 1]) all[key][side]?.push(...(last[key][side] ?? []));
    }
  }
  const delta = (key: 'click' | 'route' | 'mutation') =>
    min(all[key][1] ?? []) - min(all[key][0] ?? []);
  return {
    clickNs: (delta('click') * 1e6) / CLICKS,
    routeNs: (delta('route') * 1e6) / ROUTES,
    mutation1000Us: (delta('mutation') * 1e3 * 1000) / NODES,
    trailBytes: last?.trailBytes ?? 0,
    fineTimer: last?.isolated ?? false,
    bundleBytes: code.length,
  };
}

async function main() {
  const server = createServer((_req, res) => {
    // Cross-origin isolated, so performance.now() has 5 us resolution instead of 100 us.
    res.writeHead(200, {
      'content-type': 'text/html',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end('<!doctype html><title>Bench</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    // pushState is rate-limited per frame; the limit is not what we measure.
    args: ['--no-sandbox', '--disable-gpu', '--disable-ipc-flooding-protection'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const figures = await benchBreadcrumbs(page);
    const version = browser.version();
    console.log(
      `Step recorder cost (Chromium ${version}, headless, fastest of ${ROUNDS * 2} batches each way, ${figures.fineTimer ? '5 us' : '100 us'} timer)`,
    );
    console.log(`  per click (name + role + trail push):  ${figures.clickNs.toFixed(0)} ns`);
    console.log(`  per route change (its listener):        ${figures.routeNs.toFixed(0)} ns`);
    console.log(
      `  per 1,000 added elements (observer):    ${figures.mutation1000Us.toFixed(0)} us`,
    );
    console.log(`  full trail as JSON:                     ${figures.trailBytes} bytes`);
    console.log(`  recorder bundle (minified, alone):      ${figures.bundleBytes} bytes`);
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
