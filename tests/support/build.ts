import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './browser.ts';

/**
 * Builds a test variant of the extension (`e2e`, `e2e-policy`): the manifest and timings of that
 * mode, compiled as the production build is. WXT sets NODE_ENV to the mode's name, which would
 * give Preact's development JSX and devtools hook, so tests and benchmarks would run code users
 * never get (a third more JavaScript in the popup).
 */
export function buildTestExtension(mode: 'e2e' | 'e2e-policy', browser?: 'firefox'): void {
  const target = browser === 'firefox' ? ['-b', 'firefox', '--mv3'] : [];
  execFileSync(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build', ...target, '--mode', mode], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
