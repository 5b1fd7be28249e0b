/**
 * The outbox service: accepts jobs, runs them one at a time, and wakes itself up.
 *
 * Framework-free: the browser parts (alarms, timers, notifications, badge, the portal client)
 * come in through `OutboxEnv`, wired in utils/outbox/background.ts.
 *
 * - Serialized: one in-memory promise chain runs every job, so at most one job talks to a
 *   portal at a time (stricter than "one per portal": there is one portal per user). A job
 *   persisted as `running` belongs to a worker that was stopped; `recover()` at start-up
 *   turns it back into `queued`, and its write-ahead flags (runner.ts) keep it exactly-once.
 * - Woken up by an alarm at the next due time (the worker may be stopped meanwhile; Chrome
 *   fires alarms no sooner than 30 s, docs/platform-facts.md#alarms-minimum-delay), plus a
 *   timer while the worker lives when a job is due sooner than that (a 2 s Retry-After must
 *   not wait 30 s).
 */
import { AppError, type ErrorInfo } from '../errors';
import { storageErrorInfo, storageFailureOf } from '../storage-errors';
import {
  type AttachmentRef,
  cancellable,
  checking,
  createJob,
  currentStep,
  isOpen,
  type Job,
  type JobInput,
  JobInputSchema,
  type JobView,
  mentionsReference,
} from './job';
import { withdrawnKeys } from './reconcile';
import { type DeliveryTimings, TIMINGS } from './retry-policy';
import { type BlobSource, isDue, type OutboxPortal, runJob } from './runner';
import { addParticipants, type ShareOutcome } from './step-share';
import type { JobStore } from './store';

interface OutboxBlobs extends BlobSource {
  delete?(ids: readonly string[]): Promise<void>;
}

interface OutboxEnv {
  store: JobStore;
  /** The portal client for a job's portal; throws `not-configured` when there is none. */
  portal(portal: string): Promise<OutboxPortal>;
  blobs: OutboxBlobs;
  now(): number;
  random(): number;
  newId(): string;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Sets the wake-up alarm at `when` (epoch ms), or clears it with `null`. */
  setAlarm(when: number | null): Promise<void>;
  /** Chrome's minimum alarm delay (30 s); shorter waits also use a timer. */
  minAlarmDelayMs?: number;
  /**
   * Told when a job was delivered (the notification), and again when the request kept
   * changed or a duplicate was withdrawn.
   */
  onDelivered?(job: Job): void | Promise<void>;
  /** The retry policy's timings (retry-policy.ts); the e2e build shortens the waits. */
  timings?: DeliveryTimings;
  /** Told whenever jobs change (badge, progress). */
  onChange?(jobs: readonly Job[]): void | Promise<void>;
  /**
   * Gives the job its own copies of the files (so closing the tab, whose screenshots are
   * cleaned up, cannot take them away). Returns the refs to store in the job.
   */
  adoptFiles?(jobId: string, files: readonly AttachmentRef[]): Promise<AttachmentRef[]>;
  /** Told when a run starts and ends (the background keeps the worker alive meanwhile). */
  busy?(active: boolean): void;
  /**
   * Told when a job's progress could not be stored (a full or refusing storage): the job waits
   * and is tried again after `storageRetryMs` (retry-policy.ts; the notification says what to do).
   */
  onStorageFailure?(job: Job, error: ErrorInfo): void | Promise<void>;
}

/** How long finished jobs are kept (for the result view and "Download report"). */
const KEEP_FINISHED_MS = 7 * 24 * 3600_000;
const KEEP_FINISHED_COUNT = 20;
/** Guard against a job that would be due again at once, forever. */
const MAX_RUNS_PER_DRAIN = 200;

export interface Outbox {
  submit(input: JobInput, replaces?: string): Promise<Job>;
  list(): Promise<Job[]>;
  cancel(id: string): Promise<Job>;
  /** Runs waiting jobs now (one, or all); also resumes auth-paused and failed jobs. */
  retryNow(id?: string): Promise<void>;
  /** After sign-in: resumes every auth-paused job at once. */
  resumeAfterSignIn(): Promise<void>;
  /** The network came back: network-failed jobs need not wait out their backoff. */
  online(): Promise<void>;
  /** At start-up: jobs left `running` by a stopped worker become `queued` again. */
  recover(): Promise<void>;
  /** Runs whatever is due, then sets the next wake-up. Resolves when the outbox is idle. */
  kick(): Promise<void>;
  /** Adds participants by accountId; `emails` go by the portal's own share (runner.ts). */
  share(
    id: string,
    accountIds: readonly string[],
    emails?: readonly string[],
  ): Promise<ShareOutcome>;
}

