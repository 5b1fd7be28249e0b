import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Capture } from '@/utils/capture/capture';
import { originPattern } from '@/utils/capture/capture';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messages/background';
import { targetTabId } from '@/utils/tab-target';

type AllowState = 'idle' | 'asking' | 'allowed';

/**
 * The tab and its capture, asked for as soon as this module runs (before the first render
 * of the app), once per popup: the background answers while the composer's code loads.
 */
let first: { tabId: Promise<number>; capture: Promise<Capture> } | undefined;
function firstLoad() {
  if (!first) {
    const tabId = targetTabId(location.search).then((id) => {
      if (id !== undefined) return id;
      throw new AppError({ code: 'no-tab', message: t('popup_noTab'), messageKey: 'popup_noTab' });
    });
    const capture = tabId.then((id) => sendMessage('collectCapture', { tabId: id }));
    // Handled where it is awaited; not an unhandled rejection meanwhile.
    capture.catch(() => undefined);
    first = { tabId, capture };
  }
  return first;
}
if (typeof location !== 'undefined' && location.protocol.endsWith('-extension:')) firstLoad();

/** The tab the popup works on, what was captured there, and "Always capture on this site". */
export function useCaptureTarget() {
  const [capture, setCapture] = useState<Capture>();
  const [error, setError] = useState<ErrorInfo>();
  const [allowState, setAllowState] = useState<AllowState>('idle');
  const [tabId, setTabId] = useState<number>();

  const load = useCallback(async () => {
    try {
      const started = firstLoad();
      setTabId(await started.tabId);
      setCapture(await started.capture);
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
          message: t('popup_accessNotGranted'),
          messageKey: 'popup_accessNotGranted',
        });
      }
      await sendMessage('allowOrigin', { origin });
      setAllowState('allowed');
    } catch (cause) {
      setAllowState('idle');
      setError(AppError.from(cause).info);
    }
  };

  return { tabId, capture, error, allowState, allowSite };
}
