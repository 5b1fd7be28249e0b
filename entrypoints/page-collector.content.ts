import {
  EARLY_COLLECTOR_KEY,
  type EarlyCollector,
  startEarlyCollector,
} from '@/utils/capture/early-collector';

/**
 * ISOLATED world, `document_start`, allowed origins only: keeps the hook's first batches until
 * page-context starts at `document_idle`. Tiny on purpose (see utils/capture/early-collector.ts).
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main() {
    const scope = globalThis as { [EARLY_COLLECTOR_KEY]?: EarlyCollector };
    scope[EARLY_COLLECTOR_KEY] ??= startEarlyCollector(document);
  },
});
