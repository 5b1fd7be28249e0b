import { interleave, t } from '@/utils/i18n';
import type { JobView } from '@/utils/outbox/job';

interface DeliveryResultProps {
  job: JobView;
  /** Copies the link; resolves when done (the component says "Link copied"). */
  onCopyLink(url: string): Promise<void>;
  copied?: boolean;
}

/** After delivery: the issue key linking to the portal page, "Copy link", and what was left out. */
export function DeliveryResult({ job, onCopyLink, copied = false }: DeliveryResultProps) {
  if (job.status !== 'delivered' || !job.issueKey) return null;
  const url = job.webUrl;
  return (
    <section class="delivery-result" aria-label={t('delivery_requestFiled')}>
      <p>
        {interleave('delivery_filedAs', [
          url ? (
            <a key="key" href={url} target="_blank" rel="noreferrer">
              {job.issueKey}
            </a>
          ) : (
            <strong key="key">{job.issueKey}</strong>
          ),
        ])}
      </p>
      {job.withdrawn.length > 0 && (
        <p role="status">
          {t('delivery_duplicateWithdrawn', [job.withdrawn.join(', '), job.issueKey])}
        </p>
      )}
      {job.checking && job.withdrawn.length === 0 && <p>{t('delivery_checking')}</p>}
      {url && (
        <p>
          <button type="button" onClick={() => void onCopyLink(url)}>
            {t('delivery_copyLink')}
          </button>{' '}
          <span role="status">{copied ? t('delivery_linkCopied') : ''}</span>
        </p>
      )}
      {job.skipped.length > 0 && (
        <div role="alert">
          <p>{t('delivery_skipped')}</p>
          <ul>
            {job.skipped.map((file) => (
              <li key={file.name}>
                {file.name}: {file.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
