import { CaptureView } from '@/components/CaptureView';
import { ErrorNotice } from '@/components/ErrorNotice';
import { useCaptureTarget } from '@/components/hooks/use-capture-target';
import { t } from '@/utils/i18n';
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
    <main class="popup">
      <h1 class="visually-hidden">{t('extName')}</h1>
      {target.error && <ErrorNotice error={target.error} />}
      {!capture && !target.error && <p aria-live="polite">{t('popup_capturing')}</p>}
      {tabId !== undefined && <Composer tabId={tabId} capture={capture} />}
      {capture && (
        <CaptureView
          capture={capture}
          allowState={target.allowState}
          onAllowSite={target.allowSite}
        />
      )}
    </main>
  );
}
