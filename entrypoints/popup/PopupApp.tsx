import { ErrorNotice } from '@/components/ErrorNotice';
import { useCaptureTarget } from '@/components/hooks/use-capture-target';
import { PopupFrame } from '@/components/ui/PopupFrame';
import { t } from '@/utils/i18n';
import { storageErrorInfo } from '@/utils/storage-errors';
import { lazy } from './lazy';

// The composer is most of the popup's code: it loads in parallel with the capture, so the
// shell renders at once and the popup's first JavaScript stays small (tests/bench/sizes.ts).
const Composer = lazy(() => import('./Composer').then((m) => m.Composer));
void Composer.preload();

/** Wiring of the popup: the tab it works on and what was captured there, then the composer. */
export function PopupApp() {
  const target = useCaptureTarget();
  const { tabId, capture } = target;
  return (
    <PopupFrame>
      {target.error && <ErrorNotice error={target.error} />}
      {capture?.historyNotKept && (
        <ErrorNotice error={storageErrorInfo('capture', capture.historyNotKept)} />
      )}
      {!capture && !target.error && (
        <p class="popup-message" aria-live="polite">
          {t('popup_capturing')}
        </p>
      )}
      {tabId !== undefined && (
        <Composer
          tabId={tabId}
          capture={capture}
          allowState={target.allowState}
          onAllowSite={target.allowSite}
        />
      )}
    </PopupFrame>
  );
}
