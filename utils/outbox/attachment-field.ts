/**
 * A request type whose form has an Attachment field takes the files at create, as temporary
 * attachment ids in `requestFieldValues.attachment`
 * (docs/jsm-portal.md#attachment-field-at-create: some vendors' automation
 * rejects requests whose files arrive later). The composer marks that field with the names of
 * the job's files it carries (`{"$uploadsOf": [name…]}`; names are unique within a job and
 * survive the outbox taking its own copy of each file); before the create, the runner uploads
 * the job's files (its usual upload step, run early) and this module swaps in their temporary
 * ids. After the create those files count as attached; the rest are attached as usual.
 */
import { UPLOADS_OF } from '../field-kinds/registry';
import type { Job } from './job';

function blobIdsOf(value: unknown): string[] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const ids = (value as Record<string, unknown>)[UPLOADS_OF];
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : undefined;
}

/** Blob ids the create call carries, by field id. */
function filesAtCreate(job: Job): Map<string, string[]> {
  const byName = new Map(job.attachments.map((file) => [file.name, file.blobId]));
  const out = new Map<string, string[]>();
  for (const [fieldId, value] of Object.entries(job.requestFieldValues)) {
    const names = blobIdsOf(value);
    if (names)
      out.set(
        fieldId,
        names.map((name) => byName.get(name)).filter((id): id is string => id !== undefined),
      );
  }
  return out;
}

/** The composer's field values with the files named instead of by the popup's blob ids. */
export function nameFilesAtCreate(
  values: Record<string, unknown>,
  files: readonly { blobId: string; name: string }[],
): Record<string, unknown> {
  const names = new Map(files.map((file) => [file.blobId, file.name]));
  const out = { ...values };
  for (const [fieldId, value] of Object.entries(values)) {
    const ids = blobIdsOf(value);
    if (ids) out[fieldId] = { [UPLOADS_OF]: ids.map((id) => names.get(id) ?? id) };
  }
  return out;
}

/**
 * Whether the upload step must run before the create: the form takes files at create and
 * some of them have no fresh temporary id yet.
 */
export function needsUploadBeforeCreate(job: Job, now: number, ttlMs: number): boolean {
  const wanted = [...filesAtCreate(job).values()].flat();
  if (wanted.length === 0) return false;
  const fresh = new Set(
    job.result.uploads
      .filter((upload) => now - upload.uploadedAt < ttlMs)
      .map((upload) => upload.blobId),
  );
  const skipped = new Set(job.result.skipped.map((s) => s.blobId));
  return wanted.some((id) => !fresh.has(id) && !skipped.has(id));
}

/** The create call's field values with temporary ids in place of blob ids. */
export function valuesForCreate(job: Job): Record<string, unknown> {
  const fields = filesAtCreate(job);
  if (fields.size === 0) return job.requestFieldValues;
  const temp = new Map(job.result.uploads.map((u) => [u.blobId, u.temporaryAttachmentId]));
  const values = { ...job.requestFieldValues };
  for (const [fieldId, ids] of fields) {
    const tempIds = ids.map((id) => temp.get(id)).filter((id): id is string => id !== undefined);
    if (tempIds.length > 0) values[fieldId] = tempIds;
    else delete values[fieldId];
  }
  return values;
}

/** After the create: the files it carried are attached; the attach step skips them. */
export function markAttachedAtCreate(job: Job): void {
  const sent = new Set(Object.values(valuesForCreate(job)).flat());
  const attached = new Set(job.result.attached);
  for (const upload of job.result.uploads) {
    if (sent.has(upload.temporaryAttachmentId) && !attached.has(upload.blobId))
      job.result.attached.push(upload.blobId);
  }
}
