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
import { AppError, type ErrorInfo } from '../errors';
import { markAttachedAtCreate, needsUploadBeforeCreate, valuesForCreate } from './attachment-field';
import { type BatchLimits, chunk, MAX_FILES_PER_UPLOAD, planBatches } from './batch';
import { type AttachmentRef, checking, currentStep, type Job, type StepName } from './job';
import type { CreatedRequest, OutboxPortal, RunnerDeps } from './ports';
import { findBeforeCreate, runReconcile, StepAgain, WaitUntil } from './reconcile';
import {
  decide,
  outcomeUnknown,
  retryDelay,
  TIMINGS,
  UNREADABLE_CAP,
  uploadTimeoutMs,
} from './retry-policy';

export type { BlobSource, CreatedRequest, OutboxPortal, RunnerDeps } from './ports';

/** Re-uploads after the portal refused temporary ids at attach, before giving up on them. */
const MAX_ATTACH_REFUSALS = 2;

function toInfo(error: unknown): ErrorInfo {
  return AppError.from(error).info;
}

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

type StepRunner = (state: Job, deps: RunnerDeps, save: () => Promise<void>) => Promise<void>;

const STEP_RUNNERS: Record<StepName, StepRunner> = {
  create: runCreate,
  upload: runUpload,
  attach: runAttach,
  participants: runParticipants,
  reconcile: runReconcile,
};

function recordRequest(state: Job, request: CreatedRequest): void {
  state.result.issueKey = request.issueKey;
  state.result.issueId = request.issueId;
  const web = request._links?.web;
  if (web) state.result.webUrl = web;
}

/** The longest text field: what an edge's 400 most likely choked on. */
function longestField(values: Record<string, unknown>): string | undefined {
  let best: [string, number] | undefined;
  for (const [id, value] of Object.entries(values)) {
    const length = JSON.stringify(value ?? '').length;
    if (!best || length > best[1]) best = [id, length];
  }
  return best?.[0];
}

async function runCreate(state: Job, deps: RunnerDeps, save: () => Promise<void>): Promise<void> {
  if (state.uncertain === 'create') {
    // The last create may have been filed. Only a search that answers (no throw) and finds
    // nothing allows a new create, and not before the index had time to list it.
    const found = await findBeforeCreate(state, deps);
    if (found) {
      recordRequest(state, {
        issueId: found.issueId,
        issueKey: found.issueKey,
        ...(found.webUrl ? { _links: { web: found.webUrl } } : {}),
      });
      state.result.foundBySearch = true;
      markAttachedAtCreate(state);
      state.uncertain = null;
      state.steps.create = 'done';
      await save();
      return;
    }
    state.uncertain = null;
  }
  // A form with an Attachment field takes the files at create: upload them first.
  if (needsUploadBeforeCreate(state, deps.now(), (deps.timings ?? TIMINGS).tempFileTtlMs)) {
    state.steps.upload = 'pending';
    await runUpload(state, deps, save);
  }

  state.uncertain = 'create';
  const sentAt = deps.now();
  state.firstCreateAt ??= sentAt;
  state.lastCreateAt = sentAt;
  await save();
  let created: CreatedRequest;
  try {
    created = await deps.portal.createRequest({
      serviceDeskId: state.serviceDeskId,
      requestTypeId: state.requestTypeId,
      requestFieldValues: valuesForCreate(state),
      ...(state.isAdfRequest === undefined ? {} : { isAdfRequest: state.isAdfRequest }),
    });
  } catch (error) {
    const info = toInfo(error);
    // A refusal (4xx, 401, 429) means nothing was filed; otherwise keep the flag.
    if (!outcomeUnknown(info)) state.uncertain = null;
    if (info.code === 'refused' && info.status === 400) {
      // The edge does not say which field it refused; the longest is the likely one.
      const field = longestField(state.requestFieldValues);
      if (field) {
        throw new AppError({
          ...info,
          messageKey: 'error_refusedCreate',
          values: [field, info.portalRequestId ?? '-'],
          fields: { [field]: info.message },
        });
      }
    }
    throw error;
  }
  recordRequest(state, created);
  markAttachedAtCreate(state);
  state.uncertain = null;
  state.steps.create = 'done';
  await save();
}

