import { buildTestExtension } from '../support/build';

/**
 * Builds the e2e variant once per run (loopback host permissions granted up front, since a
 * headless browser cannot answer permission prompts). Set E2E_SKIP_BUILD=1 to reuse a build.
 */
export default function globalSetup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  buildTestExtension('e2e');
}
