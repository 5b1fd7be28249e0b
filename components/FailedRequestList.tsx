import type { FailedRequest } from '@/utils/capture/failed-request';
import { t } from '@/utils/i18n';

/** Failed requests with the server's request ids, shown as text only. */
export function FailedRequestList({ requests }: { requests: readonly FailedRequest[] }) {
  if (requests.length === 0) return <p>{t('requests_none')}</p>;
  return (
    <ul class="event-list" aria-label={t('capture_failedRequests')}>
      {requests.map((request) => (
        <li key={`${request.source}:${request.time}:${request.method}:${request.url}`}>
          <span class="event-kind">
            {request.status > 0 ? request.status : (request.error ?? t('requests_networkError'))}
          </span>
          {request.count > 1 && <span class="event-count"> ×{request.count}</span>}{' '}
          <span class="event-message">
            {request.method} {request.url}
          </span>
          {request.durationMs !== undefined && (
            <span class="event-source">
              {' '}
              {t('requests_duration', String(Math.round(request.durationMs)))}
            </span>
          )}
          {request.requestIds.length > 0 && (
            <dl class="request-ids">
              {request.requestIds.map((id) => (
                <div key={id.name}>
                  <dt>{id.name}</dt>
                  <dd>{id.value}</dd>
                </div>
              ))}
            </dl>
          )}
          {request.source === 'page' && <span class="event-page">{t('requests_seenByPage')}</span>}
        </li>
      ))}
    </ul>
  );
}
