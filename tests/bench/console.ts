/**
 * What a `console.error` costs a page, side by side: with the extension's hook (a site allowed
 * for capture, http://127.0.0.1) and without it (the same page on http://localhost, a site not
 * allowed: no script of the extension runs there), with DevTools attached (Playwright, a
 * DevTools-protocol client that receives every console message) and without any DevTools
 * client (Chromium started directly; its debugging port only opens the first page, no DevTools
 * session attaches to it).
 *
 * The page measures itself and reports with `fetch(..., { keepalive: true })` to this script's
 * loopback server, which answers with the next page to open: with and without alternate
 * (A/B/A/B), so a busy machine slows both alike. Per page, the fastest of several batches
 * counts. Figures only; no pass/fail. Run after `wxt build --mode e2e` (`npm run bench` does).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_EXTENSION_DIR, launchExtensionBrowser, openAllowedPage } from '../support/browser.ts';
import { openWithoutDevTools, requestBody, within } from './chromium-direct.ts';
import { loadNote } from './load-note.ts';

/** A/B pairs per DevTools case. */
const PAIRS = 5;
const CALLS = 1000;
const BATCHES = 5;

interface PageResult {
  run: number;
  hooked: boolean;
  repeated: number;
  distinct: number;
}

/** The page: waits for the capture scripts to settle, measures, reports, moves on. */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>console.error cost</title></head>
<body><p>Measuring console.error</p><script>
addEventListener('load', () => setTimeout(() => {
  const batch = (distinct) => {
    const start = performance.now();
    for (let i = 0; i < ${CALLS}; i += 1) console.error('Bench error', distinct ? i : 0);
    return ((performance.now() - start) * 1000) / ${CALLS};
  };
  const run = Number(new URLSearchParams(location.search).get('run'));
  let repeated = Infinity;
  let distinct = Infinity;
  for (let b = 0; run >= 0 && b < ${BATCHES}; b += 1) {
    repeated = Math.min(repeated, batch(false));
    distinct = Math.min(distinct, batch(true));
  }
  const hooked = Symbol.for('support-capture') in window;
  fetch('/result', {
    method: 'POST',
    keepalive: true,
    body: JSON.stringify({ run, hooked, repeated, distinct }),
  }).then((r) => r.text()).then((next) => { if (next) location.assign(next); });
}, 1500));
</script></body></html>`;

/** The loopback server: the page, and the results with the next page in answer. */
async function startBenchServer() {
  let queue: string[] = [];
  let results: PageResult[] = [];
  let done: (results: PageResult[]) => void = () => {};
  const server = createServer(async (request, response) => {
    if (request.method === 'POST' && request.url === '/result') {
      const result = JSON.parse(await requestBody(request)) as PageResult;
      // Set-up pages are not counted: -1 allows the site; -2 warms up, loading again until
      // the hook is in (a browser just started may run the first pages without it).
      if (result.run === -2) {
        const next = result.hooked ? queue.shift() : url(true, -2);
        return void response.end(next ?? '');
      }
      if (result.run < 0) return void response.end('');
      results.push(result);
      const next = queue.shift() ?? '';
      response.end(next);
      if (!next) done(results);
      return;
    }
    response.setHeader('content-type', 'text/html');
    response.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = (hooked: boolean, run: number) =>
    `http://${hooked ? '127.0.0.1' : 'localhost'}:${port}/measure?run=${run}`;
  return {
    url,
    /** Queues A/B/A/B pages after a warm-up page; returns its URL and the pages' results. */
    plan(pairs: number) {
      const urls = Array.from({ length: pairs * 2 }, (_, run) => url(run % 2 === 0, run));
      queue = urls;
      results = [];
      const all = new Promise<PageResult[]>((resolve) => {
        done = resolve;
      });
      return { first: url(true, -2), all };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

function summarise(results: PageResult[]) {
  const pick = (hooked: boolean, key: 'repeated' | 'distinct') =>
    median(results.filter((r) => r.hooked === hooked).map((r) => r[key]));
  const missing = results.filter((r) => r.hooked !== (r.run % 2 === 0));
  if (missing.length)
    throw new Error(`The hook was not where expected: ${JSON.stringify(missing)}`);
  return {
    repeated: { without: pick(false, 'repeated'), with: pick(true, 'repeated') },
    distinct: { without: pick(false, 'distinct'), with: pick(true, 'distinct') },
  };
}

async function main() {
  const server = await startBenchServer();
  const userDataDir = await mkdtemp(join(tmpdir(), 'console-bench-'));
  let chromium: { stop(): void } | undefined;
  try {
    // DevTools attached: Playwright's browser, which also allows 127.0.0.1 for capture in
    // the profile the second case reuses.
    const extension = await launchExtensionBrowser({ userDataDir });
    let devtools: ReturnType<typeof summarise>;
    try {
      const page = await openAllowedPage(extension, server.url(true, -1));
      page.on('console', () => {});
      const { first, all } = server.plan(PAIRS);
      await page.goto(first);
      devtools = summarise(await within(all, 300_000, 'The DevTools case'));
    } finally {
      await extension.close();
    }

    // No DevTools client: Chromium started on its own with the same profile (the site stays
    // allowed: registered content scripts persist). The page is opened through the browser's
    // HTTP endpoint, which attaches no DevTools session to it (a start-up URL given with
    // --load-extension did not load in headless Chromium 156).
    const { first, all } = server.plan(PAIRS);
    chromium = await openWithoutDevTools(userDataDir, first, E2E_EXTENSION_DIR);
    const plain = summarise(await within(all, 300_000, 'The case without DevTools'));

    const row = (figures: { without: number; with: number }) => ({
      without: figures.without.toFixed(1),
      with: figures.with.toFixed(1),
      extra: (figures.with - figures.without).toFixed(1),
      goal: 'extra <= 2',
    });
    console.log(loadNote());
    console.log(
      `console.error per call (us), median of ${PAIRS} pages each, with and without interleaved (A/B); noisy on a busy machine:`,
    );
    console.table({
      'DevTools attached, repeated message': row(devtools.repeated),
      'DevTools attached, distinct messages': row(devtools.distinct),
      'no DevTools client, repeated message': row(plain.repeated),
      'no DevTools client, distinct messages': row(plain.distinct),
    });
    console.log(
      '"without": the page on a site not allowed for capture (no script of the extension runs there); "with": the same page on an allowed site, hooked from document_start.',
    );
  } finally {
    chromium?.stop();
    await server.close();
    await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

await main();
