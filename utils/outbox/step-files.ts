/**
 * The upload and attach steps: temporary files uploaded in batches, then attached; an
 * uncertain attach is checked against the request's attachment names (runner.ts).
 */
import { type BatchLimits, chunk, MAX_FILES_PER_UPLOAD, planBatches } from './batch';
import type { AttachmentRef, Job } from './job';
import type { RunnerDeps } from './ports';
import { StepAgain } from './reconcile';
import { decide, outcomeUnknown, TIMINGS, uploadTimeoutMs } from './retry-policy';
import { issueKeyOf, toInfo } from './step-common';

/** Re-uploads after the portal refused temporary ids at attach, before giving up on them. */
const MAX_ATTACH_REFUSALS = 2;

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

export async function runUpload(
  state: Job,
  deps: RunnerDeps,
  save: () => Promise<void>,
): Promise<void> {
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

export async function runAttach(
  state: Job,
  deps: RunnerDeps,
  save: () => Promise<void>,
): Promise<void> {
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
