import type { PageEvent } from '@/utils/capture/page-event';
import { type MessageKey, t } from '@/utils/i18n';

const KIND_LABEL: Record<PageEvent['kind'], MessageKey> = {
  'console-error': 'events_kindConsoleError',
  'console-warn': 'events_kindConsoleWarn',
  'uncaught-error': 'events_kindUncaughtError',
  'unhandled-rejection': 'events_kindUnhandledRejection',
  'resource-error': 'events_kindResourceError',
};

interface Props {
  events: readonly PageEvent[];
  /** The tab's current URL: events from other pages say which page they came from. */
  currentUrl?: string;
}

/** Captured page events, shown as text only (page data is untrusted). */
export function EventList({ events, currentUrl }: Props) {
  if (events.length === 0) return <p>{t('events_none')}</p>;
  return (
    <ul class="event-list" aria-label={t('events_label')}>
      {events.map((event) => (
        <li key={`${event.kind}:${event.time}:${event.url}:${event.message}`}>
          <span class="event-kind">{t(KIND_LABEL[event.kind])}</span>
          {event.count > 1 && (
            <span class="event-count" title={t('events_happened', String(event.count))}>
              {' '}
              ×{event.count}
            </span>
          )}{' '}
          <span class="event-message">{event.message}</span>
          {event.source && <span class="event-source">{event.source}</span>}
          {currentUrl !== undefined && event.url !== currentUrl && (
            <span class="event-page">{t('events_onPage', event.url)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
