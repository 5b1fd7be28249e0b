import type { Capture } from '@/utils/capture/capture';
import { plural, t } from '@/utils/i18n';
import { EventList } from './EventList';
import { FailedRequestList } from './FailedRequestList';
import { PageFactsList } from './PageFactsList';

interface Props {
  capture: Capture;
  allowState: 'idle' | 'asking' | 'allowed';
  onAllowSite: (origin: string) => void;
}

export function CaptureView({ capture, allowState, onAllowSite }: Props) {
  const { origin } = capture;
  // Dropped events still happened: the count says how many errors the page produced.
  const total = capture.events.reduce((sum, event) => sum + event.count, capture.droppedEvents);
  return (
    <section aria-label={t('capture_region')}>
      <dl class="page-facts">
        <dt>{t('capture_page')}</dt>
        <dd data-testid="page-title">{capture.title || t('capture_noTitle')}</dd>
        <dt>{t('capture_url')}</dt>
        <dd data-testid="page-url" class="url">
          {capture.url}
        </dd>
      </dl>
      <p class="notice" data-scope={capture.scope}>
        {capture.scopeNote}
      </p>
      {capture.scope === 'from-now' && origin && allowState !== 'allowed' && (
        <button
          type="button"
          disabled={allowState === 'asking'}
          onClick={() => onAllowSite(origin)}
        >
          {t('capture_alwaysCapture')}
        </button>
      )}
      {allowState === 'allowed' && <p role="status">{t('capture_allowed')}</p>}
      {capture.scope !== 'unavailable' && (
        <>
          <h2>{t('capture_errorsHeading')}</h2>
          <p data-testid="event-total">{plural('capture_errorTotal', total)}</p>
          <EventList events={capture.events} currentUrl={capture.url} />
          {capture.droppedEvents > 0 && <p>{plural('capture_dropped', capture.droppedEvents)}</p>}
          <h2>{t('capture_failedRequests')}</h2>
          <FailedRequestList requests={capture.failedRequests} />
        </>
      )}
      <h2>{t('capture_contextHeading')}</h2>
      <PageFactsList capture={capture} />
      {capture.redactionCount > 0 && (
        <p data-testid="redaction-count">{plural('capture_redactions', capture.redactionCount)}</p>
      )}
    </section>
  );
}
