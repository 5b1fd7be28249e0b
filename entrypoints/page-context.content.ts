import { startPageContext } from '@/utils/capture/page-context';
import { onMessages } from '@/utils/messaging';

/**
 * ISOLATED world, `document_start`: registered with the MAIN-world hook for allowed origins,
 * or injected when the popup opens. Holds the page's events and answers the extension.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main() {
    const scope = globalThis as { __supportCapturePageContext?: true };
    if (scope.__supportCapturePageContext) return;
    scope.__supportCapturePageContext = true;
    const context = startPageContext(document);
    onMessages({ getPageEvents: () => context.snapshot() });
  },
});
