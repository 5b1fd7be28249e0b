import type { Capture } from '@/utils/capture/capture';
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
    <section aria-label="Captured page">
      <dl class="page-facts">
        <dt>Page</dt>
        <dd data-testid="page-title">{capture.title || '(no title)'}</dd>
        <dt>URL</dt>
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
          Always capture on this site
        </button>
      )}
      {allowState === 'allowed' && (
        <p role="status">
          Always-on capture is allowed for this site. Reload the page to capture from its start.
        </p>
      )}
      {capture.scope !== 'unavailable' && (
        <>
          <h2>Errors</h2>
          <p data-testid="event-total">
            {total} {total === 1 ? 'error' : 'errors'} captured
          </p>
          <EventList events={capture.events} currentUrl={capture.url} />
          {capture.droppedEvents > 0 && (
            <p>{capture.droppedEvents} older events were dropped to stay within the buffer.</p>
          )}
          <h2>Failed requests</h2>
          <FailedRequestList requests={capture.failedRequests} />
        </>
      )}
      <h2>Context</h2>
      <PageFactsList capture={capture} />
      {capture.redactionCount > 0 && (
        <p data-testid="redaction-count">
          {capture.redactionCount} {capture.redactionCount === 1 ? 'redaction' : 'redactions'} made
        </p>
      )}
    </section>
  );
}
