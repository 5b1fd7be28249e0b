import type { PageEvent } from '@/utils/capture/page-event';

const KIND_LABEL: Record<PageEvent['kind'], string> = {
  'console-error': 'Console error',
  'console-warn': 'Console warning',
  'uncaught-error': 'Uncaught error',
  'unhandled-rejection': 'Unhandled rejection',
  'resource-error': 'Failed to load',
};

interface Props {
  events: readonly PageEvent[];
  /** The tab's current URL: events from other pages say which page they came from. */
  currentUrl?: string;
}

/** Captured page events, shown as text only (page data is untrusted). */
export function EventList({ events, currentUrl }: Props) {
  if (events.length === 0) return <p>No errors captured on this page.</p>;
  return (
    <ul class="event-list" aria-label="Captured errors">
      {events.map((event) => (
        <li key={`${event.kind}:${event.time}:${event.url}:${event.message}`}>
          <span class="event-kind">{KIND_LABEL[event.kind]}</span>
          {event.count > 1 && (
            <span class="event-count" title={`Happened ${event.count} times`}>
              {' '}
              ×{event.count}
            </span>
          )}{' '}
          <span class="event-message">{event.message}</span>
          {event.source && <span class="event-source">{event.source}</span>}
          {currentUrl !== undefined && event.url !== currentUrl && (
            <span class="event-page">on {event.url}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
