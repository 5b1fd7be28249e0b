/**
 * What the scripts that run inside web pages may carry: a size budget each, and none of the
 * portal client, the credentials or the outbox. Used by tests/bench/sizes.ts on the production
 * build and unit-tested on its own (tests/unit/bench/page-side.test.ts).
 */

const KB = 1024;

/** The MAIN-world hook, as the production build names it. */
export const MAIN_WORLD_SCRIPT = 'content-scripts/console-hook.js';

/**
 * Page-side scripts of the build and their budgets (minified bytes), for the production build
 * (`npm run build`): the e2e build carries WXT's development logger too (about 110 bytes more
 * in the hook), so sizes are measured on the production build only (sizes.ts, capture.ts).
 */
export const PAGE_SIDE_BUDGETS: Readonly<Record<string, number>> = {
  // MAIN world, runs before the page's own scripts: the smaller the better.
  [MAIN_WORLD_SCRIPT]: 3 * KB,
  // document_start collector on allowed origins.
  'page-collector.js': 3 * KB,
  // ISOLATED world: ring buffer, steps, page facts, messaging, and the redactor with its token
  // formats (redaction happens before anything is buffered). No zod: its checks are
  // utils/capture/page-checks.ts and utils/messages/page-side.ts. 34.7 KB when this was set at
  // 40 KB; 42 KB since the redactor's pair scanner (linear and about twice as fast on floods
  // of name=value pairs) took 40.1 KB. The goal was 45 KB.
  'content-scripts/page-context.js': 42 * KB,
  // The DOM renderer for full-page screenshots (html2canvas-pro), injected on request only.
  'full-page-render.js': 240 * KB,
};

/**
 * Strings only the portal client, the credentials or the outbox contain: storage keys, the
 * portal's REST path and its XSRF header. A page-side script that contains one bundled code it
 * must not carry.
 */
export const FORBIDDEN_MARKERS: readonly { marker: string; what: string }[] = [
  { marker: 'portalCredentials', what: 'the credentials item' },
  { marker: 'apiToken', what: 'the portal API token' },
  { marker: 'outboxJobs', what: 'the outbox jobs item' },
  { marker: 'savedColleagues', what: 'the outbox colleagues item' },
  { marker: '/rest/servicedeskapi', what: 'the portal client' },
  { marker: 'X-Atlassian-Token', what: 'the portal client' },
  { marker: 'X-ExperimentalApi', what: 'the portal client' },
];

/**
 * Scripts that must not carry zod, whose runtime alone would take most of their budget: they
 * check what reaches them with utils/capture/page-checks.ts and utils/messages/page-side.ts.
 * Every zod schema class names its kind (`$ZodType`, `$ZodObject`…).
 */
export const ZOD_FREE_SCRIPTS: readonly string[] = [
  MAIN_WORLD_SCRIPT,
  'page-collector.js',
  'content-scripts/page-context.js',
];
const ZOD_MARKER = '$ZodType';

export interface PageSideFinding {
  file: string;
  problem: string;
}

/** Checks one page-side script's code against its budget and the forbidden markers. */
export function checkPageSideScript(
  file: string,
  code: string,
  budget = PAGE_SIDE_BUDGETS[file],
): PageSideFinding[] {
  const findings: PageSideFinding[] = [];
  const size = Buffer.byteLength(code, 'utf8');
  if (budget !== undefined && size > budget) {
    findings.push({
      file,
      problem: `${(size / KB).toFixed(2)} KB exceeds its budget of ${(budget / KB).toFixed(0)} KB`,
    });
  }
  for (const { marker, what } of FORBIDDEN_MARKERS) {
    if (code.includes(marker)) {
      findings.push({ file, problem: `contains "${marker}" (${what})` });
    }
  }
  if (ZOD_FREE_SCRIPTS.includes(file) && code.includes(ZOD_MARKER)) {
    findings.push({ file, problem: `contains "${ZOD_MARKER}" (zod)` });
  }
  return findings;
}
