/**
 * Maps the draft onto a request type's own fields: the summary and description, the severity
 * onto the portal's priority or severity options, environment and product onto matching
 * selects. Every mapping carries its reason so the user can see and correct it; corrections
 * are `MappingOverrides`, saved per request type.
 */

import type { Severity } from '../severity/levels';
import { severityOption } from '../severity/portal-option';
import { severityLabel } from '../severity/wording';
import { bestMatch } from '../text/text-match';
import { composeDescription, type DescriptionOptions } from './description';
import type { Draft, MappingOverride, MappingOverrides, MappingSource } from './draft';
import { autoSource, sourceText, textTarget } from './mapping-source';
import {
  defaultInput,
  displayInput,
  type FieldInput,
  type FieldKind,
  type FieldWords,
  fieldKind,
  isChoiceKind,
  isEmptyValue,
  isMultiKind,
  type JsmFieldValue,
  type PortalFieldMeta,
  type PortalFieldOption,
  requiredMessage,
  requiredWords,
  toJsmValue,
  visibleFields,
} from './portal-fields';
import { summaryWithReference } from './summary';

const SOURCE_LABELS: Readonly<Record<MappingSource, string>> = {
  summary: 'Summary',
  description: 'Description (all sections)',
  severity: 'Severity',
  environment: 'Environment',
  product: 'Product or service',
  steps: 'Steps to reproduce',
  impact: 'Impact',
  recentChanges: 'Recent configuration changes',
  none: 'Nothing (leave as entered)',
};

type MappingOrigin = 'user' | 'override' | 'auto' | 'default' | 'none';

export interface FieldMapping {
  fieldId: string;
  fieldName: string;
  kind: FieldKind;
  required: boolean;
  source: MappingSource;
  origin: MappingOrigin;
  /** The form value: option ids for choice fields, text otherwise. */
  input?: FieldInput;
  /** What the create call will send for this field. */
  value?: JsmFieldValue;
  /** The value as the user reads it: an option's label, or the start of the text. */
  display: string;
  /** The same, not shortened. */
  displayFull: string;
  /** Why this value, in English (logs and tests). */
  reason: string;
  /** Why this value, as a code and values the UI words from public/_locales. */
  why: MappingReason;
  /** Something the user should fix (no option matched, a value that does not convert). */
  problem?: string;
  /** The problem as a code the UI words: no option of the field matches the text (a value). */
  problemWhy?: { code: 'no-option'; values: string[] };
  /** A value that does not convert, in the user's words (public/_locales). */
  problemWords?: FieldWords;
}

/**
 * Why a field gets its value. Codes that name the draft's part (`empty`, `pinned`, `matches`,
 * `no-match`, `source-text`) take the mapping's `source` as that part; `values` are the text
 * and option label, as they appear in the English reason.
 */
export type MappingReasonCode =
  | 'files'
  | 'entered'
  | 'unsupported'
  | 'portal-default'
  | 'not-filled'
  | 'no-severity'
  | 'no-severity-default'
  | 'empty'
  | 'empty-default'
  | 'pinned'
  | 'severity-option'
  | 'severity-scale'
  | 'matches'
  | 'no-match'
  | 'description'
  | 'source-text';

interface MappingReason {
  code: MappingReasonCode;
  values: string[];
  /** The user chose the source in the mapping table. */
  chosen?: boolean;
}

interface OptionChoice {
  option: PortalFieldOption;
  reason: string;
  why: MappingReason;
}

/** The option whose label best matches a text ("Prod" -> "Production"). */
function matchOption(
  options: readonly PortalFieldOption[],
  text: string,
): PortalFieldOption | undefined {
  return bestMatch(options, (o) => o.label, text)?.item;
}

function findOption(options: readonly PortalFieldOption[], id: string) {
  return options.find((o) => o.value === id);
}

/** A file of the report, as the attachment field lists it. */
export interface ReportFile {
  blobId: string;
  name: string;
}

interface MappingOptions extends DescriptionOptions {
  /** Overrides to apply; defaults to the draft's own. */
  overrides?: MappingOverrides;
  /** The composed description, when the caller already has it. */
  description?: string;
  /** The report's files: an attachment field on the form carries them at create. */
  files?: readonly ReportFile[];
}

