/**
 * After submit (loaded on demand): the outbox job's progress, then the result with the issue
 * key, "Copy link", escalation for a P1, sharing with colleagues and "My requests". The outbox delivers on its own; this
 * only reads its status, so closing the popup loses nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DeliveryProgress } from '@/components/delivery/DeliveryProgress';
import { DeliveryResult } from '@/components/delivery/DeliveryResult';
import { DownloadReportButton } from '@/components/delivery/DownloadReportButton';
import {
  type EscalationChannel,
  EscalationChannels,
} from '@/components/delivery/EscalationChannels';
import { MyRequestsList, type MyRequestView } from '@/components/delivery/MyRequestsList';
import { SendByEmailButton } from '@/components/delivery/SendByEmailButton';
import {
  type Colleague,
  type ShareOutcomeView,
  ShareWithColleagues,
} from '@/components/delivery/ShareWithColleagues';
import { ErrorNotice } from '@/components/ErrorNotice';
import { Icon } from '@/components/ui/Icon';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messages/background';
import { saveReport } from '@/utils/outbox/download';
import type { JobView } from '@/utils/outbox/job';
import { mailtoFor, reportText } from '@/utils/portal/mailto';
import { loginUrlFor } from '@/utils/profile/vendor-profiles';

interface DeliveryViewProps {
  jobId: string;
  portalUrl?: string;
  /** The job needs changes: back to the form with the portal's refusal, to submit again. */
  onEdit: (refusal?: ErrorInfo) => void;
  onNewReport: () => void;
  /** The draft's severity: a P1 shows the vendor's escalation channels. */
  severity?: string;
  escalation?: readonly EscalationChannel[];
  /** The vendor profile's support address: "Send by e-mail" when the portal refuses. */
  supportEmail?: string;
  /** The request type lets customers add participants (undefined: not known). */
  canAddParticipants?: boolean;
  /** Delivered: the draft is no longer needed (the background removes it too). */
  onDelivered: () => void;
}

const POLL_MS = 1000;
// A delivered job still checked for a duplicate is polled on: the kept key may be shown.
const done = (job: JobView | undefined) =>
  job !== undefined &&
  !job.checking &&
  ['delivered', 'cancelled', 'needs-edit'].includes(job.status);

