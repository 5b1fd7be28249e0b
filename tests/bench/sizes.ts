/**
 * Bundle sizes of the production build: the popup's first JavaScript (what popup.html runs
 * before any dynamic import), the app it preloads to run next, and each script that runs in web
 * pages, with the budgets they
 * must hold; a page-side script also fails when it carries portal, credential or outbox code
 * (tests/bench/page-side.ts).
 *   node tests/bench/sizes.ts [--check] [--dir .output/chrome-mv3-production]
 * With --check it exits non-zero when a budget is exceeded (the test command uses this).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { OUTPUT_DIR } from '../support/browser.ts';
import {
  checkPageSideScript,
  MAIN_WORLD_SCRIPT,
  PAGE_SIDE_BUDGETS,
  type PageSideFinding,
} from './page-side.ts';

const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const dir = resolve(
  dirIndex >= 0 ? (args[dirIndex + 1] ?? '') : join(OUTPUT_DIR, 'chrome-mv3-production'),
);
if (!existsSync(join(dir, 'manifest.json'))) {
  console.error(`No build in ${dir}: run \`npm run build\` first.`);
  process.exit(2);
}

const KB = 1024;
const BUDGETS = {
  // 1.9 KB since it holds no Preact, polyfill or schemas; Preact alone would break this.
  popupFirstGzip: 6 * KB,
  // Preact, the polyfill, the schemas, the redactor and every page's components: 81.4 KB gzip
  // when the first JavaScript shed Preact and the polyfill into it.
  popupAppGzip: 90 * KB,
};

const read = (file: string) => readFileSync(join(dir, file));
const gzip = (file: string) => gzipSync(read(file), { level: 9 }).length;

/** The static import graph from an entry file (dynamic `import()` is lazy and left out). */
function staticClosure(entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = read(file).toString();
    const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const match of code.matchAll(
      /(?:^|[;\n}])\s*import\s*(?:[\w${},*\s]+from\s*)?["']([^"']+\.js)["']/g,
    )) {
      const spec = match[1] ?? '';
      const target = spec.startsWith('/') ? spec.slice(1) : join(base, spec).replaceAll('\\', '/');
      visit(target);
    }
  };
  for (const entry of entries) visit(entry);
  return [...seen];
}

/** What a page runs (its module scripts) and what it only fetches ahead (modulepreload). */
function htmlScripts(page: string): { run: string[]; preload: string[] } {
  const html = read(page).toString();
  const files = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map((match) => (match[1] ?? '').replace(/^\//, ''));
  return {
    run: files(/<script[^>]*src="([^"]+\.js)"/g),
    preload: files(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  };
}

const popupPage = htmlScripts('popup.html');
const popupFiles = staticClosure(popupPage.run);
const popupGzip = popupFiles.reduce((sum, file) => sum + gzip(file), 0);
// Preloaded and not run by the first JavaScript: the app it imports next.
const appFiles = staticClosure(popupPage.preload).filter((file) => !popupFiles.includes(file));
const appGzip = appFiles.reduce((sum, file) => sum + gzip(file), 0);

interface Row {
  what: string;
  minified: number;
  gzip: number;
  budget?: string;
  ok?: boolean;
}
const rows: Row[] = [
  {
    what: `popup first JS (${popupFiles.length} files)`,
    minified: popupFiles.reduce((sum, file) => sum + read(file).length, 0),
    gzip: popupGzip,
    budget: `<= ${BUDGETS.popupFirstGzip / KB} KB gzip`,
    ok: popupGzip <= BUDGETS.popupFirstGzip,
  },
  {
    what: `popup app, preloaded (${appFiles.length} files)`,
    minified: appFiles.reduce((sum, file) => sum + read(file).length, 0),
    gzip: appGzip,
    budget: `<= ${BUDGETS.popupAppGzip / KB} KB gzip`,
    ok: appGzip <= BUDGETS.popupAppGzip,
  },
];
const manifest = JSON.parse(read('manifest.json').toString()) as { version: string };
const pageSideFindings: PageSideFinding[] = [];
for (const [file, budget] of Object.entries(PAGE_SIDE_BUDGETS)) {
  const script = file.replace(/^.*\//, '').replace(/\.js$/, '');
  const code = read(file);
  const findings = checkPageSideScript(file, code.toString(), budget);
  pageSideFindings.push(...findings);
  rows.push({
    what: `${file} (${file === MAIN_WORLD_SCRIPT ? 'MAIN world' : script === 'page-collector' ? 'document_start' : script === 'full-page-render' ? 'on request' : 'document_idle'})`,
    minified: code.length,
    gzip: gzip(file),
    budget: `<= ${budget / KB} KB minified, page-side only`,
    ok: findings.length === 0,
  });
}
rows.push({
  what: 'background.js',
  minified: read('background.js').length,
  gzip: gzip('background.js'),
});

const kb = (bytes: number) => `${(bytes / KB).toFixed(2)} KB`;
console.log(`Bundle sizes of ${dir} (version ${manifest.version})`);
console.table(
  rows.map((row) => ({
    what: row.what,
    minified: kb(row.minified),
    gzip: kb(row.gzip),
    budget: row.budget ?? '',
    holds: row.ok === undefined ? '' : row.ok ? 'yes' : 'NO',
  })),
);
for (const finding of pageSideFindings) console.error(`${finding.file}: ${finding.problem}`);
const failed = rows.filter((row) => row.ok === false);
if (args.includes('--check') && failed.length > 0) {
  console.error(`Budget exceeded: ${failed.map((row) => row.what).join(', ')}`);
  process.exit(1);
}
