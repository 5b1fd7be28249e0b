/**
 * Adds up the JSON reports vitest and Playwright (Chromium and Firefox suites) write in CI into one closing line:
 * `Total: N passed, M failed` (plus skipped), after each runner's own summary.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-results/summary';
let passed = 0;
let failed = 0;
let skipped = 0;
const seen: string[] = [];

const unit = join(dir, 'unit.json');
if (existsSync(unit)) {
  const report = JSON.parse(readFileSync(unit, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  seen.push(`unit ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
// Playwright's reports: the Chromium suite and the Firefox suite.
for (const [name, file] of [
  ['e2e', 'e2e.json'],
  ['firefox', 'firefox.json'],
] as const) {
  const path = join(dir, file);
  if (!existsSync(path)) continue;
  const report = JSON.parse(readFileSync(path, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
  skipped += report.stats.skipped;
  seen.push(
    `${name} ${report.stats.expected + report.stats.flaky} passed, ${report.stats.unexpected} failed`,
  );
}
if (seen.length === 0) {
  console.log('No test reports were written (the run stopped before the tests).');
  process.exit(1);
}
console.log(seen.join('; '));
console.log(`Total: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
