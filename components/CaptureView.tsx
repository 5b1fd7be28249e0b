import type { Capture } from '@/utils/capture/capture';
import { EventList } from './EventList';

interface Props {
  capture: Capture;
  allowState: 'idle' | 'asking' | 'allowed';
  onAllowSite: (origin: string) => void;
}

export function CaptureView({ capture, allowState, onAllowSite }: Props) {
  const { origin } = capture;
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
          <EventList events={capture.events} />
          {capture.droppedEvents > 0 && (
            <p>{capture.droppedEvents} older events were dropped to stay within the buffer.</p>
          )}
        </>
      )}
    </section>
  );
}