function issueKeyOf(state: Job): string {
  const key = state.result.issueKey;
  if (!key) {
    throw new AppError({
      code: 'internal',
      message:
        'The delivery lost track of the request it created. Check "My requests" in the portal.',
    });
  }
  return key;
}

function skip(state: Job, file: AttachmentRef, reason: string): void {
  if (state.result.skipped.some((entry) => entry.blobId === file.blobId)) return;
  state.result.skipped.push({ blobId: file.blobId, name: file.name, reason });
}

/** Files still to deliver: not attached and not given up on. */
function outstanding(state: Job): AttachmentRef[] {
  const done = new Set([...state.result.attached, ...state.result.skipped.map((s) => s.blobId)]);
  return state.attachments.filter((file) => !done.has(file.blobId));
}

function dropExpiredUploads(state: Job, now: number, ttlMs: number): void {
  const attached = new Set(state.result.attached);
  state.result.uploads = state.result.uploads.filter(
    (upload) => attached.has(upload.blobId) || now - upload.uploadedAt < ttlMs,
  );
}

function recountProgress(state: Job): void {
  const sent = new Set([...state.result.uploads.map((u) => u.blobId), ...state.result.attached]);
  state.progress.bytesUploaded = state.attachments
    .filter((file) => sent.has(file.blobId))
    .reduce((sum, file) => sum + file.size, 0);
}

async function runUpload(state: Job, deps: RunnerDeps, save: () => Promise<void>): Promise<void> {
  const timings = deps.timings ?? TIMINGS;
  dropExpiredUploads(state, deps.now(), timings.tempFileTtlMs);
  if (state.uploadLimit === undefined && deps.portal.uploadLimit) {
    try {
      const limit = await deps.portal.uploadLimit();
      if (limit !== undefined) state.uploadLimit = limit;
    } catch {
      // The limit is advisory: without it the portal's own 400 tells which file is too big.
    }
  }
  const uploaded = new Set(state.result.uploads.map((upload) => upload.blobId));
  const todo: AttachmentRef[] = [];
  for (const file of outstanding(state)) {
    if (uploaded.has(file.blobId)) continue;
    if (state.uploadLimit !== undefined && file.size > state.uploadLimit) {
      skip(state, file, `Larger than the portal's upload limit (${state.uploadLimit} bytes).`);
    } else {
      todo.push(file);
    }
  }
  recountProgress(state);
  await save();

  let limits: BatchLimits = {
    maxFiles: deps.limits?.maxFiles ?? MAX_FILES_PER_UPLOAD,
    maxBytes: deps.limits?.maxBytes ?? timings.uploadBatchBytes,
  };
  let queue = todo;
  while (queue.length > 0) {
    const batch = planBatches(queue, limits)[0] as AttachmentRef[];
    const files: { ref: AttachmentRef; data: Blob }[] = [];
    for (const ref of batch) {
      const data = await deps.blobs.get(ref.blobId);
      if (data) files.push({ ref, data });
      else skip(state, ref, 'The file is no longer stored in the browser.');
    }
    if (files.length > 0) {
      try {
        // The timeout grows with the call's size: it must finish on a slow uplink.
        const bytes = files.reduce((sum, file) => sum + file.data.size, 0);
        const answer = await deps.portal.uploadTemporaryFiles(
          state.serviceDeskId,
          files.map((file) => ({ name: file.ref.name, data: file.data })),
          { timeoutMs: uploadTimeoutMs(bytes, timings) },
        );
        const uploadedAt = deps.now();
        const byName = new Map(answer.temporaryAttachments.map((t) => [t.fileName, t]));
        files.forEach((file, index) => {
          // Matched by name (unique within the job); by position when the portal renamed it.
          const temp = byName.get(file.ref.name) ?? answer.temporaryAttachments[index];
          if (!temp) return;
          state.result.uploads.push({
            blobId: file.ref.blobId,
            temporaryAttachmentId: temp.temporaryAttachmentId,
            fileName: file.ref.name,
            uploadedAt,
          });
        });
      } catch (error) {
        const info = toInfo(error);
        const decision = decide(info).decision;
        if (decision === 'retry' || decision === 'sign-in' || decision === 'fix-token') {
          throw error;
        }
        if (decision === 'composer' && files.length > 1) {
          // 413 (too many, or too large for the edge) or 400 (one file too big, limit
          // unknown): smaller calls find the file.
          limits = { ...limits, maxFiles: Math.max(1, Math.floor(files.length / 2)) };
          continue;
        }
        // A refusal no retry fixes (attachments turned off, a file too big): the request is
        // filed; these files are reported as not attached, and the report can carry them.
        for (const file of files) skip(state, file.ref, info.message);
      }
    }
    recountProgress(state);
    await save();
    const done = new Set(batch.map((ref) => ref.blobId));
    queue = queue.filter((ref) => !done.has(ref.blobId));
  }
  state.steps.upload = 'done';
  await save();
}

