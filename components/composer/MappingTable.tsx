import { useId } from 'preact/hooks';
import type { Draft, MappingOverrides, MappingSource } from '@/utils/ticket/draft';
import {
  autoSource,
  mapDraftToFields,
  SOURCE_LABELS,
  setOverride,
  sourceText,
} from '@/utils/ticket/field-mapping';
import { isChoiceKind, type PortalFieldMeta } from '@/utils/ticket/portal-fields';

interface Props {
  draft: Draft;
  fields: readonly PortalFieldMeta[];
  onChange: (overrides: MappingOverrides) => void;
  /** Saves the current overrides for this request type; hidden when absent. */
  onSave?: (overrides: MappingOverrides) => void;
  /** A confirmation after saving, announced politely. */
  status?: string;
}

const SOURCES = Object.keys(SOURCE_LABELS) as MappingSource[];

/** How the request fills the portal's fields, and why; every row can be changed. */
export function MappingTable({ draft, fields, onChange, onSave, status }: Props) {
  const id = useId();
  const overrides = draft.mappingOverrides;
  const rows = mapDraftToFields(draft, fields);
  if (rows.length === 0) return null;

  return (
    <section class="composer composer-mapping" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Portal fields</h3>
      <table>
        <caption class="visually-hidden">How the request fills the portal's fields</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Filled from</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const override = overrides[row.fieldId];
            const text = sourceText(draft, row.source).trim();
            const field = fields.find((f) => f.fieldId === row.fieldId);
            const canPin =
              field &&
              isChoiceKind(row.kind) &&
              row.origin !== 'user' &&
              row.source !== 'none' &&
              text;
            const current = Array.isArray(row.input) ? row.input[0] : row.input;
            return (
              <tr key={row.fieldId} data-field-id={row.fieldId}>
                <th scope="row">
                  {row.fieldName}
                  {row.required && <span class="composer-required"> (required)</span>}
                </th>
                <td>
                  <select
                    aria-label={`Fill "${row.fieldName}" from`}
                    value={override ? override.source : ''}
                    disabled={row.origin === 'user' || row.kind === 'unsupported'}
                    onChange={(e) => {
                      const source = e.currentTarget.value as MappingSource | '';
                      onChange(
                        setOverride(overrides, row.fieldId, source ? { source } : undefined),
                      );
                    }}
                  >
                    <option value="">
                      Automatic ({field ? SOURCE_LABELS[autoSource(field)] : SOURCE_LABELS.none})
                    </option>
                    {SOURCES.map((s) => (
                      <option key={s} value={s}>
                        {SOURCE_LABELS[s]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {canPin ? (
                    <select
                      aria-label={`Option of "${row.fieldName}" for ${SOURCE_LABELS[row.source].toLowerCase()} "${text}"`}
                      value={current ?? ''}
                      onChange={(e) => {
                        const optionId = e.currentTarget.value;
                        const options = { ...override?.options };
                        if (optionId) options[text] = optionId;
                        else delete options[text];
                        onChange(
                          setOverride(overrides, row.fieldId, { source: row.source, options }),
                        );
                      }}
                    >
                      <option value="">No option</option>
                      {field.validValues.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span class="composer-value">{row.display || '—'}</span>
                  )}
                  <p class="composer-hint">{row.reason}</p>
                  {row.problem && <p class="composer-error">{row.problem}</p>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {onSave && (
        <button type="button" onClick={() => onSave(overrides)}>
          Save mapping for this request type
        </button>
      )}
      <p aria-live="polite" class="notice">
        {status ?? ''}
      </p>
    </section>
  );
}