function notFound(id: string): AppError {
  return new AppError({
    code: 'not-found',
    message: `The report ${id} is no longer in the outbox. Open "My requests" to see what was filed.`,
    messageKey: 'error_reportGone',
    values: [id],
  });
}

export function createOutbox(env: OutboxEnv): Outbox {
  const minAlarm = env.minAlarmDelayMs ?? 30_000;
  let draining: Promise<void> | undefined;
  let again = false;
  let timer: unknown;
  /**
   * Jobs whose progress the storage refused, with why and when they are tried again. Kept in
   * memory only (their stored state says `running`): they are queued again once the storage
   * takes writes, and a stopped worker's `recover()` does the same. Their write-ahead flags
   * (runner.ts) keep them exactly-once whatever step the refusal stopped.
   */
  const unsaved = new Map<string, { error: ErrorInfo; retryAt: number }>();

  /** Jobs the user was told about (once per job while the worker lives). */
  const told = new Set<string>();

  /** A refused write of the outbox: the job waits, the user is told; anything else throws. */
  const storageRefused = async (job: Job, cause: unknown): Promise<boolean> => {
    if (!(cause instanceof AppError) || cause.code !== 'storage') return false;
    const error = storageErrorInfo('delivery', storageFailureOf(cause.cause ?? cause));
    unsaved.set(job.id, { error, retryAt: env.now() + (env.timings ?? TIMINGS).storageRetryMs });
    if (!told.has(job.id)) {
      told.add(job.id);
      await env.onStorageFailure?.(job, error);
    }
    return true;
  };

  /** Jobs as stored, and those whose progress was refused as waiting, with why. */
  const listWithUnsaved = async (): Promise<Job[]> =>
    (await env.store.list()).map((job) => {
      const refused = unsaved.get(job.id);
      return refused && job.status === 'running'
        ? {
            ...job,
            status: 'waiting-retry',
            nextAttemptAt: refused.retryAt,
            lastError: refused.error,
          }
        : job;
    });

  const publish = async () => {
    if (env.onChange) await env.onChange(await env.store.list());
  };
  const save = async (job: Job) => {
    await env.store.save(job);
    await publish();
  };
  const update = async (id: string, change: (job: Job) => Job | undefined) => {
    const job = await env.store.update(id, change);
    await publish();
    return job;
  };

  async function scheduleNext(jobs: readonly Job[]): Promise<void> {
    if (timer !== undefined) env.clearTimer(timer);
    timer = undefined;
    const times = jobs
      .filter(
        (job) =>
          job.status === 'queued' ||
          job.status === 'waiting-retry' ||
          job.status === 'paused-auth' ||
          checking(job),
      )
      .map((job) => job.nextAttemptAt ?? env.now());
    for (const { retryAt } of unsaved.values()) times.push(retryAt);
    if (times.length === 0) {
      await env.setAlarm(null);
      return;
    }
    const next = Math.min(...times);
    const wait = Math.max(0, next - env.now());
    // The alarm survives a stopped worker; the timer covers waits the alarm cannot.
    await env.setAlarm(env.now() + Math.max(wait, minAlarm));
    if (wait < minAlarm) timer = env.setTimer(() => void kick(), wait);
  }

  async function prune(jobs: readonly Job[]): Promise<void> {
    const finished = jobs
      .filter((job) => !isOpen(job) && !checking(job))
      .sort((a, b) => b.updatedAt - a.updatedAt);
    const old = finished.filter(
      (job, index) => index >= KEEP_FINISHED_COUNT || env.now() - job.updatedAt > KEEP_FINISHED_MS,
    );
    if (old.length === 0) return;
    await env.store.remove(old.map((job) => job.id));
    // Files are deleted only once the job is finished and old: never before the portal has
    // confirmed (or the user cancelled).
    await env.blobs.delete?.(old.flatMap((job) => job.attachments.map((file) => file.blobId)));
  }

  /** Queues again the jobs whose progress was refused, once the storage takes writes. */
  async function requeueUnsaved(): Promise<boolean> {
    for (const [id, { retryAt }] of unsaved) {
      if (retryAt > env.now()) return false;
      try {
        await update(id, (current) =>
          current.status === 'running'
            ? { ...current, status: 'queued', nextAttemptAt: null }
            : current,
        );
        unsaved.delete(id);
      } catch (error) {
        const job = await env.store.get(id);
        if (!job || !(await storageRefused(job, error))) throw error;
        return false;
      }
    }
    return true;
  }

  async function drainOnce(): Promise<void> {
    if (!(await requeueUnsaved())) return scheduleNext(await env.store.list());
    for (let runs = 0; runs < MAX_RUNS_PER_DRAIN; runs++) {
      const due = (await env.store.list()).filter((job) => isDue(job, env.now()));
      const job = due[0];
      if (!job) break;
      let portal: OutboxPortal;
      try {
        portal = await env.portal(job.portal);
      } catch (error) {
        const info: ErrorInfo = AppError.from(error).info;
        if (checking(job)) {
          // Filed already; the portal is no longer the connected one: stop looking.
          await update(job.id, (current) => ({
            ...current,
            steps: { ...current.steps, reconcile: 'done' },
            nextAttemptAt: null,
          }));
          continue;
        }
        await update(job.id, (current) => ({
          ...current,
          status: 'failed',
          lastError: info,
          nextAttemptAt: null,
          updatedAt: env.now(),
        }));
        continue;
      }
      // Claimed atomically: a cancel that got in first wins, and none can come after.
      // A filed job being checked for duplicates stays "delivered" while it runs.
      let claimedNow = false;
      let result: Job;
      try {
        const claimed = await update(job.id, (current) => {
          if (!isDue(current, env.now())) return undefined;
          claimedNow = true;
          return {
            ...current,
            status: checking(current) ? current.status : 'running',
            nextAttemptAt: null,
          };
        });
        if (!claimed || !claimedNow) continue;
        result = await runJob(
          claimed,
          {
            portal,
            blobs: env.blobs,
            save,
            now: env.now,
            random: env.random,
            timings: env.timings ?? TIMINGS,
          },
          { claimed: true },
        );
      } catch (error) {
        if (!(await storageRefused(job, error))) throw error;
        // The storage refuses writes: nothing more runs until it takes them again.
        break;
      }
      const said = notice(result);
      if (result.status === 'delivered' && said && said !== result.result.notified) {
        await env.onDelivered?.(result);
        await update(result.id, (current) => ({
          ...current,
          result: { ...current.result, notified: said },
        }));
      }
    }
    const jobs = await env.store.list();
    // Pruning frees storage; when the storage refuses even that, the jobs still wait their turn.
    await prune(jobs).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'storage')) throw error;
    });
    await scheduleNext(jobs);
  }

  function kick(): Promise<void> {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      env.busy?.(true);
      try {
        do {
          again = false;
          await drainOnce();
        } while (again);
      } finally {
        draining = undefined;
        env.busy?.(false);
      }
    })();
    return draining;
  }

  const wakeAll = async (pick: (job: Job) => boolean) => {
    for (const job of await env.store.list()) {
      if (!pick(job)) continue;
      await update(job.id, (current) =>
        pick(current) ? { ...current, status: 'queued', nextAttemptAt: null } : current,
      );
    }
  };

  return {
    async submit(raw, replaces) {
      const input = JobInputSchema.parse(raw);
      const portalUrl = input.portal;
      if (!portalUrl) {
        throw new AppError({
          code: 'not-configured',
          message:
            'No portal is connected yet. Open the extension options, connect the portal, then submit again.',
          messageKey: 'error_notConnectedSubmit',
        });
      }
      // Without the reference in its text a request cannot be found again after a lost
      // answer, and exactly-once delivery would rest on luck.
      if (!mentionsReference(input.requestFieldValues, input.captureReference)) {
        throw new AppError({
          code: 'internal',
          message: `The request text lacks its capture reference (${input.captureReference}); it was not sent. Reopen the report and submit again.`,
          messageKey: 'error_referenceMissing',
          values: [input.captureReference],
        });
      }
      for (const file of input.attachments) {
        if (!(await env.blobs.get(file.blobId))) {
          throw new AppError({
            code: 'storage',
            message: `The file "${file.name}" is missing from the browser's storage. Remove it from the report or capture it again, then submit.`,
            messageKey: 'error_fileMissingSubmit',
            values: [file.name],
          });
        }
      }
      if (replaces) {
        const old = await env.store.get(replaces);
        if (old && old.status !== 'needs-edit' && !cancellable(old)) {
          throw new AppError({
            code: 'internal',
            message: 'The earlier submission is already being filed; it cannot be replaced.',
            messageKey: 'error_replaceInProgress',
          });
        }
      }
      const id = env.newId();
      const attachments = env.adoptFiles
        ? await env.adoptFiles(id, input.attachments)
        : input.attachments;
      const job = createJob({ ...input, portal: portalUrl, attachments }, id, env.now());
      // Persisted before any network call: from here on nothing is lost.
      await save(job);
      if (replaces) {
        await update(replaces, (old) => ({ ...old, status: 'cancelled', updatedAt: env.now() }));
      }
      void kick();
      return job;
    },

    list: listWithUnsaved,

    async cancel(id) {
      let refused: AppError | undefined;
      const job = await update(id, (current) => {
        if (!cancellable(current) && current.status !== 'needs-edit') {
          const filed = current.steps.create === 'done';
          const issueKey = current.result.issueKey;
          refused = new AppError({
            code: 'cancelled',
            message: filed
              ? `It is already filed as ${issueKey ?? 'a request'}; it can no longer be cancelled.`
              : 'The portal may already have it (the last attempt got no answer); it cannot be cancelled until that is known. Try again in a minute.',
            ...(!filed
              ? { messageKey: 'error_cancelUnknown' }
              : issueKey
                ? { messageKey: 'error_cancelFiled', values: [issueKey] }
                : { messageKey: 'error_cancelFiledNoKey' }),
          });
          return current;
        }
        return { ...current, status: 'cancelled', nextAttemptAt: null, updatedAt: env.now() };
      });
      if (refused) throw refused;
      if (!job) throw notFound(id);
      await scheduleNext(await env.store.list());
      return job;
    },

    async retryNow(id) {
      const resumable = (job: Job) =>
        (id === undefined || job.id === id) &&
        (job.status === 'waiting-retry' ||
          job.status === 'paused-auth' ||
          job.status === 'failed' ||
          job.status === 'queued');
      await wakeAll(resumable);
      await kick();
    },

    async resumeAfterSignIn() {
      // A job stopped for a token without the scopes is not on a timer: a newly saved
      // connection is what resumes it.
      await wakeAll(
        (job) =>
          job.status === 'paused-auth' ||
          (job.status === 'failed' && job.lastError?.code === 'scope'),
      );
      await kick();
    },

    async online() {
      await wakeAll(
        (job) =>
          job.status === 'waiting-retry' &&
          (job.lastError?.code === 'network' || job.lastError?.code === 'timeout'),
      );
      await kick();
    },

    async recover() {
      await wakeAll((job) => job.status === 'running');
    },

    kick,

    async share(id, accountIds, emails = []) {
      const job = await env.store.get(id);
      if (!job?.result.issueKey) throw notFound(id);
      const portal = await env.portal(job.portal);
      const outcome = await addParticipants(portal, job.result.issueKey, accountIds, emails);
      await update(id, (current) => ({
        ...current,
        participants: [...new Set([...current.participants, ...accountIds])],
        result: {
          ...current.result,
          participantsAdded: [...new Set([...current.result.participantsAdded, ...outcome.added])],
          participantsRejected: [
            ...new Set([...current.result.participantsRejected, ...outcome.rejected]),
          ],
          sharingNotPermitted: current.result.sharingNotPermitted || outcome.notPermitted,
        },
        updatedAt: env.now(),
      }));
      return outcome;
    },
  };
}

