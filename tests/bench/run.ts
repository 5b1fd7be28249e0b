/**
 * `npm run bench`: builds the extension and runs every benchmark script in tests/bench/,
 * each printing its own figures. Benchmarks print; they never fail a test run on timing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/browser.ts';
import { buildTestExtension } from '../support/build.ts';

const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });

run(bin('wxt'), ['build']);
buildTestExtension('e2e');
run(bin('node'), [join(ROOT, 'tests', 'bench', 'sizes.ts')]);
const benchDir = join(ROOT, 'tests', 'bench');
// This runner, the sizes (run above) and the modules the benchmarks share.
const NOT_BENCHMARKS = ['run.ts', 'sizes.ts', 'load-note.ts', 'page-side.ts', 'chromium-direct.ts'];
for (const file of readdirSync(benchDir).sort()) {
  if (!file.endsWith('.ts') || NOT_BENCHMARKS.includes(file)) continue;
  if (!existsSync(join(benchDir, file))) continue;
  console.log(`\n== ${file}`);
  run(bin('node'), [join(benchDir, file)]);
}
