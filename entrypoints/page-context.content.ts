import { debounceForward, readPageSideFacts, startPageContext } from '@/utils/capture/page-context';
import { followCaptureSettings } from '@/utils/capture/settings-sync';
import { onMessages, sendMessage } from '@/utils/messaging';

/**
 * ISOLATED world, `document_start`: registered with the MAIN-world hook for allowed origins,
 * or injected when the popup opens. Holds the page's events, forwards them (debounced) to the
 * background so the tab keeps them across navigations, and answers the extension.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main() {
    const scope = globalThis as { __supportCapturePageContext?: true };
    if (scope.__supportCapturePageContext) return;
    scope.__supportCapturePageContext = true;

    const forward = () =>
      context.hasChanges ? sendMessage('pageEvents', context.takeChanges()) : undefined;
    const forwarder = debounceForward(forward);
    const context = startPageContext(document, { onChange: () => forwarder.schedule() });
    void followCaptureSettings((settings) => context.setCaptureWarnings(settings.captureWarnings));
    onMessages({ getPageEvents: () => context.snapshot(readPageSideFacts(window)) });
    // A full navigation ends this script: hand over what the debounce still holds.
    window.addEventListener('pagehide', () => {
      forwarder.cancel();
      void forward()?.catch(() => undefined);
    });
  },
});
