/** The kinds chosen from the field's options: select, priority, radio, multi-select, checkboxes, components, versions, cascade. */
import { t } from '@/utils/i18n';
import { type FieldProps, list, single } from './types';

export function SelectField({ field, value, onChange, id, aria, label }: FieldProps) {
  return (
    <>
      <label for={id}>{label}</label>
      <select
        id={id}
        {...aria}
        value={single(value)}
        onChange={(e) => onChange(e.currentTarget.value || undefined)}
      >
        <option value="">{t('field_choose')}</option>
        {field.validValues.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

export function MultiSelectField({ field, value, onChange, id, aria, label }: FieldProps) {
  const chosen = list(value);
  return (
    <>
      <label for={id}>{label}</label>
      <select
        id={id}
        {...aria}
        multiple
        onChange={(e) => {
          const ids = Array.from(e.currentTarget.selectedOptions, (o) => o.value);
          onChange(ids.length ? ids : undefined);
        }}
      >
        {field.validValues.map((o) => (
          <option key={o.value} value={o.value} selected={chosen.includes(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

export function RadioField({ field, value, onChange, id, aria, label }: FieldProps) {
  const chosen = single(value);
  return (
    <div role="radiogroup" aria-labelledby={`${id}-legend`} {...aria}>
      <span id={`${id}-legend`} class="composer-legend">
        {label}
      </span>
      {field.validValues.map((o) => (
        <label key={o.value} class="composer-choice">
          <input
            type="radio"
            name={id}
            value={o.value}
            checked={chosen === o.value}
            onChange={() => onChange(o.value)}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

export function CheckboxField({ field, value, onChange, aria, label }: FieldProps) {
  const chosen = list(value);
  // A checkbox group (fieldset) cannot say it is required; its legend shows the marker.
  return (
    <fieldset aria-invalid={aria['aria-invalid']} aria-describedby={aria['aria-describedby']}>
      <legend>{label}</legend>
      {field.validValues.map((o) => (
        <label key={o.value} class="composer-choice">
          <input
            type="checkbox"
            value={o.value}
            checked={chosen.includes(o.value)}
            onChange={(e) => {
              const next = e.currentTarget.checked
                ? [...chosen, o.value]
                : chosen.filter((v) => v !== o.value);
              onChange(next.length ? next : undefined);
            }}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Two selects: the option, then "<name>, second level" listing the chosen option's children. */
export function CascadeField({ field, value, onChange, id, aria, label }: FieldProps) {
  const [parentId = '', childId = ''] = list(value);
  const parent = field.validValues.find((o) => o.value === parentId);
  const children = parent?.children ?? [];
  return (
    <>
      <label for={id}>{label}</label>
      <select
        id={id}
        {...aria}
        value={parentId}
        onChange={(e) => {
          const next = e.currentTarget.value;
          onChange(next ? [next] : undefined);
        }}
      >
        <option value="">{t('field_choose')}</option>
        {field.validValues.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {children.length > 0 && (
        <>
          <label for={`${id}-child`}>{t('field_secondLevel', field.name)}</label>
          <select
            id={`${id}-child`}
            aria-required={aria['aria-required']}
            aria-invalid={aria['aria-invalid'] && !childId ? 'true' : undefined}
            aria-describedby={aria['aria-describedby']}
            value={childId}
            onChange={(e) => {
              const next = e.currentTarget.value;
              onChange(next ? [parentId, next] : [parentId]);
            }}
          >
            <option value="">{t('field_choose')}</option>
            {children.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </>
      )}
    </>
  );
}
