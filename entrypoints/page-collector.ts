import {
  EARLY_COLLECTOR_KEY,
  type EarlyCollector,
  startEarlyCollector,
} from '@/utils/capture/early-collector';

/**
 * ISOLATED world, `document_start`, allowed origins only (registered in
 * utils/capture/registration.ts): keeps the hook's first batches until page-context starts at
 * `document_idle`. An unlisted script rather than a content-script entrypoint, because WXT's
 * content-script wrapper brings the polyfill and its context helpers (14 KB) with it.
 */
export default defineUnlistedScript(() => {
  const scope = globalThis as { [EARLY_COLLECTOR_KEY]?: EarlyCollector };
  scope[EARLY_COLLECTOR_KEY] ??= startEarlyCollector(document);
});
