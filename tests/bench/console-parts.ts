/**
 * Which part of the console hook a `console.error` pays for, with DevTools attached and
 * without a DevTools client. One page holds a same-origin frame per variant, each with its own
 * `console`, and runs their loops interleaved (round robin), so a busy machine slows all
 * variants alike:
 * - unhooked: the browser's own `console.error`;
 * - wrapper only: a Proxy that calls straight through (the hook's extra stack frame);
 * - hook, no stack: the built hook with its stack capture taken out;
 * - hook, not connected: the built hook whose entries wait for the ISOLATED world, which
 *   never says it is ready (no cross-world event);
 * - hook: the built hook, connected (one cross-world event per task).
 * The hook is the e2e build's `content-scripts/console-hook.js`, the file the extension
 * registers. Figures only; run after `wxt build --mode e2e` (`npm run bench` does).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { E2E_EXTENSION_DIR, QUIET_NETWORK } from '../support/browser.ts';
import { findChromium } from '../support/find-browser.ts';
import { openWithoutDevTools, requestBody, within } from './chromium-direct.ts';
import { loadNote } from './load-note.ts';

const CALLS = 200;
const ROUNDS = 100;
const HOOK = readFileSync(join(E2E_EXTENSION_DIR, 'content-scripts', 'console-hook.js'), 'utf8');
if (!HOOK.includes('Error().stack')) {
  throw new Error(
    'The built hook no longer takes its stack as `Error().stack`: update this bench.',
  );
}

const VARIANTS = {
  unhooked: '',
  'wrapper only':
    'console.error = new Proxy(console.error, { apply: (f, self, args) => Reflect.apply(f, self, args) });',
  'hook, no stack': `${HOOK.replaceAll('Error().stack', '""')}\n;document.dispatchEvent(new CustomEvent('support-capture:r'));`,
  'hook, not connected': HOOK,
  hook: `${HOOK}\n;document.addEventListener('support-capture:e', (e) => e.detail.length);document.dispatchEvent(new CustomEvent('support-capture:r'));`,
};
type Variant = keyof typeof VARIANTS;
type Figures = Record<Variant, { repeated: number[]; distinct: number[] }>;

/** The measuring page: a frame per variant, loops interleaved, results posted back. */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>console parts</title></head>
<body><script>
const VARIANTS = ${JSON.stringify(VARIANTS)};
addEventListener('load', () => setTimeout(async () => {
  const frames = {};
  for (const [name, source] of Object.entries(VARIANTS)) {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const script = frame.contentDocument.createElement('script');
    script.textContent = source;
    frame.contentDocument.head.append(script);
    frames[name] = frame.contentWindow;
    // The same source may define globals: each frame is its own window.
  }
  const figures = {};
  for (const name of Object.keys(VARIANTS)) figures[name] = { repeated: [], distinct: [] };
  const entries = Object.entries(frames);
  for (let round = 0; round < ${ROUNDS}; round += 1) {
    // Each round starts with the next variant: none always runs first or last.
    const order = [...entries.slice(round % entries.length), ...entries.slice(0, round % entries.length)];
    for (const [name, win] of order) {
      const log = win.console;
      let start = performance.now();
      for (let i = 0; i < ${CALLS}; i += 1) log.error('Bench error', 0);
      figures[name].repeated.push(((performance.now() - start) * 1000) / ${CALLS});
      start = performance.now();
      for (let i = 0; i < ${CALLS}; i += 1) log.error('Bench error', round * ${CALLS} + i);
      figures[name].distinct.push(((performance.now() - start) * 1000) / ${CALLS});
      // A new task: the hook flushes what it holds, as it does between a page's tasks.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  await fetch('/result', { method: 'POST', body: JSON.stringify(figures) });
}, 500));
</script></body></html>`;

async function startServer() {
  let received: (figures: Figures) => void = () => {};
  const result = () =>
    new Promise<Figures>((resolve) => {
      received = resolve;
    });
  const server = createServer(async (request, response) => {
    if (request.method === 'POST' && request.url === '/result') {
      received(JSON.parse(await requestBody(request)) as Figures);
      return void response.end('');
    }
    response.setHeader('content-type', 'text/html');
    response.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/parts`;
  return {
    url,
    result,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Median and fastest batch per variant, each with its extra over the unhooked frame. */
function table(figures: Figures) {
  const base = figures.unhooked;
  const both = (values: number[], against: number[]) => {
    const [mid, low] = [median(values), Math.min(...values)];
    const extra = [mid - median(against), low - Math.min(...against)];
    return `${mid.toFixed(1)} / ${low.toFixed(1)} (${extra.map((x) => (x >= 0 ? '+' : '') + x.toFixed(1)).join(' / ')})`;
  };
  return Object.fromEntries(
    Object.entries(figures).map(([name, { repeated, distinct }]) => [
      name,
      {
        'repeated: median / fastest (extra)': both(repeated, base.repeated),
        'distinct: median / fastest (extra)': both(distinct, base.distinct),
      },
    ]),
  );
}

const server = await startServer();
const userDataDir = await mkdtemp(join(tmpdir(), 'console-parts-'));
let direct: { stop(): void } | undefined;
try {
  // DevTools attached: Playwright, which receives every console message.
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', ...QUIET_NETWORK],
  });
  let devtools: Figures;
  try {
    const page = await browser.newPage();
    page.on('console', () => {});
    const result = server.result();
    await page.goto(server.url);
    devtools = await within(result, 300_000, 'The DevTools case');
  } finally {
    await browser.close();
  }
  // No DevTools client.
  const result = server.result();
  direct = await openWithoutDevTools(userDataDir, server.url);
  const plain = await within(result, 300_000, 'The case without DevTools');

  console.log(loadNote());
  console.log(
    `console.error per call (us) by part of the hook: median and fastest of ${ROUNDS} interleaved rounds of ${CALLS} calls; "extra" is against the unhooked frame of the same page (the fastest batch is the least disturbed by the machine):`,
  );
  console.log('DevTools attached:');
  console.table(table(devtools));
  console.log('No DevTools client:');
  console.table(table(plain));
} finally {
  direct?.stop();
  await server.close();
  await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
}
