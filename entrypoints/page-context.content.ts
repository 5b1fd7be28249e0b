import {
  adoptEarlyCollector,
  debounceForward,
  readPageSideFacts,
  startPageContext,
} from '@/utils/capture/page-context';
import { followPageSettings } from '@/utils/capture/settings-sync';
import { startStepRecording } from '@/utils/capture/step-recording';
import { onContentMessages, sendToBackground } from '@/utils/messages/page-side';

/**
 * ISOLATED world: on allowed origins the background injects it once the page has loaded (see
 * `injectPageContextAfterLoad`) and it adopts what the early collector kept since
 * `document_start`; on other tabs it is injected when the popup opens. Holds the page's events, forwards them (debounced) to the
 * background so the tab keeps them across navigations, and answers the extension.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  main() {
    const scope = globalThis as { __supportCapturePageContext?: true };
    if (scope.__supportCapturePageContext) return;
    scope.__supportCapturePageContext = true;

    const forward = () =>
      context.hasChanges ? sendToBackground('pageEvents', context.takeChanges()) : undefined;
    const forwarder = debounceForward(forward);
    // Same task: the collector stops and this script listens, so no batch falls between.
    // Only on the exact origin the background checked (ports differ, patterns do not).
    const early = adoptEarlyCollector(
      globalThis as Parameters<typeof adoptEarlyCollector>[0],
      location.origin,
    );
    const context = startPageContext(document, {
      onChange: () => forwarder.schedule(),
      backlog: early?.stop(),
      since: early?.since,
    });
    // The user's steps, while the background allows it (allowed origin, recording not off).
    const steps = startStepRecording(document, early?.since, early?.takeInputs());
    // Settings come by message: this script cannot read the extension's storage.
    const settings = followPageSettings(
      () => sendToBackground('getPageSettings', {}),
      (next) => {
        context.setCaptureWarnings(next.captureSettings.captureWarnings);
        steps.setRecording(next.recordSteps);
      },
    );
    onContentMessages({
      getPageEvents: () => ({
        ...context.snapshot(readPageSideFacts(window)),
        breadcrumbs: steps.snapshot(),
        fromLoad: early !== undefined,
      }),
      pageSettings: (next) => {
        settings.receive(next);
        return {};
      },
    });
    // A full navigation ends this script: hand over what the debounce still holds.
    window.addEventListener('pagehide', () => {
      forwarder.cancel();
      void forward()?.catch(() => undefined);
    });
  },
});