async function runAttach(state: Job, deps: RunnerDeps, save: () => Promise<void>): Promise<void> {
  const issueKey = issueKeyOf(state);
  // Set when the last attach has an unknown outcome and the portal cannot list attachments.
  let probeSameIds = false;
  if (state.uncertain === 'attach') {
    probeSameIds = !(await reconcileAttached(state, deps, issueKey));
    state.uncertain = null;
    await save();
  }
  // Probing relies on the very same ids: keep them even when old.
  if (!probeSameIds) {
    dropExpiredUploads(state, deps.now(), (deps.timings ?? TIMINGS).tempFileTtlMs);
  }
  const uploads = new Map(state.result.uploads.map((upload) => [upload.blobId, upload]));
  const pending = outstanding(state);
  if (pending.some((file) => !uploads.has(file.blobId))) {
    // Some temporary ids expired (or were refused): upload those again first.
    state.steps.upload = 'pending';
    await save();
    throw new StepAgain();
  }
  for (const files of chunk(pending, MAX_FILES_PER_UPLOAD)) {
    const ids = files.map(
      (file) =>
        (uploads.get(file.blobId) as { temporaryAttachmentId: string }).temporaryAttachmentId,
    );
    state.uncertain = 'attach';
    await save();
    try {
      await deps.portal.attachTemporaryFiles(issueKey, ids);
    } catch (error) {
      const info = toInfo(error);
      if (!outcomeUnknown(info)) state.uncertain = null;
      const decision = decide(info).decision;
      if (decision === 'retry' || decision === 'sign-in' || decision === 'fix-token') throw error;
      if (decision === 'composer' && probeSameIds) {
        // The same ids, valid when last sent, are refused now: the portal consumed them, so
        // the earlier attach went through (JSM turns temporary files into attachments once).
        // Counting them as attached risks a missing file; sending them again cannot attach
        // anything; uploading them again would attach duplicates. Missing is the lesser harm
        // and the result view lists what the portal confirmed.
        probeSameIds = false;
        state.result.attached.push(...files.map((file) => file.blobId));
        await save();
        continue;
      }
      if (decision === 'composer' && state.attachRefusals < MAX_ATTACH_REFUSALS) {
        // 400 here means expired or unknown temporary ids (SPEC): upload again, but only
        // what is not attached yet; a bounded number of times.
        state.attachRefusals += 1;
        await reconcileAttached(state, deps, issueKey);
        const attached = new Set(state.result.attached);
        state.result.uploads = state.result.uploads.filter((u) => attached.has(u.blobId));
        state.steps.upload = 'pending';
        recountProgress(state);
        await save();
        throw new StepAgain();
      }
      for (const file of files) skip(state, file, info.message);
      await save();
      continue;
    }
    state.result.attached.push(...files.map((file) => file.blobId));
    state.uncertain = null;
    probeSameIds = false;
    await save();
  }
  state.steps.attach = 'done';
  await save();
}

/**
 * Marks as attached every pending file whose name the request already shows. Returns false
 * when the portal cannot list attachments.
 */
async function reconcileAttached(state: Job, deps: RunnerDeps, issueKey: string): Promise<boolean> {
  const listed = await deps.portal.listAttachmentNames(issueKey);
  if (listed === undefined) return false;
  const names = new Set(listed);
  for (const file of outstanding(state)) {
    if (names.has(file.name)) state.result.attached.push(file.blobId);
  }
  return true;
}

