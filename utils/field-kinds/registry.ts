/**
 * The field-kind registry: the one place that knows, for each kind of field a JSM request
 * type can have, how it is recognised from the field's `jiraSchema`
 * (docs/jsm-portal.md#request-type-fields), how the user's input is checked and how it is
 * written into `requestFieldValues` (docs/jsm-portal.md#field-values).
 * The component that renders each kind is chosen in components/fields/index.ts, keyed by the
 * same `FieldKind`, so adding a kind is one entry here and one component there.
 */
import type { MessageKey } from '../i18n';
import { redact } from '../privacy/redact';
import { encodeText, MAX_TEXT_FIELD } from '../text/wiki-text';
import type {
  Conversion,
  FieldInput,
  FieldKind,
  FieldWords,
  JsmFieldValue,
  PortalFieldMeta,
  PortalFieldOption,
} from './types';

interface KindEntry {
  kind: FieldKind;
  /** Whether a field is of this kind (entries are tried in order, the first match wins). */
  detect(field: PortalFieldMeta, custom: string): boolean;
  /** The create-call value for the user's input; `undefined` sends nothing. */
  encode(field: PortalFieldMeta, input: FieldInput): Conversion;
  /** Options picked from `validValues` (the form shows them, the mapping matches them). */
  choice?: 'one' | 'many';
  /** The draft's text can fill it (summary, description, steps…). */
  text?: boolean;
  /** What a required field of this kind asks for when empty. */
  required: string;
  /** The same in the user's words: `"$name$" is required: …` (public/_locales). */
  requiredKey: MessageKey;
}

const ok = (value: JsmFieldValue | undefined): Conversion => ({ ok: true, value });
const fail = (message: string, key: MessageKey, name: string): Conversion => ({
  ok: false,
  message,
  words: { key, values: [name] },
});

