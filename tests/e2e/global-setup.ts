import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/browser';

/**
 * Builds the e2e variant once per run (loopback host permissions granted up front, since a
 * headless browser cannot answer permission prompts). Set E2E_SKIP_BUILD=1 to reuse a build.
 */
export default function globalSetup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execFileSync(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