export function DeliveryView({
  jobId,
  portalUrl,
  onEdit,
  onNewReport,
  onDelivered,
  severity,
  escalation = [],
  supportEmail,
  canAddParticipants,
}: DeliveryViewProps) {
  const [job, setJob] = useState<JobView>();
  const [error, setError] = useState<ErrorInfo>();
  const [copied, setCopied] = useState(false);
  const [mine, setMine] = useState<{
    list: MyRequestView[] | null;
    loading: boolean;
    error?: ErrorInfo;
  }>({
    list: null,
    loading: false,
  });
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  const [found, setFound] = useState<{
    people: Colleague[];
    note?: string;
    noteKey?: 'share_limitedSearch';
  } | null>(null);
  const [shared, setShared] = useState<ShareOutcomeView>();
  const [sharing, setSharing] = useState(false);
  const fail = (cause: unknown) => setError(AppError.from(cause).info);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const status = await sendMessage('getOutboxStatus', {});
        const found = status.jobs.find((j) => j.id === jobId);
        if (!live) return;
        setJob(found);
        if (found && done(found)) return;
      } catch (cause) {
        if (live) fail(cause);
      }
      if (live) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId]);

  const loadMine = async () => {
    setMine((m) => ({ ...m, loading: true, error: undefined }));
    try {
      const { requests } = await sendMessage('listMyRequests', { requestStatus: 'OPEN_REQUESTS' });
      setMine({ list: requests, loading: false });
    } catch (cause) {
      setMine({ list: null, loading: false, error: AppError.from(cause).info });
    }
  };
  useEffect(() => {
    if (job?.status !== 'delivered') return;
    onDelivered();
    void loadMine();
    sendMessage('listColleagues', {}).then((r) => setColleagues(r.colleagues), fail);
  }, [job?.status]);
  // A duplicate was withdrawn: "My requests" shows which request was kept.
  const withdrawn = job?.withdrawn.join(',') ?? '';
  useEffect(() => {
    if (withdrawn) void loadMine();
  }, [withdrawn]);

  if (!job) {
    return (
      <div class="stage-content">
        {error ? <ErrorNotice error={error} /> : <p role="status">{t('popup_readingDelivery')}</p>}
      </div>
    );
  }
  const delivered = job.status === 'delivered';
  return (
    <section class="stage-content delivery-stage" aria-label={t('popup_delivery')}>
      {/* Once filed, the result says so (once): the progress line would repeat it. */}
      {!delivered && (
        <DeliveryProgress
          job={job}
          onCancel={(id) => void sendMessage('cancelJob', { id }).then(setJob, fail)}
          onRetryNow={(id) => void sendMessage('retryNow', { id }).catch(fail)}
          onSignIn={() => portalUrl && void browser.tabs.create({ url: loginUrlFor(portalUrl) })}
        />
      )}
      {/* Live from the start, so "Filed as …" is read out when the progress line goes. */}
      <div aria-live="polite" class={delivered ? 'card delivery-done-card' : undefined}>
        {delivered && <Icon name="check" class="delivery-done-icon" />}
        <DeliveryResult
          job={job}
          copied={copied}
          onCopyLink={async (url) => {
            await navigator.clipboard.writeText(url);
            setCopied(true);
          }}
        />
      </div>
      {job.status === 'needs-edit' && (
        <button type="button" onClick={() => onEdit(job.lastError ?? undefined)}>
          {t('popup_correctRequest')}
        </button>
      )}
      {(job.status === 'failed' ||
        job.status === 'waiting-retry' ||
        job.status === 'paused-auth') && (
        <DownloadReportButton
          onDownload={() =>
            void sendMessage('downloadReport', { id: job.id }).then(saveReport, fail)
          }
        />
      )}
      {job.status === 'failed' && job.lastError?.code === 'forbidden' && supportEmail && (
        <SendByEmailButton
          address={supportEmail}
          onSend={() =>
            void sendMessage('downloadReport', { id: job.id })
              .then(async (report) => {
                await saveReport(report);
                const href = mailtoFor({
                  to: supportEmail,
                  summary: job.summary,
                  text: reportText(report.content),
                  attachNote: t('report_attachNote'),
                  cutNote: t('report_cutNote'),
                });
                await browser.tabs.create({ url: href });
              })
              .catch(fail)
          }
        />
      )}
      {error && <ErrorNotice error={error} />}
      {job.status === 'delivered' && job.issueKey && (
        <>
          <EscalationChannels severity={severity} issueKey={job.issueKey} channels={escalation} />
          <ShareWithColleagues
            issueKey={job.issueKey}
            webUrl={job.webUrl}
            colleagues={colleagues}
            canAddParticipants={canAddParticipants}
            searchResults={found?.people ?? null}
            searchLimitNote={found?.noteKey ? t(found.noteKey) : found?.note}
            outcome={shared}
            busy={sharing}
            onSearch={(query: string) =>
              void sendMessage('findPeople', { query }).then(setFound, fail)
            }
            onShare={(accountIds: string[]) => {
              setSharing(true);
              const known = [...colleagues, ...(found?.people ?? [])];
              const people = accountIds.map(
                (accountId) =>
                  known.find((p) => p.accountId === accountId) ?? {
                    accountId,
                    displayName: accountId,
                  },
              );
              sendMessage('shareRequest', { id: job.id, people })
                .then(setShared, fail)
                .finally(() => setSharing(false));
            }}
          />
        </>
      )}
      {job.status === 'delivered' && (
        <MyRequestsList
          requests={mine.list}
          loading={mine.loading}
          error={mine.error}
          onRefresh={() => void loadMine()}
        />
      )}
      {(job.status === 'delivered' || job.status === 'cancelled') && (
        <div class="stage-footer">
          <span class="stage-footer-status" />
          <button type="button" class="btn-primary btn-lg" onClick={onNewReport}>
            {t('popup_newReport')}
          </button>
        </div>
      )}
    </section>
  );
}