function asList(input: FieldInput | undefined): string[] {
  if (input === undefined) return [];
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

/** A person chosen in a user picker, kept as `"<accountId> <display name>"`. */
export function personInput(accountId: string, displayName: string): string {
  return `${accountId} ${displayName}`;
}

export function parsePerson(input: string): { accountId: string; displayName: string } {
  const space = input.indexOf(' ');
  return space < 0
    ? { accountId: input, displayName: input }
    : { accountId: input.slice(0, space), displayName: input.slice(space + 1) };
}

/** What the attachment field sends until the outbox knows the files' temporary ids. */
export const UPLOADS_OF = '$uploadsOf';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

const pad = (n: number, size = 2) => String(Math.abs(n)).padStart(size, '0');

/**
 * Jira's date-time format (`2025-01-31T14:35:00.000+0100`) for a local `yyyy-MM-ddTHH:mm`,
 * in the browser's time zone.
 */
function jiraDateTime(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return undefined;
  const date = new Date(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
  if (Number.isNaN(date.getTime()) || !isValidDate(`${m[1]}-${m[2]}-${m[3]}`)) return undefined;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}.000${sign}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
}

function option(field: PortalFieldMeta, id: string): PortalFieldOption | undefined {
  return field.validValues.find((o) => o.value === id);
}

function options(field: PortalFieldMeta, input: FieldInput, many: boolean): Conversion {
  const ids = asList(input);
  if (ids.some((id) => !option(field, id)))
    return fail(
      `Choose one of the listed options for "${field.name}".`,
      'fieldProblem_chooseListed',
      field.name,
    );
  if (ids.length === 0) return ok(undefined);
  return ok(many ? ids.map((id) => ({ id })) : { id: ids[0] as string });
}

const schemaIs = (field: PortalFieldMeta, type: string) => field.jiraSchema.type === type;
const system = (field: PortalFieldMeta) => field.jiraSchema.system ?? '';
const items = (field: PortalFieldMeta) => field.jiraSchema.items ?? '';

const CHOOSE = 'choose an option';
const CHOOSE_MANY = 'choose at least one option';

/** Every kind, in detection order (specific before general). */
const FIELD_KINDS: readonly KindEntry[] = [
  {
    kind: 'attachment',
    detect: (f) => system(f) === 'attachment' || items(f) === 'attachment',
    encode: (_f, input) => {
      const ids = asList(input);
      return ok(ids.length ? { [UPLOADS_OF]: ids } : undefined);
    },
    required: 'add a screenshot or file to the report',
    requiredKey: 'fieldRequired_attachment',
  },
  {
    kind: 'cascade',
    detect: (f, custom) => custom === 'cascadingselect' || schemaIs(f, 'option-with-child'),
    encode: (field, input) => {
      const [parentId, childId] = Array.isArray(input) ? input : [input];
      if (!parentId) return ok(undefined);
      const parent = option(field, parentId);
      if (!parent)
        return fail(
          `Choose one of the listed options for "${field.name}".`,
          'fieldProblem_chooseListed',
          field.name,
        );
      const children = parent.children ?? [];
      if (!childId) {
        return children.length > 0
          ? fail(
              `Choose the second level of "${field.name}".`,
              'fieldProblem_chooseSecondLevel',
              field.name,
            )
          : ok({ id: parentId });
      }
      if (!children.some((c) => c.value === childId))
        return fail(
          `Choose one of the listed options for "${field.name}, second level".`,
          'fieldProblem_chooseListedSecond',
          field.name,
        );
      return ok({ id: parentId, child: { id: childId } });
    },
    choice: 'one',
    required: CHOOSE,
    requiredKey: 'fieldRequired_choose',
  },
  {
    kind: 'priority',
    detect: (f) => system(f) === 'priority' || schemaIs(f, 'priority'),
    encode: (field, input) => options(field, input, false),
    choice: 'one',
    required: CHOOSE,
    requiredKey: 'fieldRequired_choose',
  },
  {
    kind: 'components',
    detect: (f) => system(f) === 'components' || items(f) === 'component',
    encode: (field, input) => options(field, input, true),
    choice: 'many',
    required: CHOOSE_MANY,
    requiredKey: 'fieldRequired_chooseMany',
  },
  {
    kind: 'versions',
    detect: (f) => ['versions', 'fixVersions'].includes(system(f)) || items(f) === 'version',
    encode: (field, input) => options(field, input, true),
    choice: 'many',
    required: CHOOSE_MANY,
    requiredKey: 'fieldRequired_chooseMany',
  },
  {
    kind: 'multi-user',
    detect: (f, custom) => custom === 'multiuserpicker' || items(f) === 'user',
    encode: (_f, input) => {
      const people = asList(input).map((p) => ({ accountId: parsePerson(p).accountId }));
      return ok(people.length ? people : undefined);
    },
    required: 'choose at least one person',
    requiredKey: 'fieldRequired_people',
  },
  {
    kind: 'user',
    detect: (f, custom) => custom === 'userpicker' || schemaIs(f, 'user'),
    encode: (_f, input) => {
      const first = asList(input)[0];
      return ok(first ? { accountId: parsePerson(first).accountId } : undefined);
    },
    required: 'choose a person',
    requiredKey: 'fieldRequired_person',
  },
  {
    kind: 'radio',
    detect: (_f, custom) => custom === 'radiobuttons',
    encode: (field, input) => options(field, input, false),
    choice: 'one',
    required: CHOOSE,
    requiredKey: 'fieldRequired_choose',
  },
  {
    kind: 'checkbox',
    detect: (_f, custom) => custom === 'multicheckboxes',
    encode: (field, input) => options(field, input, true),
    choice: 'many',
    required: CHOOSE_MANY,
    requiredKey: 'fieldRequired_chooseMany',
  },
  {
    kind: 'multi-select',
    detect: (f, custom) => custom === 'multiselect' || items(f) === 'option',
    encode: (field, input) => options(field, input, true),
    choice: 'many',
    required: CHOOSE_MANY,
    requiredKey: 'fieldRequired_chooseMany',
  },
  {
    kind: 'select',
    detect: (f, custom) =>
      custom === 'select' ||
      schemaIs(f, 'option') ||
      (schemaIs(f, 'string') && !system(f) && !custom && f.validValues.length > 0),
    encode: (field, input) => options(field, input, false),
    choice: 'one',
    required: CHOOSE,
    requiredKey: 'fieldRequired_choose',
  },
  {
    kind: 'labels',
    detect: (f, custom) => system(f) === 'labels' || custom === 'labels' || items(f) === 'string',
    encode: (_f, input) => {
      const labels = splitLabels(input).map(redact);
      return ok(labels.length ? labels : undefined);
    },
    required: 'enter at least one label',
    requiredKey: 'fieldRequired_labels',
  },
  {
    kind: 'datetime',
    detect: (f, custom) => custom === 'datetime' || schemaIs(f, 'datetime'),
    encode: (field, input) => {
      const text = asList(input)[0];
      if (!text) return ok(undefined);
      const value = jiraDateTime(text);
      return value
        ? ok(value)
        : fail(`Enter "${field.name}" as a date and time.`, 'fieldProblem_dateTime', field.name);
    },
    required: 'enter a date and time',
    requiredKey: 'fieldRequired_dateTime',
  },
  {
    kind: 'date',
    detect: (f, custom) =>
      custom === 'datepicker' || system(f) === 'duedate' || schemaIs(f, 'date'),
    encode: (field, input) => {
      const text = asList(input)[0];
      if (!text) return ok(undefined);
      return isValidDate(text)
        ? ok(text)
        : fail(
            `Enter "${field.name}" as a date (year-month-day).`,
            'fieldProblem_date',
            field.name,
          );
    },
    required: 'enter a date',
    requiredKey: 'fieldRequired_date',
  },
  {
    kind: 'number',
    detect: (f, custom) => custom === 'float' || schemaIs(f, 'number'),
    encode: (field, input) => {
      const text = asList(input)[0];
      if (!text) return ok(undefined);
      const n = Number(text);
      return Number.isFinite(n)
        ? ok(n)
        : fail(`Enter a number for "${field.name}".`, 'fieldProblem_number', field.name);
    },
    required: 'enter a number',
    requiredKey: 'fieldRequired_number',
  },
  {
    kind: 'url',
    detect: (_f, custom) => custom === 'url',
    encode: (field, input) => {
      const text = asList(input)[0];
      if (!text) return ok(undefined);
      try {
        const url = new URL(text);
        if (url.protocol === 'http:' || url.protocol === 'https:') return ok(redact(text));
      } catch {
        // Answered below.
      }
      return fail(
        `Enter a web address (https://…) for "${field.name}".`,
        'fieldProblem_url',
        field.name,
      );
    },
    required: 'enter a web address',
    requiredKey: 'fieldRequired_url',
  },
  {
    kind: 'paragraph',
    detect: (f, custom) =>
      custom === 'textarea' || system(f) === 'description' || system(f) === 'environment',
    // Multi-line fields are rendered as wiki markup: the one encoder makes them read as typed.
    encode: (_f, input) => {
      const text = Array.isArray(input) ? input.join('\n') : input;
      return ok(text.trim() ? encodeText(text, { max: MAX_TEXT_FIELD }).text : undefined);
    },
    text: true,
    required: 'fill it in',
    requiredKey: 'fieldRequired_fillIn',
  },
  {
    kind: 'text',
    detect: (f, custom) =>
      custom === 'textfield' || system(f) === 'summary' || (schemaIs(f, 'string') && !custom),
    encode: (_f, input) => {
      const text = (Array.isArray(input) ? input.join(' ') : input).replace(/\s*\n\s*/g, ' ');
      return ok(text.trim() ? redact(text).slice(0, 255) : undefined);
    },
    text: true,
    required: 'fill it in',
    requiredKey: 'fieldRequired_fillIn',
  },
  {
    kind: 'unsupported',
    detect: () => true,
    encode: () => ok(undefined),
    required: 'can only be filled on the portal itself',
    requiredKey: 'fieldRequired_unsupported',
  },
];

const BY_KIND = new Map(FIELD_KINDS.map((entry) => [entry.kind, entry]));

/** The entry of a kind. */
function kindEntry(kind: FieldKind): KindEntry {
  return BY_KIND.get(kind) as KindEntry;
}

/** The kind of a field, from its `jiraSchema` (never from its name). */
export function fieldKind(field: PortalFieldMeta): FieldKind {
  const custom = field.jiraSchema.custom ?? '';
  const key = custom.slice(custom.lastIndexOf(':') + 1);
  return (FIELD_KINDS.find((entry) => entry.detect(field, key)) as KindEntry).kind;
}

/** The create-call value for what the user entered (`undefined`: send nothing). */
export function toJsmValue(field: PortalFieldMeta, input: FieldInput | undefined): Conversion {
  if (input === undefined) return ok(undefined);
  return kindEntry(fieldKind(field)).encode(field, input);
}

export function isChoiceKind(kind: FieldKind): boolean {
  return kindEntry(kind).choice !== undefined;
}

export function isMultiKind(kind: FieldKind): boolean {
  return kindEntry(kind).choice === 'many' || kind === 'labels' || kind === 'multi-user';
}

/** The same as requiredMessage, in the user's words. */
export function requiredWords(name: string, kind: FieldKind): FieldWords {
  return { key: kindEntry(kind).requiredKey, values: [name] };
}

/** "“Region” is required: choose an option." */
export function requiredMessage(name: string, kind: FieldKind): string {
  const what = kindEntry(kind).required;
  return kind === 'unsupported'
    ? `"${name}" is required and ${what}.`
    : `"${name}" is required: ${what}.`;
}

/** The form input that shows a field's portal default. */
export function defaultInput(field: PortalFieldMeta): FieldInput | undefined {
  const defaults = field.defaultValues ?? [];
  if (defaults.length === 0) return undefined;
  const kind = fieldKind(field);
  if (kind === 'cascade') {
    const parent = defaults[0] as PortalFieldOption;
    const child = parent.children?.[0];
    return child ? [parent.value, child.value] : [parent.value];
  }
  const ids = defaults.map((d) => d.value);
  return isMultiKind(kind) ? ids : ids[0];
}

/** Whether a create-call value counts as filled in. */
export function isEmptyValue(value: JsmFieldValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The value as the user reads it (option labels, people's names, the text). */
export function displayInput(field: PortalFieldMeta, input: FieldInput | undefined): string {
  const list = asList(input);
  if (list.length === 0) return '';
  const kind = fieldKind(field);
  if (kind === 'cascade') {
    const parent = option(field, list[0] as string);
    const child = parent?.children?.find((c) => c.value === list[1]);
    return [parent?.label ?? list[0], child?.label].filter(Boolean).join(' › ');
  }
  if (isChoiceKind(kind)) return list.map((id) => option(field, id)?.label ?? id).join(', ');
  if (kind === 'user' || kind === 'multi-user')
    return list.map((p) => parsePerson(p).displayName).join(', ');
  return list.join(kind === 'labels' ? ' ' : ', ');
}
