/**
 * A request type's fields as the portal describes them (`RequestTypeFieldDTO`, JSM Cloud
 * `GET …/requesttype/{id}/field`), the kind of control each needs, and the value format the
 * create call expects for it. Built from `jiraSchema` and `validValues`, never from names.
 */
import * as z from 'zod/mini';

export interface PortalFieldOption {
  /** The option id: what the create call sends. */
  value: string;
  /** The name the user sees. */
  label: string;
  children?: readonly PortalFieldOption[] | null;
}

export interface PortalFieldSchema {
  type: string;
  system?: string | null;
  custom?: string | null;
  customId?: number | null;
  items?: string | null;
}

/** Structural: the portal client's zod-parsed field type satisfies it. */
export interface PortalFieldMeta {
  fieldId: string;
  name: string;
  description?: string | null;
  required: boolean;
  visible?: boolean | null;
  validValues: readonly PortalFieldOption[];
  defaultValues?: readonly PortalFieldOption[] | null;
  jiraSchema: PortalFieldSchema;
}

export type FieldKind =
  | 'text'
  | 'paragraph'
  | 'select'
  | 'multi-select'
  | 'radio'
  | 'checkbox'
  | 'date'
  | 'number'
  | 'labels'
  | 'unsupported';

/** What the user entered for a field: option ids for choice fields, text otherwise. */
export const FieldInputSchema = z.union([z.string(), z.array(z.string())]);
export type FieldInput = z.infer<typeof FieldInputSchema>;

/** A value in `requestFieldValues` of the create call (JSM-NOTES 2.5). */
export type JsmFieldValue = string | number | string[] | { id: string } | Array<{ id: string }>;

const CUSTOM_KINDS: Readonly<Record<string, FieldKind>> = {
  textfield: 'text',
  url: 'text',
  textarea: 'paragraph',
  select: 'select',
  cascadingselect: 'select',
  multiselect: 'multi-select',
  radiobuttons: 'radio',
  multicheckboxes: 'checkbox',
  datepicker: 'date',
  float: 'number',
  labels: 'labels',
};

const SYSTEM_KINDS: Readonly<Record<string, FieldKind>> = {
  summary: 'text',
  description: 'paragraph',
  environment: 'paragraph',
  priority: 'select',
  labels: 'labels',
  duedate: 'date',
  components: 'multi-select',
  versions: 'multi-select',
  fixVersions: 'multi-select',
};

/** The control a field needs, from its `jiraSchema`. */
export function fieldKind(field: Pick<PortalFieldMeta, 'jiraSchema' | 'validValues'>): FieldKind {
  const schema = field.jiraSchema;
  if (schema.custom) {
    const key = schema.custom.slice(schema.custom.lastIndexOf(':') + 1);
    const kind = CUSTOM_KINDS[key];
    if (kind) return kind;
  }
  if (schema.system) {
    const kind = SYSTEM_KINDS[schema.system];
    if (kind) return kind;
  }
  switch (schema.type) {
    case 'string':
      return field.validValues.length > 0 ? 'select' : 'text';
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'option':
    case 'priority':
    case 'option-with-child':
      return 'select';
    case 'array':
      if (schema.items === 'string') return 'labels';
      if (schema.items === 'option' || schema.items === 'component' || schema.items === 'version')
        return 'multi-select';
      return 'unsupported';
    default:
      return 'unsupported';
  }
}

export function isChoiceKind(kind: FieldKind): boolean {
  return kind === 'select' || kind === 'radio' || kind === 'multi-select' || kind === 'checkbox';
}

export function isMultiKind(kind: FieldKind): boolean {
  return kind === 'multi-select' || kind === 'checkbox' || kind === 'labels';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** `yyyy-MM-dd` of a date in UTC, the format Jira date fields take. */
export function formatJiraDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

function asList(input: FieldInput): string[] {
  return (Array.isArray(input) ? input : [input]).map((s) => s.trim()).filter(Boolean);
}

/** Labels cannot contain spaces in Jira: split on commas and white space. */
export function splitLabels(input: FieldInput): string[] {
  const out: string[] = [];
  for (const part of asList(input)) {
    for (const label of part.split(/[\s,]+/)) if (label && !out.includes(label)) out.push(label);
  }
  return out;
}

export type Conversion =
  | { ok: true; value: JsmFieldValue | undefined }
  | { ok: false; message: string };

/**
 * The create-call value for what the user entered. `undefined` means "send nothing" (empty).
 * Choice inputs must be option ids from `validValues`.
 */
export function toJsmValue(field: PortalFieldMeta, input: FieldInput | undefined): Conversion {
  if (input === undefined) return { ok: true, value: undefined };
  const kind = fieldKind(field);
  const list = asList(input);
  switch (kind) {
    case 'text':
    case 'paragraph': {
      const text = Array.isArray(input) ? input.join('\n') : input;
      return { ok: true, value: text.trim() ? text : undefined };
    }
    case 'select':
    case 'radio':
    case 'multi-select':
    case 'checkbox': {
      const unknown = list.find((id) => !field.validValues.some((o) => o.value === id));
      if (unknown !== undefined)
        return { ok: false, message: `Choose one of the listed options for "${field.name}".` };
      if (list.length === 0) return { ok: true, value: undefined };
      if (kind === 'select' || kind === 'radio') return { ok: true, value: { id: list[0] ?? '' } };
      return { ok: true, value: list.map((id) => ({ id })) };
    }
    case 'labels': {
      const labels = splitLabels(input);
      return { ok: true, value: labels.length ? labels : undefined };
    }
    case 'date': {
      const text = list[0];
      if (!text) return { ok: true, value: undefined };
      if (!isValidDate(text))
        return { ok: false, message: `Enter "${field.name}" as a date (year-month-day).` };
      return { ok: true, value: text };
    }
    case 'number': {
      const text = list[0];
      if (!text) return { ok: true, value: undefined };
      const n = Number(text);
      if (!Number.isFinite(n)) return { ok: false, message: `Enter a number for "${field.name}".` };
      return { ok: true, value: n };
    }
    case 'unsupported':
      return { ok: true, value: undefined };
  }
}

/** Whether a create-call value counts as filled in. */
export function isEmptyValue(value: JsmFieldValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The form input that shows a field's portal default (option ids, or the default's text). */
export function defaultInput(field: PortalFieldMeta): FieldInput | undefined {
  const defaults = field.defaultValues ?? [];
  if (defaults.length === 0) return undefined;
  const kind = fieldKind(field);
  if (isChoiceKind(kind)) {
    const ids = defaults.map((d) => d.value);
    return isMultiKind(kind) ? ids : ids[0];
  }
  if (kind === 'labels') return defaults.map((d) => d.value);
  return defaults[0]?.value;
}

/** Fields the customer sees on the portal form (hidden ones are the portal's business). */
export function visibleFields<F extends PortalFieldMeta>(fields: readonly F[]): F[] {
  return fields.filter((f) => f.visible !== false);
}