/** What the delivery notification says: the kept key and the withdrawn duplicates. */
function notice(job: Job): string | undefined {
  if (!job.result.issueKey) return undefined;
  return [job.result.issueKey, ...withdrawnKeys(job)].join(' ');
}

/** What the popup shows of a job (no field values, no blob ids). */
export function jobView(job: Job, now: number): JobView {
  return {
    id: job.id,
    status: job.status,
    step: currentStep(job),
    summary: job.summary,
    captureReference: job.captureReference,
    createdAt: job.createdAt,
    nextAttemptAt: job.nextAttemptAt,
    waitMs: job.nextAttemptAt === null ? 0 : Math.max(0, job.nextAttemptAt - now),
    attempts: job.totalAttempts,
    lastError: job.lastError,
    cancellable: cancellable(job),
    progress: job.progress,
    files: job.attachments.length,
    issueKey: job.result.issueKey ?? null,
    webUrl: job.result.webUrl ?? null,
    skipped: job.result.skipped.map(({ name, reason }) => ({ name, reason })),
    participantsAdded: job.result.participantsAdded,
    participantsRejected: job.result.participantsRejected,
    sharingNotPermitted: job.result.sharingNotPermitted,
    checking: checking(job),
    withdrawn: withdrawnKeys(job),
  };
}
