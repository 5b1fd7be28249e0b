import { useId } from 'preact/hooks';
import type { Offers } from '@/utils/composer/offers';
import { t } from '@/utils/i18n';

interface Props {
  offers: Offers;
  /** Disables the buttons while a report is being added. */
  busy?: boolean;
  onAddTo: (issueKey: string) => void;
}

/** Requests of the user's that look like this one, and articles that may answer it. */
export function OffersPanel({ offers, busy, onAddTo }: Props) {
  const id = useId();
  const { requests, articles } = offers;
  if (requests.length === 0 && articles.length === 0) return null;
  return (
    <section class="composer-offers" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('offers_heading')}</h2>
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
