import { useId } from 'preact/hooks';
import { interleave, t } from '@/utils/i18n';
import {
  type FieldInput,
  fieldKind,
  type PortalFieldMeta,
  splitLabels,
} from '@/utils/ticket/portal-fields';

interface Props {
  field: PortalFieldMeta;
  value: FieldInput | undefined;
  /** The message shown at the field when it blocks submit. */
  error?: string;
  onChange: (value: FieldInput | undefined) => void;
}

const list = (value: FieldInput | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : value ? [value] : [];
const single = (value: FieldInput | undefined): string =>
  value === undefined ? '' : Array.isArray(value) ? (value[0] ?? '') : value;

/** One of the request type's own fields, rendered by its type; the label is the field's name. */
export function PortalField({ field, value, error, onChange }: Props) {
  const id = useId();
  const kind = fieldKind(field);
  const hintId = field.description ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-required': field.required ? ('true' as const) : undefined,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  };
  const marker = field.required ? (
    <span class="composer-required" aria-hidden="true">
      {' '}
      *
    </span>
  ) : null;
  const label = (
    <label for={id}>
      {field.name}
      {marker}
    </label>
  );
  const text = (value: string) => onChange(value === '' ? undefined : value);

  let control: preact.JSX.Element;
  switch (kind) {
    case 'text':
    case 'labels':
    case 'date':
    case 'number': {
      const props = {
        ...common,
        value: kind === 'labels' ? list(value).join(' ') : single(value),
        onInput: (e: preact.TargetedEvent<HTMLInputElement>) => {
          const v = e.currentTarget.value;
          if (kind === 'labels') onChange(v.trim() ? splitLabels(v) : undefined);
          else text(v);
        },
      };
      control = (
        <>
          {label}
          {kind === 'date' ? (
            <input type="date" {...props} />
          ) : kind === 'number' ? (
            <input type="number" inputMode="decimal" step="any" {...props} />
          ) : (
            <input type="text" {...props} />
          )}
        </>
      );
      break;
    }
    case 'paragraph':
      control = (
        <>
          {label}
          <textarea
            {...common}
            rows={4}
            value={single(value)}
            onInput={(e) => text(e.currentTarget.value)}
          />
        </>
      );
      break;
    case 'select':
    case 'multi-select': {
      const multiple = kind === 'multi-select';
      control = (
        <>
          {label}
          <select
            {...common}
            multiple={multiple}
            value={multiple ? undefined : single(value)}
            onChange={(e) => {
              const el = e.currentTarget;
              if (multiple) {
                const chosen = Array.from(el.selectedOptions, (o) => o.value);
                onChange(chosen.length ? chosen : undefined);
              } else text(el.value);
            }}
          >
            {!multiple && <option value="">{t('field_choose')}</option>}
            {field.validValues.map((o) => (
              <option key={o.value} value={o.value} selected={list(value).includes(o.value)}>
                {o.label}
              </option>
            ))}
          </select>
        </>
      );
      break;
    }
    case 'radio':
    case 'checkbox': {
      const chosen = list(value);
      const options = field.validValues.map((o) => (
        <label key={o.value} class="composer-choice">
          <input
            type={kind}
            name={id}
            value={o.value}
            checked={chosen.includes(o.value)}
            onChange={(e) => {
              if (kind === 'radio') return onChange(o.value);
              const next = e.currentTarget.checked
                ? [...chosen, o.value]
                : chosen.filter((v) => v !== o.value);
              onChange(next.length ? next : undefined);
            }}
          />
          {o.label}
        </label>
      ));
      const legend = (
        <span id={`${id}-legend`} class="composer-legend">
          {field.name}
          {marker}
        </span>
      );
      // A radio group can say it is required; a checkbox group (fieldset) cannot.
      control =
        kind === 'radio' ? (
          <div role="radiogroup" aria-labelledby={`${id}-legend`} {...common} id={undefined}>
            {legend}
            {options}
          </div>
        ) : (
          <fieldset aria-invalid={common['aria-invalid']} aria-describedby={describedBy}>
            <legend>
              {field.name}
              {marker}
            </legend>
            {options}
          </fieldset>
        );
      break;
    }
    default:
      control = (
        <p>
          {interleave('field_portalOnly', [
            <span key="name">
              <strong>{field.name}</strong>
              {marker}
            </span>,
          ])}
        </p>
      );
  }

  return (
    <div class="composer-field" data-field-id={field.fieldId} data-kind={kind}>
      {control}
      {kind === 'labels' && <p class="composer-hint">{t('field_labelsHint')}</p>}
      {field.description && (
        <p id={hintId} class="composer-hint">
          {field.description}
        </p>
      )}
      {error && (
        <p id={errorId} class="composer-error">
          {error}
        </p>
      )}
    </div>
  );
}
