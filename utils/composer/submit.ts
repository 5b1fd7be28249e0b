/**
 * From the reviewed draft to what is sent: the outbox job (fields mapped onto the request
 * type, attachments by blob id), the preview's attachment list, and the comment used to add
 * the report to an existing request instead.
 */
import { AppError } from '../errors';
import { nameFilesAtCreate } from '../outbox/attachment-field';
import { type AttachmentRef, type JobInput, uniqueNames } from '../outbox/job';
import { redact } from '../privacy/redact';
import type { Screenshot } from '../screenshot/model';
import { fitWiki } from '../text/wiki-text';
import { composeDescription, escapeWiki } from '../ticket/description';
import type { Draft } from '../ticket/draft';
import { fieldProblems, mapDraftToFields, requestFieldValues } from '../ticket/field-mapping';
import type { PortalFieldMeta } from '../ticket/portal-fields';

/** The files the request will carry: what each screenshot uploads (the annotated export). */
export function attachmentRefs(screenshots: readonly Screenshot[]): AttachmentRef[] {
  return screenshots.map((s) => ({
    blobId: s.uploadBlobId,
    name: s.name,
    size: s.uploadBytes,
    type: s.uploadType,
  }));
}

interface JobTarget {
  portalUrl: string;
  serviceDeskId: string;
  requestTypeId: string;
  fields: readonly PortalFieldMeta[];
}

/**
 * The outbox job for a draft. Throws a `validation` error listing the fields that still
 * block it (the form shows them at each field before this is reached).
 */
export function buildJobInput(
  draft: Draft,
  target: JobTarget,
  attachments: readonly AttachmentRef[],
): JobInput {
  const description = composeDescription(draft);
  // Unique names first: an attachment field names the files it carries at create.
  const named = uniqueNames(attachments);
  const files = named.map((a) => ({ blobId: a.blobId, name: a.name }));
  const problems = fieldProblems(mapDraftToFields(draft, target.fields, { description, files }));
  if (Object.keys(problems).length > 0) {
    throw new AppError({
      code: 'validation',
      message: `Fill in the highlighted fields first: ${Object.values(problems).join(' ')}`,
      // The form shows each field's problem at the field.
      messageKey: 'error_fieldsToFill',
      fields: problems,
    });
  }
  return {
    portal: target.portalUrl,
    captureReference: draft.captureRef,
    serviceDeskId: target.serviceDeskId,
    requestTypeId: target.requestTypeId,
    requestFieldValues: nameFilesAtCreate(
      requestFieldValues(draft, target.fields, undefined, { description, files }),
      files,
    ),
    summary: draft.summary.trim(),
    attachments: named,
    participants: draft.participants.map((p) => p.accountId),
  };
}

/**
 * The same report as a job that was never filed, for "Download report" without a portal
 * connection: the summary and the composed description.
 */
export function offlineJobInput(
  draft: Draft,
  attachments: readonly AttachmentRef[],
): JobInput & { portal: string } {
  return {
    portal: '',
    captureReference: draft.captureRef,
    serviceDeskId: '',
    requestTypeId: '',
    requestFieldValues: { summary: draft.summary.trim(), description: composeDescription(draft) },
    summary: draft.summary.trim(),
    attachments: [...attachments],
    participants: [],
  };
}

/** The comment that adds this report to an existing request: the composed text, headed. */
export function additionComment(draft: Draft): string {
  return fitWiki(
    `*Another occurrence, reported with Support Capture:* ${escapeWiki(redact(draft.summary.trim()))}\n\n${composeDescription(draft)}`,
  );
}
