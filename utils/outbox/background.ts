/**
 * The outbox in the background worker: builds it from the browser's parts and answers the
 * outbox messages. Wired by one line each in entrypoints/background.ts.
 *
 * Resuming after the worker or the browser was stopped: this module runs on every start of
 * the worker (a fresh in-memory state), so it recovers jobs left `running` and runs what is
 * due at once; an alarm set for the next due job wakes a stopped worker; start-up, install
 * and the worker's `online` event run the outbox too.
 */
import { browser } from 'wxt/browser';
import { deleteBlob, getBlob, putBlob } from '../blob-store';
import { AppError, type ErrorInfo } from '../errors';
import { errorText, plural, t } from '../i18n';
import { getPortalClient } from '../portal/service';
import { readPortalSettings, watchEffectiveSettings } from '../settings/effective';
import { outboxJobsItem, savedColleaguesItem } from './items';
import { isOpen, type Job, type JobInput } from './job';
import { type Colleague, findPeople, rememberColleagues } from './people';
import { listMyRequests, outboxPortal } from './portal-adapter';
import type { OutboxStatus, Report } from './protocol';
import { withdrawnKeys } from './reconcile';
import { buildReportHtml, type ReportFile, reportFileName } from './report';
import { E2E_TIMINGS, TIMINGS } from './retry-policy';
import { createOutbox, jobView, type Outbox } from './scheduler';
import { createJobStore } from './store';

const OUTBOX_ALARM = 'outbox';

/** Shown in the delivery notification (the extension ships no icon files yet). */
const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAyUlEQVR42u3aTQ5AMBCG4d7E0RzV0dgJSbXTzn99k1h7nwWKllKZbT/OiEehTNR4EiJ6fBORJb6KyBb/QmSNvxEAAAAAAAAAEOV4TjpAbdIAviYFoDXhAdx4V4BEvBtAKt4FIBlvDpCOHwZwTqgRPwTgnFgrng2gBoQG9CI041nXACVGO37qLkSNsoifvo324qziWc+BmQn3QuMdL/Ik9owXW0p4xYuuhTzixRdz1vH4rAIAAAAA8O8/lev86F5iq8ESmz0ybre5AG1C7F1zBeYOAAAAAElFTkSuQmCC';

