/**
 * The portal's refusal, pointed at the fields it names. JSM names a field by its label in
 * `errorMessage` ("… Please provide a valid value for field 'Region'",
 * docs/jsm-portal.md#validation-errors) and has
 * no field map; the platform shape keys messages by field id; some validation answers are
 * `errors: [{code, context, detail, title}]`.
 */
import * as z from 'zod/mini';
import type { ErrorInfo } from '../errors';
import type { PortalFieldMeta } from './types';

const ErrorListSchema = z.looseObject({
  errors: z.array(
    z.looseObject({
      code: z.optional(z.string()),
      context: z.optional(z.unknown()),
      detail: z.optional(z.string()),
      title: z.optional(z.string()),
    }),
  ),
});

/** The words of an `errors: [{…}]` answer, or `undefined` for other shapes. */
export function readErrorList(json: unknown): string | undefined {
  const parsed = ErrorListSchema.safeParse(json);
  if (!parsed.success || parsed.data.errors.length === 0) return undefined;
  const words = parsed.data.errors.map((e) => e.detail ?? e.title ?? e.code ?? '').filter(Boolean);
  return words.length ? words.join(' ') : undefined;
}

const FIELD_MENTION = /field\s+'([^']+)'/gi;

function byName(fields: readonly PortalFieldMeta[], label: string): PortalFieldMeta | undefined {
  const wanted = label.trim().toLowerCase();
  return (
    fields.find((f) => f.name.trim().toLowerCase() === wanted) ??
    fields.find((f) => f.fieldId.toLowerCase() === wanted)
  );
}

/** The sentence of `text` that holds `needle`, without the quotes around a quotation. */
function sentenceWith(text: string, needle: string): string {
  const at = text.indexOf(needle);
  const before = text.slice(0, at);
  const start = Math.max(before.lastIndexOf('. ') + 2, before.lastIndexOf('"') + 1, 0);
  const after = text.slice(at + needle.length);
  const endMatch = /["]|\.(\s|$)/.exec(after);
  const end = at + needle.length + (endMatch ? endMatch.index : after.length);
  return text.slice(start, end).trim();
}

/**
 * Messages by field id for the fields a refusal names: each is the portal's own sentence
 * about that field (the composer shows it at the field, framed by its own words).
 */
export function refusedFields(
  error: ErrorInfo | null | undefined,
  fields: readonly PortalFieldMeta[],
): Record<string, string> {
  const out: Record<string, string> = {};
  if (error?.code !== 'validation') return out;
  for (const [key, message] of Object.entries(error.fields ?? {})) {
    const field = fields.find((f) => f.fieldId === key) ?? byName(fields, key);
    if (field) out[field.fieldId] = message;
  }
  for (const match of error.message.matchAll(FIELD_MENTION)) {
    const field = byName(fields, match[1] ?? '');
    if (field && !out[field.fieldId]) out[field.fieldId] = sentenceWith(error.message, match[0]);
  }
  return out;
}
