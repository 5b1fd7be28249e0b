/** The kinds entered as one line of text: text, URL, number, date, date and time, labels. */
import { splitLabels } from '@/utils/field-kinds/registry';
import { t } from '@/utils/i18n';
import { type FieldProps, list, single } from './types';

const text = (onChange: FieldProps['onChange']) => (v: string) =>
  onChange(v === '' ? undefined : v);

/** What each one-line kind's input shares: id, accessibility, the value and its edits. */
function lineProps({ value, onChange, id, aria }: FieldProps) {
  return {
    id,
    ...aria,
    value: single(value),
    onInput: (e: { currentTarget: HTMLInputElement }) => text(onChange)(e.currentTarget.value),
  };
}

export function TextField(props: FieldProps) {
  const max = props.field.jiraSchema.system === 'summary' ? 255 : undefined;
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input type="text" maxLength={max} {...lineProps(props)} />
    </>
  );
}

export function UrlField(props: FieldProps) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input type="url" inputMode="url" {...lineProps(props)} />
    </>
  );
}

export function NumberField(props: FieldProps) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input type="number" inputMode="decimal" step="any" {...lineProps(props)} />
    </>
  );
}

export function DateField(props: FieldProps) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input type="date" {...lineProps(props)} />
    </>
  );
}

export function DateTimeField(props: FieldProps) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input type="datetime-local" {...lineProps(props)} />
    </>
  );
}

export function LabelsField({ value, onChange, id, aria, label }: FieldProps) {
  return (
    <>
      <label for={id}>{label}</label>
      <input
        type="text"
        id={id}
        {...aria}
        value={list(value).join(' ')}
        onInput={(e) => {
          const v = e.currentTarget.value;
          onChange(v.trim() ? splitLabels(v) : undefined);
        }}
      />
      <p class="composer-hint">{t('field_labelsHint')}</p>
    </>
  );
}

export function ParagraphField({ value, onChange, id, aria, label }: FieldProps) {
  return (
    <>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        {...aria}
        rows={4}
        value={single(value)}
        onInput={(e) => text(onChange)(e.currentTarget.value)}
      />
    </>
  );
}