/** Chrome stops a worker idle for 30 s, also mid-fetch; an extension API call resets that. */
const KEEP_ALIVE_MS = 20_000;

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * The portal client for a job written for `portal`. The connection in force is the merged one
 * (the organisation's policy over the saved settings): a portal set only by policy delivers.
 */
export async function portalFor(portal: string) {
  const settings = await readPortalSettings();
  if (settings && originOf(settings.portalUrl) !== originOf(portal)) {
    throw new AppError({
      code: 'not-configured',
      message: `This report was written for ${portal}, but the extension is now connected to ${settings.portalUrl}. Connect that portal again in the options, or download the report.`,
      messageKey: 'error_portalChanged',
      values: [portal, settings.portalUrl],
    });
  }
  return outboxPortal(await getPortalClient());
}

/** The toolbar button says how many reports wait, and when the user must sign in. */
export async function updateBadge(jobs: readonly Job[]): Promise<void> {
  const waiting = jobs.filter(isOpen).length;
  const signIn = jobs.some((job) => job.status === 'paused-auth');
  await browser.action.setBadgeText({ text: signIn ? '!' : waiting > 0 ? String(waiting) : '' });
  await browser.action.setBadgeBackgroundColor({ color: signIn ? '#b3261e' : '#1f5fbf' });
  await browser.action.setTitle({
    title: signIn
      ? t('action_titleSignIn')
      : waiting > 0
        ? plural('action_titleWaiting', waiting)
        : t('reportProblem'),
  });
}

async function notifyDelivered(job: Job): Promise<void> {
  const withdrawn = withdrawnKeys(job);
  const summary = job.summary || job.captureReference;
  try {
    await browser.notifications.create(`outbox:${job.id}`, {
      type: 'basic',
      iconUrl: NOTIFICATION_ICON,
      title: job.result.issueKey ? t('delivery_filedAs', job.result.issueKey) : t('delivery_filed'),
      message:
        withdrawn.length > 0
          ? `${t('delivery_duplicateWithdrawn', [withdrawn.join(', '), job.result.issueKey ?? ''])} ${summary}`
          : summary,
    });
  } catch (error) {
    // Notifications may be turned off for the browser; the popup shows the result anyway.
    console.warn('Delivery notification failed', error);
  }
}

/** The report's progress could not be stored: the user learns why, and that it goes on. */
export async function notifyStorageFailure(job: Job, error: ErrorInfo): Promise<void> {
  try {
    await browser.notifications.create(`outbox-storage:${job.id}`, {
      type: 'basic',
      iconUrl: NOTIFICATION_ICON,
      title: job.summary || job.captureReference,
      message: errorText(error),
    });
  } catch (cause) {
    // Notifications may be turned off; the popup shows the job waiting with this error.
    console.warn('Storage notification failed', cause);
  }
}

let keepAlive: ReturnType<typeof setInterval> | undefined;

let outbox: Outbox | undefined;

function getOutbox(): Outbox {
  outbox ??= createOutbox({
    store: createJobStore(outboxJobsItem),
    portal: portalFor,
    blobs: {
      get: async (id) => (await getBlob(id))?.blob,
      delete: async (ids) => {
        for (const id of ids) await deleteBlob(id);
      },
    },
    now: () => Date.now(),
    random: () => Math.random(),
    newId: () => crypto.randomUUID(),
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    setAlarm: async (when) => {
      if (when === null) await browser.alarms.clear(OUTBOX_ALARM);
      else await browser.alarms.create(OUTBOX_ALARM, { when });
    },
    onDelivered: notifyDelivered,
    onStorageFailure: notifyStorageFailure,
    onChange: updateBadge,
    // The e2e build waits seconds for the portal's index, not minutes (retry-policy.ts).
    timings: import.meta.env.MODE === 'e2e' ? E2E_TIMINGS : TIMINGS,
    async adoptFiles(jobId, files) {
      const adopted = [];
      for (const file of files) {
        const stored = await getBlob(file.blobId);
        if (!stored) {
          throw new AppError({
            code: 'storage',
            message: `The file "${file.name}" is missing from the browser's storage. Remove it from the report or capture it again, then submit.`,
            messageKey: 'error_fileMissingSubmit',
            values: [file.name],
          });
        }
        const copy = await putBlob({ owner: `job:${jobId}`, blob: stored.blob, name: file.name });
        adopted.push({ ...file, blobId: copy.id, size: copy.size });
      }
      return adopted;
    },
    busy(active) {
      if (keepAlive !== undefined) clearInterval(keepAlive);
      keepAlive = active
        ? setInterval(() => void browser.runtime.getPlatformInfo(), KEEP_ALIVE_MS)
        : undefined;
    },
  });
  return outbox;
}

/** Installs the listeners (synchronously, at the worker's start) and resumes the outbox. */
export function startOutbox(): void {
  const box = getOutbox();
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void box.kick();
  });
  // A click on "Filed as KEY-1" opens the request in the portal.
  browser.notifications.onClicked.addListener((notificationId) => {
    if (!notificationId.startsWith('outbox:')) return;
    void box.list().then((jobs) => {
      const url = jobs.find((job) => `outbox:${job.id}` === notificationId)?.result.webUrl;
      if (url) void browser.tabs.create({ url });
    });
  });
  browser.runtime.onStartup.addListener(() => void box.kick());
  browser.runtime.onInstalled.addListener(() => void box.kick());
  // `navigator.onLine` true is only a hint (docs/platform-facts.md#online-status-is-a-hint):
  // a run that fails just waits again.
  self.addEventListener('online', () => void box.online());
  // A changed connection in force (saved settings or the organisation's policy) resumes paused
  // jobs (so does a saved or tested one, see afterSignIn). A portal-session sign-in in a tab is
  // not seen here; paused jobs re-check every few minutes and the popup offers "Retry now".
  let connection: string | undefined;
  watchEffectiveSettings(() => {
    void readPortalSettings().then((settings) => {
      const next = JSON.stringify(settings);
      if (connection !== undefined && next !== connection) void box.resumeAfterSignIn();
      connection = next;
    });
  });
  void readPortalSettings().then((settings) => {
    connection ??= JSON.stringify(settings);
  });
  void box.recover().then(() => box.kick());
}

