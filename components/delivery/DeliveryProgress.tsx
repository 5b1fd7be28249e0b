import { ErrorNotice } from '@/components/ErrorNotice';
import type { ErrorCode } from '@/utils/errors';
import { formatBytes } from '@/utils/format';
import { type MessageKey, t } from '@/utils/i18n';
import type { JobView } from '@/utils/outbox/job';

const STEP_TEXT: Record<JobView['step'], MessageKey> = {
  create: 'delivery_stepCreate',
  upload: 'delivery_stepUpload',
  attach: 'delivery_stepAttach',
  participants: 'delivery_stepParticipants',
  reconcile: 'delivery_stepReconcile',
  done: 'common_done',
};

/**
 * A wait's cause in the status line, by the error's code: the portal's own message says "try
 * again", which the outbox does by itself, so for these causes it is not shown as well. Other
 * causes (a full disk) keep their message: it says what the user can do.
 */
const WAIT_TEXT: Partial<Record<ErrorCode, MessageKey>> = {
  network: 'delivery_waitingUnreachable',
  timeout: 'delivery_waitingUnreachable',
  server: 'delivery_waitingPortalError',
  'unexpected-response': 'delivery_waitingPortalError',
  'rate-limited': 'delivery_waitingRateLimited',
};

const waitText = (job: JobView) =>
  (job.lastError && WAIT_TEXT[job.lastError.code]) || 'delivery_waitingRetry';

function seconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 90
    ? t('delivery_seconds', String(s))
    : t('delivery_minutes', String(Math.ceil(s / 60)));
}

/** One sentence on where the delivery stands and what happens next. */
export function describeJob(job: JobView): string {
  switch (job.status) {
    case 'queued':
    case 'running':
      return `${t(STEP_TEXT[job.step])}…`;
    case 'waiting-retry':
      return t(waitText(job), seconds(job.waitMs));
    case 'paused-auth':
      return t('delivery_pausedAuth');
    case 'needs-edit':
      return t('delivery_needsEdit');
    case 'failed':
      return t('delivery_failed');
    case 'delivered':
      return job.issueKey ? t('delivery_filedAs', job.issueKey) : t('delivery_filed');
    case 'cancelled':
      return t('delivery_cancelled');
  }
}

interface DeliveryProgressProps {
  job: JobView;
  onCancel(id: string): void;
  onRetryNow(id: string): void;
  /** Opens the portal's sign-in page (auth pause). */
  onSignIn(): void;
}

/** Progress of one delivery: step, bytes, waits, and what the user can do. */
export function DeliveryProgress({ job, onCancel, onRetryNow, onSignIn }: DeliveryProgressProps) {
  const { bytesUploaded, bytesTotal } = job.progress;
  const active = job.status === 'running' || job.status === 'queued';
  const canRetry =
    job.status === 'waiting-retry' || job.status === 'paused-auth' || job.status === 'failed';
  return (
    <section class="delivery-progress" aria-labelledby={`delivery-${job.id}`}>
      <h2 id={`delivery-${job.id}`}>{t('delivery_heading', job.captureReference)}</h2>
      <p role="status" aria-live="polite">
        {describeJob(job)}
      </p>
      {bytesTotal > 0 && job.status !== 'delivered' && job.status !== 'cancelled' && (
        <p>
          <progress
            aria-label={t('delivery_filesUploaded')}
            max={bytesTotal}
            value={bytesUploaded}
            aria-valuetext={t('delivery_bytesOf', [
              formatBytes(bytesUploaded),
              formatBytes(bytesTotal),
            ])}
          />{' '}
          {t('delivery_bytesOf', [formatBytes(bytesUploaded), formatBytes(bytesTotal)])}
        </p>
      )}
      {job.lastError &&
        !active &&
        job.status !== 'delivered' &&
        !(job.status === 'waiting-retry' && WAIT_TEXT[job.lastError.code]) && (
          <ErrorNotice error={job.lastError} />
        )}
      {job.status === 'needs-edit' && job.lastError?.fields && (
        <ul aria-label={t('delivery_fieldsToCorrect')}>
          {Object.entries(job.lastError.fields).map(([field, message]) => {
            const words = job.lastError?.fieldWords?.[field];
            return (
              <li key={field}>
                {field}: {words ? t(words.key as MessageKey, words.values ?? []) : message}
              </li>
            );
          })}
        </ul>
      )}
      <p class="actions">
        {job.status === 'paused-auth' && (
          <button type="button" onClick={onSignIn}>
            {t('common_signInToPortal')}
          </button>
        )}
        {canRetry && (
          <button type="button" onClick={() => onRetryNow(job.id)}>
            {t('delivery_retryNow')}
          </button>
        )}
        {job.cancellable && (
          <button type="button" onClick={() => onCancel(job.id)}>
            {t('delivery_cancelSending')}
          </button>
        )}
      </p>
    </section>
  );
}
