import { useId } from 'preact/hooks';
import { FIELD_COMPONENTS, type Person } from '@/components/fields';
import { fieldKind } from '@/utils/field-kinds/registry';
import type { FieldInput, PortalFieldMeta } from '@/utils/field-kinds/types';

interface Props {
  field: PortalFieldMeta;
  value: FieldInput | undefined;
  /** The message shown at the field when it blocks submit, or the portal refused it. */
  error?: string;
  onChange: (value: FieldInput | undefined) => void;
  files?: readonly { blobId: string; name: string }[];
  searchPeople?: (query: string) => Promise<Person[]>;
  portalFormUrl?: string;
}

/** One of the request type's own fields, rendered by its kind; the label is the field's name. */
export function PortalField({ field, value, error, onChange, ...rest }: Props) {
  const id = useId();
  const kind = fieldKind(field);
  const hintId = field.description ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const Control = FIELD_COMPONENTS[kind];
  const label = (
    <>
      {field.name}
      {field.required && (
        <span class="composer-required" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </>
  );
  return (
    <div class="composer-field" data-field-id={field.fieldId} data-kind={kind}>
      <Control
        field={field}
        value={value}
        onChange={onChange}
        id={id}
        aria={{
          'aria-required': field.required ? 'true' : undefined,
          'aria-invalid': error ? 'true' : undefined,
          'aria-describedby': describedBy,
        }}
        label={label}
        {...rest}
      />
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