/** One row per visible field: what it will carry and why. */
export function mapDraftToFields(
  draft: Draft,
  fields: readonly PortalFieldMeta[],
  options: MappingOptions = {},
): FieldMapping[] {
  const overrides = options.overrides ?? draft.mappingOverrides;
  let description = options.description;
  const getDescription = () => {
    description ??= composeDescription(draft, options);
    return description;
  };
  const target = textTarget(fields);
  return visibleFields(fields).map((field) =>
    mapField(draft, field, overrides[field.fieldId], getDescription, {
      isTarget: field === target,
      files: options.files,
    }),
  );
}

function mapField(
  draft: Draft,
  field: PortalFieldMeta,
  override: MappingOverride | undefined,
  description: () => string,
  context: { isTarget: boolean; files?: readonly ReportFile[] },
): FieldMapping {
  const kind = fieldKind(field);
  const base = { fieldId: field.fieldId, fieldName: field.name, kind, required: field.required };
  const finish = (
    source: MappingSource,
    origin: MappingOrigin,
    input: FieldInput | undefined,
    reason: string,
    why: MappingReason,
    problem?: string,
  ): FieldMapping => {
    // The composed text is wiki markup already; the summary carries the capture reference.
    const converted =
      source === 'description' && typeof input === 'string' && kind === 'paragraph'
        ? { ok: true as const, value: input.trim() ? input : undefined }
        : toJsmValue(field, input);
    let value = converted.ok ? converted.value : undefined;
    if (isSummary(field) && typeof value === 'string')
      value = summaryWithReference(value, draft.captureRef);
    const convertProblem = converted.ok ? undefined : converted.message;
    const convertWords = converted.ok ? undefined : converted.words;
    const mapping: FieldMapping = {
      ...base,
      source,
      origin,
      display: short80(displayInput(field, input)),
      displayFull: displayInput(field, input),
      reason,
      why,
    };
    if (input !== undefined) mapping.input = input;
    if (value !== undefined) mapping.value = value;
    const issue = problem ?? convertProblem;
    if (issue) mapping.problem = issue;
    if (!problem && convertWords) mapping.problemWords = convertWords;
    if (problem && why.code === 'no-match')
      mapping.problemWhy = { code: 'no-option', values: why.values };
    return mapping;
  };

  const entered = draft.fieldValues[field.fieldId];
  const source =
    override?.source ?? (context.isTarget && !isSummary(field) ? 'description' : autoSource(field));
  if (kind === 'attachment') {
    const chosen =
      entered ?? (context.files?.length ? context.files.map((f) => f.blobId) : undefined);
    return finish(
      'none',
      entered !== undefined ? 'user' : 'auto',
      chosen,
      "The report's files, uploaded before the request is created.",
      { code: 'files', values: [] },
    );
  }
  if (entered !== undefined)
    return finish(source, 'user', entered, 'Entered by you.', {
      code: 'entered',
      values: [],
    });
  if (kind === 'unsupported') {
    return finish(
      'none',
      'none',
      undefined,
      'This kind of field can only be filled on the portal.',
      { code: 'unsupported', values: [] },
    );
  }
  const origin: MappingOrigin = override ? 'override' : 'auto';
  if (source === 'none') {
    const fallback = defaultInput(field);
    return fallback !== undefined
      ? finish('none', 'default', fallback, "The portal's default.", {
          code: 'portal-default',
          values: [],
        })
      : finish('none', 'none', undefined, 'Not filled from the capture.', {
          code: 'not-filled',
          values: [],
        });
  }

  const text = sourceText(draft, source, description);
  const what = SOURCE_LABELS[source];
  if (!text.trim()) {
    const fallback = defaultInput(field);
    const empty = source === 'severity' ? 'No severity chosen yet.' : `${what} is empty.`;
    const severity = source === 'severity';
    return fallback !== undefined
      ? finish(source, 'default', fallback, `${empty} The portal's default applies.`, {
          code: severity ? 'no-severity-default' : 'empty-default',
          values: [],
        })
      : finish(source, origin, undefined, empty, {
          code: severity ? 'no-severity' : 'empty',
          values: [],
        });
  }

  if (isChoiceKind(kind)) {
    const pinned = override?.options?.[text];
    const pinnedOption = pinned !== undefined ? findOption(field.validValues, pinned) : undefined;
    let choice: OptionChoice | undefined;
    if (pinnedOption) {
      choice = {
        option: pinnedOption,
        reason: `${what} "${text}" set to "${pinnedOption.label}" by you.`,
        why: { code: 'pinned', values: [text, pinnedOption.label] },
      };
    } else if (source === 'severity') {
      choice = severityOption(field.validValues, text as Severity);
    } else {
      const option = matchOption(field.validValues, text);
      if (option)
        choice = {
          option,
          reason: `${what} "${text}" matches option "${option.label}".`,
          why: { code: 'matches', values: [text, option.label] },
        };
    }
    if (!choice) {
      return finish(
        source,
        origin,
        undefined,
        `${what} "${short(text)}" matches none of the options.`,
        { code: 'no-match', values: [short(text)] },
        `No option of "${field.name}" matches ${what.toLowerCase()} "${short(text)}": choose one.`,
      );
    }
    const id = choice.option.value;
    return finish(
      source,
      override ? 'override' : 'auto',
      isMultiKind(kind) ? [id] : id,
      choice.reason,
      choice.why,
    );
  }

  const value = source === 'severity' ? severityLabel(text as Severity) : text;
  const reason =
    source === 'description'
      ? 'The composed description: every section, in wiki markup.'
      : `The ${what.toLowerCase()} text.`;
  const why: MappingReason = {
    code: source === 'description' ? 'description' : 'source-text',
    values: [],
    ...(override ? { chosen: true } : {}),
  };
  return finish(source, origin, value, override ? `${reason} (chosen by you)` : reason, why);
}