/**
 * Passes a value through and resumes auth-paused jobs: chained to the connection messages
 * (saved, or tested successfully), which are what "signed in again" looks like from here.
 */
export function afterSignIn<T>(value: T): T {
  void getOutbox().resumeAfterSignIn();
  return value;
}

export async function submitJob(job: JobInput, replaces?: string) {
  const settings = await readPortalSettings();
  const portal = job.portal ?? settings?.portalUrl;
  const created = await getOutbox().submit({ ...job, ...(portal ? { portal } : {}) }, replaces);
  return jobView(created, Date.now());
}

export async function getOutboxStatus(): Promise<OutboxStatus> {
  const jobs = await getOutbox().list();
  const now = Date.now();
  return {
    jobs: jobs.map((job) => jobView(job, now)).reverse(),
    waiting: jobs.filter(isOpen).length,
    signInNeeded: jobs.some((job) => job.status === 'paused-auth'),
  };
}

export async function cancelJob(id: string) {
  return jobView(await getOutbox().cancel(id), Date.now());
}

export async function retryNow(id?: string): Promise<OutboxStatus> {
  const box = getOutbox();
  // Answer at once: the popup may close; progress is read with getOutboxStatus.
  void box.retryNow(id);
  return getOutboxStatus();
}

export async function shareRequest(
  id: string,
  people: readonly Colleague[],
  emails: readonly string[] = [],
) {
  const outcome = await getOutbox().share(
    id,
    people.map((person) => person.accountId),
    emails,
  );
  const added = people.filter((person) => outcome.added.includes(person.accountId));
  if (added.length > 0) {
    await savedColleaguesItem.set(rememberColleagues(await savedColleaguesItem.get(), added));
  }
  return outcome;
}

export async function listColleagues() {
  return { colleagues: await savedColleaguesItem.get() };
}

export async function searchPeople(query: string) {
  return findPeople(await getPortalClient(), query);
}

export async function myRequests(requestStatus?: 'OPEN_REQUESTS' | 'ALL_REQUESTS') {
  const requests = await listMyRequests(await getPortalClient(), requestStatus);
  // Which requests the outbox kept and which duplicates it withdrew.
  const jobs = await getOutbox().list();
  return {
    requests: requests.map((request) => {
      const keptBy = jobs.find((job) => job.result.issueKey === request.issueKey);
      const withdrawnFor = jobs.find((job) => withdrawnKeys(job).includes(request.issueKey));
      const duplicates = keptBy ? withdrawnKeys(keptBy) : [];
      return {
        ...request,
        ...(duplicates.length > 0 ? { duplicatesWithdrawn: duplicates } : {}),
        ...(withdrawnFor?.result.issueKey
          ? { withdrawnInFavourOf: withdrawnFor.result.issueKey }
          : {}),
      };
    }),
  };
}

export async function downloadReport(id: string): Promise<Report> {
  const job = (await getOutbox().list()).find((candidate) => candidate.id === id);
  if (!job) {
    throw new AppError({
      code: 'not-found',
      message: 'This report is no longer in the outbox, so it cannot be downloaded.',
      messageKey: 'error_reportGoneDownload',
    });
  }
  const files: ReportFile[] = [];
  for (const file of job.attachments) {
    const stored = await getBlob(file.blobId);
    if (stored) files.push({ name: file.name, type: file.type, data: stored.blob });
  }
  return {
    fileName: reportFileName(job),
    mimeType: 'text/html',
    content: await buildReportHtml(job, files),
  };
}