async function runParticipants(
  state: Job,
  deps: RunnerDeps,
  save: () => Promise<void>,
): Promise<void> {
  const issueKey = issueKeyOf(state);
  const settled = new Set([
    ...state.result.participantsAdded,
    ...state.result.participantsRejected,
  ]);
  const todo = state.participants.filter((id) => !settled.has(id));
  const outcome = await addParticipants(deps.portal, issueKey, todo);
  state.result.participantsAdded.push(...outcome.added);
  state.result.participantsRejected.push(...outcome.rejected);
  if (outcome.notPermitted) state.result.sharingNotPermitted = true;
  state.steps.participants = 'done';
  await save();
}

export interface ShareOutcome {
  added: string[];
  /** accountIds the portal does not know (400). */
  rejected: string[];
  /** The customer may not add participants here (403), nor share through the portal. */
  notPermitted: boolean;
}

/**
 * Adds participants; adding an existing one is a no-op on JSM, so a retry is safe. A 400
 * ("any user to be added does not exist") is narrowed down one account at a time.
 * A 403 (portal-only customers may not add participants) falls back to the portal's own
 * "Share" (utils/portal/portal-people.ts), which also takes e-mail addresses; only when that
 * is refused too is sharing not permitted (the user is offered "copy link / e-mail the link").
 * Retryable and auth errors are thrown for the caller to handle.
 */
export async function addParticipants(
  portal: Pick<OutboxPortal, 'addParticipants' | 'portalShare'>,
  issueKey: string,
  accountIds: readonly string[],
  emails: readonly string[] = [],
): Promise<ShareOutcome> {
  const outcome: ShareOutcome = { added: [], rejected: [], notPermitted: false };
  if (accountIds.length === 0 && emails.length === 0) return outcome;
  const settle = async (call: () => Promise<unknown>): Promise<'ok' | 'invalid' | 'forbidden'> => {
    try {
      await call();
      return 'ok';
    } catch (error) {
      const info = toInfo(error);
      if (info.code === 'forbidden') return 'forbidden';
      if (info.code === 'validation' || info.code === 'not-found') return 'invalid';
      throw error;
    }
  };
  const attempt = (ids: readonly string[]) => settle(() => portal.addParticipants(issueKey, ids));
  const share = async (ids: readonly string[]): Promise<void> => {
    const portalShare = portal.portalShare?.bind(portal);
    const shared = portalShare
      ? await settle(() => portalShare(issueKey, { accountIds: [...ids], emails: [...emails] }))
      : 'forbidden';
    if (shared === 'ok') outcome.added.push(...ids);
    else if (shared === 'forbidden') outcome.notPermitted = true;
    else if (ids.length === 1 && emails.length === 0) outcome.rejected.push(...ids);
    else if (portalShare && ids.length > 0) {
      // One unknown account refuses the whole share (400): narrowed down as above.
      for (const id of ids) {
        const one = await settle(() => portalShare(issueKey, { accountIds: [id], emails: [] }));
        if (one === 'ok') outcome.added.push(id);
        else if (one === 'invalid') outcome.rejected.push(id);
        else outcome.notPermitted = true;
      }
      if (emails.length > 0) {
        const mailed = await settle(() =>
          portalShare(issueKey, { accountIds: [], emails: [...emails] }),
        );
        if (mailed === 'forbidden') outcome.notPermitted = true;
      }
    }
  };
  // Participants are accountIds only (docs/jsm-portal.md#participants): addresses go by the
  // portal's share.
  if (accountIds.length === 0) {
    await share([]);
    return outcome;
  }
  const all = await attempt(accountIds);
  if (all === 'forbidden') {
    await share(accountIds);
    return outcome;
  }
  if (all === 'ok') outcome.added.push(...accountIds);
  else if (accountIds.length === 1) outcome.rejected.push(...accountIds);
  else {
    for (const id of accountIds) {
      const one = await attempt([id]);
      if (one === 'ok') outcome.added.push(id);
      else if (one === 'forbidden') {
        await share(
          accountIds.filter(
            (other) => !outcome.added.includes(other) && !outcome.rejected.includes(other),
          ),
        );
        return outcome;
      } else outcome.rejected.push(id);
    }
  }
  if (emails.length > 0) await share([]);
  return outcome;
}
