import { ErrorNotice } from '@/components/ErrorNotice';
import type { ErrorInfo } from '@/utils/errors';
import { t } from '@/utils/i18n';

export interface MyRequestView {
  issueKey: string;
  summary: string;
  status: string;
  updatedAt: number | null;
  webUrl: string | null;
  /** Duplicates of this request that were withdrawn. */
  duplicatesWithdrawn?: string[];
  /** This request is a withdrawn duplicate of that one. */
  withdrawnInFavourOf?: string;
}

interface MyRequestsListProps {
  requests: readonly MyRequestView[] | null;
  loading: boolean;
  error?: ErrorInfo;
  onRefresh(): void;
  /** Formats a date; injected so tests and locales agree. */
  formatDate?: (epochMs: number) => string;
}

const defaultFormat = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "My requests": the user's open requests with status, last update and a link. */
export function MyRequestsList({
  requests,
  loading,
  error,
  onRefresh,
  formatDate = defaultFormat,
}: MyRequestsListProps) {
  return (
    <section aria-labelledby="my-requests-title" aria-busy={loading}>
      <h2 id="my-requests-title">{t('myRequests_heading')}</h2>
      <button type="button" onClick={onRefresh} disabled={loading}>
        {t('common_refresh')}
      </button>
      {error && <ErrorNotice error={error} />}
      {loading && <p role="status">{t('myRequests_loading')}</p>}
      {requests && requests.length === 0 && !loading && <p>{t('myRequests_none')}</p>}
      {requests && requests.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('myRequests_request')}</th>
              <th scope="col">{t('myRequests_status')}</th>
              <th scope="col">{t('myRequests_updated')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => (
              <tr key={request.issueKey}>
                <td>
                  {request.webUrl ? (
                    <a href={request.webUrl} target="_blank" rel="noreferrer">
                      {request.issueKey}
                    </a>
                  ) : (
                    request.issueKey
                  )}{' '}
                  {request.summary}
                  {request.duplicatesWithdrawn && request.duplicatesWithdrawn.length > 0 && (
                    <>
                      {' '}
                      {t('myRequests_duplicatesWithdrawn', request.duplicatesWithdrawn.join(', '))}
                    </>
                  )}
                  {request.withdrawnInFavourOf && (
                    <> {t('myRequests_withdrawnDuplicate', request.withdrawnInFavourOf)}</>
                  )}
                </td>
                <td>{request.status}</td>
                <td>{request.updatedAt === null ? '' : formatDate(request.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
