/**
 * The step machine of one delivery job: create -> upload -> attach -> participants -> done.
 *
 * Rules that make it deliver exactly once:
 * - Write-ahead: before a call that changes the portal (create, attach) the job is saved with
 *   `uncertain` set to that step, and the flag is cleared in the same save that records the
 *   answer. If the worker is stopped mid-call, or the answer is lost, the flag survives.
 * - An uncertain create is never repeated blindly: the runner waits for the portal's search
 *   index to catch up (TIMINGS.indexLagMs), then searches the user's requests for the job's
 *   capture reference and continues with the request it finds; it creates again only when
 *   the search answers and finds nothing. A failed search is just a failed attempt.
 * - After every create, the reconcile step (reconcile.ts) looks again once the index has
 *   caught up and withdraws any duplicate (the browser may re-send a create by itself).
 * - What an error means (retry, sign in, back to the composer, fail) is decided in one table,
 *   retry-policy.ts, with every timing constant.
 * - An uncertain attach is never repeated blindly either: the runner lists the request's
 *   attachments and re-attaches only the files whose names are missing (names are unique
 *   within a job, see job.ts). Re-sending the same temporary ids is not relied on: whether
 *   the portal consumes them on attach is not documented.
 * - Uploads change nothing visible (temporary files are not part of the request until they
 *   are attached), so they are simply redone; temporary ids older than TIMINGS.tempFileTtlMs are
 *   uploaded again because the portal expires them at an undocumented time.
 * - Adding a participant who already is one is a no-op on JSM, so that step is retried as is.
 *
 * The runner never sleeps: on a retryable error it sets `waiting-retry` and `nextAttemptAt`
 * and returns; the scheduler calls it again when due. It refuses to run before that time.
 */
import type { ErrorInfo } from '../errors';
import { checking, currentStep, type Job, type StepName } from './job';
import type { RunnerDeps } from './ports';
import { runReconcile, StepAgain, WaitUntil } from './reconcile';
import { decide, retryDelay, TIMINGS, UNREADABLE_CAP } from './retry-policy';
import { type StepRunner, toInfo } from './step-common';
import { runCreate } from './step-create';
import { runAttach, runUpload } from './step-files';
import { runParticipants } from './step-share';

export type { BlobSource, CreatedRequest, OutboxPortal, RunnerDeps } from './ports';

export function isDue(job: Job, now: number): boolean {
  if (
    job.status !== 'queued' &&
    job.status !== 'waiting-retry' &&
    job.status !== 'paused-auth' &&
    !checking(job)
  ) {
    return false;
  }
  return job.nextAttemptAt === null || job.nextAttemptAt <= now;
}

/**
 * Runs the job's steps until it is delivered or has to wait. `claimed`: the caller already
 * switched the stored job to `running` atomically (the scheduler does, so a cancel arriving
 * meanwhile cannot be overwritten).
 */
export async function runJob(
  job: Job,
  deps: RunnerDeps,
  options: { claimed?: boolean } = {},
): Promise<Job> {
  if (!options.claimed && !isDue(job, deps.now())) return job;
  const state: Job = structuredClone(job);
  const save = async () => {
    state.updatedAt = deps.now();
    await deps.save(structuredClone(state));
  };
  // A filed job that is only being checked for duplicates stays "delivered" meanwhile.
  if (!checking(state)) state.status = 'running';
  state.nextAttemptAt = null;
  await save();

  for (;;) {
    const step = currentStep(state);
    if (step === 'done') {
      state.status = 'delivered';
      state.lastError = null;
      state.attempts = 0;
      state.result.deliveredAt ??= deps.now();
      await save();
      return state;
    }
    try {
      await STEP_RUNNERS[step](state, deps, save);
      state.attempts = 0;
      state.lastError = null;
    } catch (error) {
      if (error instanceof StepAgain) {
        if (state.status === 'delivered') state.status = 'running';
        continue;
      }
      if (error instanceof WaitUntil) {
        state.status = error.status;
        state.nextAttemptAt = error.at;
        if (error.status === 'delivered') {
          state.lastError = null;
          state.attempts = 0;
          state.result.deliveredAt ??= deps.now();
        }
        await save();
        return state;
      }
      return fail(state, step, toInfo(error), deps, save);
    }
  }
}

async function fail(
  state: Job,
  step: StepName,
  error: ErrorInfo,
  deps: RunnerDeps,
  save: () => Promise<void>,
): Promise<Job> {
  state.lastError = error;
  state.totalAttempts += 1;
  const timings = deps.timings ?? TIMINGS;
  const rule = decide(error, state.attempts + 1);
  if (step === 'reconcile') {
    // The request is filed: a failed check never takes that back. Retryable errors look
    // again later; anything else ends the check (the duplicates found so far are withdrawn).
    state.status = 'delivered';
    state.lastError = null;
    if (rule.decision === 'retry' || rule.decision === 'sign-in') {
      state.attempts += 1;
      state.nextAttemptAt =
        deps.now() +
        (rule.decision === 'retry'
          ? retryDelay(error, state.attempts, deps.random, timings)
          : timings.authRecheckMs);
    } else {
      state.steps.reconcile = 'done';
      state.nextAttemptAt = null;
    }
    await save();
    return state;
  }
  if (rule.decision === 'retry') {
    state.attempts += 1;
    state.status = 'waiting-retry';
    state.nextAttemptAt = deps.now() + retryDelay(error, state.attempts, deps.random, timings);
  } else if (rule.decision === 'sign-in') {
    state.status = 'paused-auth';
    // Looked at again now and then: a portal-session sign-in happens in a tab, unseen.
    state.nextAttemptAt = deps.now() + timings.authRecheckMs;
  } else if (rule.decision === 'composer' && step === 'create') {
    state.status = 'needs-edit';
    state.nextAttemptAt = null;
  } else {
    // A refusal no retry fixes, a token without the scopes (not retried on a timer: saving a
    // new token resumes it), or answers that could not be read too often in a row.
    if (RETRY_CAPPED(error, rule)) {
      state.lastError = {
        ...error,
        messageKey: 'error_unreadableCap',
        values: [String(UNREADABLE_CAP), error.portalRequestId ?? '-'],
      };
    }
    state.attempts = 0;
    state.status = 'failed';
    state.nextAttemptAt = null;
  }
  await save();
  return state;
}

function RETRY_CAPPED(error: ErrorInfo, rule: { decision: string }): boolean {
  return rule.decision === 'fail' && decide(error).decision === 'retry';
}

const STEP_RUNNERS: Record<StepName, StepRunner> = {
  create: runCreate,
  upload: runUpload,
  attach: runAttach,
  participants: runParticipants,
  reconcile: runReconcile,
};
