import { useId } from 'preact/hooks';
import type { Offers } from '@/utils/composer/offers';
import { t } from '@/utils/i18n';

interface Props {
  offers: Offers;
  /** `idle` before the user asked, `done` once the portal answered. */
  state: 'idle' | 'searching' | 'done';
  /** False without a portal connection or a summary to search for. */
  canSearch: boolean;
  /** Disables the buttons while a report is being added. */
  busy?: boolean;
  /** Sends the summary to the portal's request search and knowledge base. */
  onFind: () => void;
  onAddTo: (issueKey: string) => void;
}

/**
 * Requests of the user's that look like this one, and articles that may answer it: searched
 * only when the user presses the button, since the search sends the summary to the portal.
 */
export function OffersPanel({ offers, state, canSearch, busy, onFind, onAddTo }: Props) {
  const id = useId();
  const { requests, articles } = offers;
  return (
    <section class="composer-offers" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('offers_heading')}</h2>
      <p class="composer-hint" id={`${id}-hint`}>
        {t('offers_findHint')}
      </p>
      <button
        type="button"
        disabled={!canSearch || busy}
        aria-describedby={`${id}-hint`}
        onClick={onFind}
      >
        {state === 'searching' ? t('offers_searching') : t('offers_find')}
      </button>
      {state === 'done' && requests.length === 0 && articles.length === 0 && (
        <p role="status">{t('offers_none')}</p>
      )}
      {requests.length > 0 && (
        <>
          <h3 id={`${id}-requests`}>{t('offers_requests')}</h3>
          <ul aria-labelledby={`${id}-requests`}>
            {requests.map(({ request, reason }) => (
              <li key={request.issueKey}>
                {request.webUrl ? (
                  <a href={request.webUrl} target="_blank" rel="noreferrer">
                    {request.issueKey}
                  </a>
                ) : (
                  <strong>{request.issueKey}</strong>
                )}{' '}
                {request.summary}
                {request.status ? ` (${request.status})` : ''}
                <span class="composer-hint">
                  {' '}
                  {reason === 'error' ? t('offers_sameError') : t('offers_similarSummary')}
                </span>{' '}
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t('offers_addToNamed', request.issueKey)}
                  onClick={() => onAddTo(request.issueKey)}
                >
                  {t('offers_addTo')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {articles.length > 0 && (
        <>
          <h3 id={`${id}-articles`}>{t('offers_articles')}</h3>
          <ul aria-labelledby={`${id}-articles`}>
            {articles.map((a) => (
              <li key={a.url ?? a.title}>
                {a.url ? (
                  <a href={a.url} target="_blank" rel="noreferrer">
                    {a.title}
                  </a>
                ) : (
                  <strong>{a.title}</strong>
                )}
                {a.excerpt && <span class="composer-hint"> {a.excerpt}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