function isSummary(field: PortalFieldMeta): boolean {
  return field.fieldId === 'summary' || field.jiraSchema.system === 'summary';
}

function short80(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function short(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}

/** `requestFieldValues` for the create call (a map, docs/jsm-portal.md#field-values). */
export function requestFieldValues(
  draft: Draft,
  fields: readonly PortalFieldMeta[],
  overrides?: MappingOverrides,
  options: DescriptionOptions & { description?: string; files?: readonly ReportFile[] } = {},
): Record<string, JsmFieldValue> {
  const out: Record<string, JsmFieldValue> = {};
  const mappings = mapDraftToFields(draft, fields, {
    ...options,
    overrides: overrides ?? draft.mappingOverrides,
  });
  for (const m of mappings)
    if (m.value !== undefined && !isEmptyValue(m.value)) out[m.fieldId] = m.value;
  return out;
}

/** A problem that blocks submit: in English (logs, the error's fields) and, when known, words. */
export interface FieldProblem {
  message: string;
  words?: FieldWords;
}

/** Everything that blocks submit, by field id: required fields empty, values that do not fit. */
export function fieldProblemList(mappings: readonly FieldMapping[]): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const of = (message: string, words: FieldWords | undefined): FieldProblem =>
    words ? { message, words } : { message };
  for (const m of mappings) {
    if (m.origin === 'user' && m.problem) problems[m.fieldId] = of(m.problem, m.problemWords);
    else if (m.required && (m.value === undefined || isEmptyValue(m.value))) {
      problems[m.fieldId] = m.problem
        ? of(m.problem, m.problemWords)
        : of(requiredMessage(m.fieldName, m.kind), requiredWords(m.fieldName, m.kind));
    }
  }
  return problems;
}

/** The same problems in English, by field id. */
export function fieldProblems(mappings: readonly FieldMapping[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldProblemList(mappings)).map(([id, problem]) => [id, problem.message]),
  );
}

/** Sets (or clears, with `undefined`) one field's override; returns new overrides. */
export function setOverride(
  overrides: MappingOverrides,
  fieldId: string,
  override: MappingOverride | undefined,
): MappingOverrides {
  const next = { ...overrides };
  if (override) next[fieldId] = override;
  else delete next[fieldId];
  return next;
}
