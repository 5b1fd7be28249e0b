import { ErrorNotice } from '@/components/ErrorNotice';
import { formatBytes } from '@/utils/outbox/batch';
import type { JobView } from '@/utils/outbox/job';

const STEP_TEXT: Record<JobView['step'], string> = {
  create: 'Filing the request',
  upload: 'Uploading files',
  attach: 'Attaching files',
  participants: 'Sharing with colleagues',
  done: 'Done',
};

function seconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 90 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}

/** One sentence on where the delivery stands and what happens next. */
export function describeJob(job: JobView): string {
  switch (job.status) {
    case 'queued':
    case 'running':
      return `${STEP_TEXT[job.step]}…`;
    case 'waiting-retry':
      return `The portal could not be reached or is busy. Trying again in ${seconds(job.waitMs)}; you can close this window, nothing is lost.`;
    case 'paused-auth':
      return 'Paused: sign in to the portal again, then press "Retry now". Nothing is lost.';
    case 'needs-edit':
      return 'The portal did not accept some fields. Correct them and submit again.';
    case 'failed':
      return 'Not filed. Fix the problem below, then press "Retry now", or download the report.';
    case 'delivered':
      return job.issueKey ? `Filed as ${job.issueKey}.` : 'Filed.';
    case 'cancelled':
      return 'Cancelled; nothing was filed.';
  }
}

export interface DeliveryProgressProps {
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
      <h2 id={`delivery-${job.id}`}>Delivery of {job.captureReference}</h2>
      <p role="status" aria-live="polite">
        {describeJob(job)}
      </p>
      {bytesTotal > 0 && job.status !== 'delivered' && job.status !== 'cancelled' && (
        <p>
          <progress
            aria-label="Files uploaded"
            max={bytesTotal}
            value={bytesUploaded}
            aria-valuetext={`${formatBytes(bytesUploaded)} of ${formatBytes(bytesTotal)}`}
          />{' '}
          {formatBytes(bytesUploaded)} of {formatBytes(bytesTotal)}
        </p>
      )}
      {job.lastError && !active && job.status !== 'delivered' && (
        <ErrorNotice error={job.lastError} />
      )}
      {job.status === 'needs-edit' && job.lastError?.fields && (
        <ul aria-label="Fields to correct">
          {Object.entries(job.lastError.fields).map(([field, message]) => (
            <li key={field}>
              {field}: {message}
            </li>
          ))}
        </ul>
      )}
      <p class="actions">
        {job.status === 'paused-auth' && (
          <button type="button" onClick={onSignIn}>
            Sign in to the portal
          </button>
        )}
        {canRetry && (
          <button type="button" onClick={() => onRetryNow(job.id)}>
            Retry now
          </button>
        )}
        {job.cancellable && (
          <button type="button" onClick={() => onCancel(job.id)}>
            Cancel sending
          </button>
        )}
      </p>
    </section>
  );
}
