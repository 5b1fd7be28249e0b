import { buildTestExtension } from '../support/build';
import { firefoxPath } from '../support/firefox';

/**
 * Builds the Firefox e2e variant (MV3, loopback host permissions up front) once per run, after
 * checking that Firefox is there. E2E_SKIP_BUILD=1 reuses the build.
 */
export default function globalSetup(): void {
  firefoxPath();
  if (process.env.E2E_SKIP_BUILD === '1') return;
  buildTestExtension('e2e', 'firefox');
}
