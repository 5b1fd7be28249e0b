/**
 * Exactly what will be sent, and who will see it, shown before submit: on a JSM portal a
 * request is visible to everyone on it (participants, and the organisation when shared with
 * it), and attachments may go out by e-mail in notifications.
 */
import { formatBytes } from '../format';
import type { Words } from '../i18n';
import { composeDescriptionWithStats, type DescriptionOptions } from './description';
import type { Draft } from './draft';
import { mapDraftToFields, type ReportFile } from './field-mapping';
import { isEmptyValue, type PortalFieldMeta } from './portal-fields';
import { summaryWithReference } from './summary';

interface AttachmentInput {
  name: string;
  /** Bytes. */
  size: number;
  type: string;
}

interface PreviewAttachment extends AttachmentInput {
  sizeLabel: string;
}

interface PreviewParticipant {
  displayName: string;
}

interface PreviewInput {
  draft: Draft;
  attachments: readonly AttachmentInput[];
  /** Colleagues to add, with names for display (the draft holds only their account ids). */
  participants?: readonly PreviewParticipant[];
  /** The organisation the request is shared with, if any. */
  organisation?: string;
  /** The portal's name or host, for the audience lines. */
  portalName?: string;
  description?: DescriptionOptions;
  /** The request type's fields: the preview lists every value sent, by the field's name. */
  fields?: readonly PortalFieldMeta[];
  /** The report's files, with their blob ids (an attachment field carries them at create). */
  files?: readonly ReportFile[];
}

/** One field of the create call as it will be sent. */
interface PreviewField {
  fieldId: string;
  name: string;
  /** The text sent, or the chosen options' names, people's names, file names. */
  value: string;
  multiline: boolean;
}

export interface Preview {
  summary: string;
  description: string;
  /** Every field value the create call sends (empty when the fields are not known). */
  fields: PreviewField[];
  attachments: PreviewAttachment[];
  totalSize: number;
  totalSizeLabel: string;
  participants: string[];
  /** Who will see the request, one sentence each (English). */
  audience: string[];
  /** The same sentences in the user's words. */
  audienceWords: Words[];
  /** Secrets removed from captured and typed text. */
  redactions: number;
  redactionNote: string;
  redactionWords: Words;
}

export function buildPreview(input: PreviewInput): Preview {
  const { draft } = input;
  const composed = composeDescriptionWithStats(draft, input.description);
  const attachments = input.attachments.map((a) => ({ ...a, sizeLabel: formatBytes(a.size) }));
  const totalSize = attachments.reduce((sum, a) => sum + a.size, 0);
  const participants =
    input.participants?.map((p) => p.displayName) ??
    draft.participants.map((p) => p.displayName ?? p.accountId);
  const portal = input.portalName ? ` on ${input.portalName}` : '';

  const audience = [
    `The vendor's support team${portal}, and you as the reporter.`,
    participants.length
      ? `Everyone on the request: ${participants.join(', ')}. Participants get the same notifications as you.`
      : 'Nobody else is added to the request.',
  ];
  const audienceWords: Words[] = [
    input.portalName
      ? { key: 'previewAudience_vendorOn', values: [input.portalName] }
      : { key: 'previewAudience_vendor' },
    participants.length
      ? { key: 'previewAudience_participants', values: [participants.join(', ')] }
      : { key: 'previewAudience_nobody' },
  ];
  if (input.organisation) {
    audience.push(
      `Everyone in the organisation "${input.organisation}", because the request is shared with it.`,
    );
    audienceWords.push({ key: 'previewAudience_organisation', values: [input.organisation] });
  }
  if (attachments.length) {
    audience.push(
      'Attachments may be sent by e-mail with notifications to everyone on the request.',
    );
    audienceWords.push({ key: 'previewAudience_attachments' });
  }

  const redactions = draft.context.redactions + composed.redactions;
  return {
    summary: summaryWithReference(draft.summary, draft.captureRef),
    description: composed.text,
    fields: previewFields(input, composed.text),
    attachments,
    totalSize,
    totalSizeLabel: formatBytes(totalSize),
    participants,
    audience,
    audienceWords,
    redactions,
    redactionNote:
      redactions === 0
        ? 'No secrets were found to redact.'
        : `${redactions} ${redactions === 1 ? 'secret was' : 'secrets were'} redacted (tokens and credentials replaced by [redacted]).`,
    redactionWords:
      redactions === 0
        ? { key: 'previewRedactions_none' }
        : {
            key: redactions === 1 ? 'previewRedactions_one' : 'previewRedactions_other',
            values: [String(redactions)],
          },
  };
}

/** The fields as sent: text exactly, choices and people by name, files by name. */
function previewFields(input: PreviewInput, description: string): PreviewField[] {
  if (!input.fields) return [];
  const mappings = mapDraftToFields(input.draft, input.fields, {
    ...input.description,
    description,
    files: input.files,
  });
  const names = new Map((input.files ?? []).map((f) => [f.blobId, f.name]));
  return mappings
    .filter((m) => m.value !== undefined && !isEmptyValue(m.value))
    .map((m) => {
      let value: string;
      if (typeof m.value === 'string') value = m.value;
      else if (typeof m.value === 'number') value = String(m.value);
      else if (m.kind === 'attachment')
        value = (Array.isArray(m.input) ? m.input : [m.input ?? ''])
          .map((id) => names.get(id) ?? id)
          .join(', ');
      else if (m.kind === 'labels' && Array.isArray(m.value)) value = m.value.join(' ');
      else value = m.displayFull;
      return {
        fieldId: m.fieldId,
        name: m.fieldName,
        value,
        multiline: value.includes('\n'),
      };
    });
}
