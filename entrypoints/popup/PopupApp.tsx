import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CaptureView } from '@/components/CaptureView';
import { ErrorNotice } from '@/components/ErrorNotice';
import { ScreenshotsSection } from '@/components/screenshot/ScreenshotsSection';
import type { Capture } from '@/utils/capture/capture';
import { originPattern } from '@/utils/capture/capture';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { sendMessage } from '@/utils/messaging';
import { useScreenshots } from '@/utils/screenshot/use-screenshots';
import { resolveTargetTab } from '@/utils/tab-target';

/** Wiring of the popup: loads the capture for the target tab and handles the user's actions. */
export function PopupApp() {
  const [capture, setCapture] = useState<Capture>();
  const [error, setError] = useState<ErrorInfo>();
  const [allowState, setAllowState] = useState<'idle' | 'asking' | 'allowed'>('idle');
  const [tabId, setTabId] = useState<number>();
  // Screenshots: the visible area is taken as soon as the popup knows its tab.
  const screenshots = useScreenshots(tabId, { autoCapture: true, largeEditor: true });

  const load = useCallback(async () => {
    try {
      const tabId = await resolveTargetTab(location.search);
      setTabId(tabId);
      setCapture(await sendMessage('collectCapture', { tabId }));
    } catch (cause) {
      setError(AppError.from(cause).info);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const allowSite = async (origin: string) => {
    setAllowState('asking');
    try {
      // Must run straight from the click: the browser only prompts from a user gesture.
      const granted = await browser.permissions.request({ origins: [originPattern(origin)] });
      if (!granted) {
        throw new AppError({
          code: 'permission-denied',
          message: 'Access to the site was not granted, so capture stays limited to this moment.',
        });
      }
      await sendMessage('allowOrigin', { origin });
      setAllowState('allowed');
    } catch (cause) {
      setAllowState('idle');
      setError(AppError.from(cause).info);
    }
  };

  return (
    <main class="popup">
      <h1 class="visually-hidden">Support Capture</h1>
      {error && <ErrorNotice error={error} />}
      {capture ? (
        <CaptureView capture={capture} allowState={allowState} onAllowSite={allowSite} />
      ) : (
        !error && <p aria-live="polite">Capturing the page…</p>
      )}
      {tabId !== undefined && <ScreenshotsSection {...screenshots} />}
    </main>
  );
}
