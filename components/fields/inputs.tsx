/** The kinds entered as one line of text: text, URL, number, date, date and time, labels. */
import { splitLabels } from '@/utils/field-kinds/registry';
import { t } from '@/utils/i18n';
import { type FieldProps, list, single } from './types';

const text = (onChange: FieldProps['onChange']) => (v: string) =>
  onChange(v === '' ? undefined : v);

export function TextField({ field, value, onChange, id, aria, label }: FieldProps) {
  const max = field.jiraSchema.system === 'summary' ? 255 : undefined;
  return (
    <>
      <label for={id}>{label}</label>
      <input
        type="text"
        id={id}
        {...aria}
        maxLength={max}
        value={single(value)}
        onInput={(e) => text(onChange)(e.currentTarget.value)}
      />
    </>
  );
}

export function UrlField({ value, onChange, id, aria, label }: FieldProps) {
  return (
    <>
      <label for={id}>{label}</label>
      <input
        type="url"
        inputMode="url"
        id={id}
        {...aria}
        value={single(value)}
        onInput={(e) => text(onChange)(e.currentTarget.value)}
      />
    </>
  );
}

export function NumberField({ value, onChange, id, aria, label }: FieldProps) {
  return (
    <>
      <label for={id}>{label}</label>
      <input
        type="number"
        inputMode="decimal"
        step="any"
        id={id}
        {...aria}
        value={single(value)}
        onInput={(e) => text(onChange)(e.currentTarget.value)}
      />
    </>
  );
}

export function DateField({ value, onChange, id, aria, label }: FieldProps) {
  return (
    <>
      <label for={id}>{label}</label>
      <input
        type="date"
        id={id}
        {...aria}
        value={single(value)}
        onInput={(e) => text(onChange)(e.currentTarget.value)}
      />
    </>
  );
}

export function DateTimeField({ value, onChange, id, aria, label }: FieldProps) {
  return (
    <>
      <label for={id}>{label}</label>
      <input
        type="datetime-local"
        id={id}
        {...aria}
        value={single(value)}
        onInput={(e) => text(onChange)(e.currentTarget.value)}
      />
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
