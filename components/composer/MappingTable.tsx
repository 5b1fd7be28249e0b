import { useId } from 'preact/hooks';
import { type MessageKey, say, t } from '@/utils/i18n';
import type { Draft, MappingOverrides, MappingSource } from '@/utils/ticket/draft';
import {
  type FieldMapping,
  type MappingReasonCode,
  mapDraftToFields,
  setOverride,
} from '@/utils/ticket/field-mapping';
import { autoSource, sourceText } from '@/utils/ticket/mapping-source';
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

/** Each source's name as a list entry, and inside a sentence (lower case in English). */
const SOURCE_TEXT: Record<MappingSource, { label: MessageKey; inSentence: MessageKey }> = {
  summary: { label: 'form_summary', inSentence: 'mapping_sourceInSentence_summary' },
  description: {
    label: 'mapping_sourceDescription',
    inSentence: 'mapping_sourceInSentence_description',
  },
  severity: { label: 'severity_legend', inSentence: 'mapping_sourceInSentence_severity' },
  environment: { label: 'form_environment', inSentence: 'mapping_sourceInSentence_environment' },
  product: { label: 'form_product', inSentence: 'mapping_sourceInSentence_product' },
  steps: { label: 'form_steps', inSentence: 'mapping_sourceInSentence_steps' },
  impact: { label: 'form_impact', inSentence: 'mapping_sourceInSentence_impact' },
  recentChanges: {
    label: 'form_recentChanges',
    inSentence: 'mapping_sourceInSentence_recentChanges',
  },
  none: { label: 'mapping_sourceNone', inSentence: 'mapping_sourceInSentence_none' },
};

const SOURCES = Object.keys(SOURCE_TEXT) as MappingSource[];
const sourceLabel = (source: MappingSource) => t(SOURCE_TEXT[source].label);

/** Each reason's words; `source` ones get the source's name first (`$1`). */
const REASON_TEXT: Record<MappingReasonCode, { key: MessageKey; source?: 'label' | 'inSentence' }> =
  {
    files: { key: 'mappingReason_files' },
    entered: { key: 'mappingReason_entered' },
    unsupported: { key: 'mappingReason_unsupported' },
    'portal-default': { key: 'mappingReason_portalDefault' },
    'not-filled': { key: 'mappingReason_notFilled' },
    'no-severity': { key: 'mappingReason_noSeverity' },
    'no-severity-default': { key: 'mappingReason_noSeverityDefault' },
    empty: { key: 'mappingReason_empty', source: 'label' },
    'empty-default': { key: 'mappingReason_emptyDefault', source: 'label' },
    pinned: { key: 'mappingReason_pinned', source: 'label' },
    'severity-option': { key: 'mappingReason_severityOption' },
    'severity-scale': { key: 'mappingReason_severityScale' },
    matches: { key: 'mappingReason_matches', source: 'label' },
    'no-match': { key: 'mappingReason_noMatch', source: 'label' },
    description: { key: 'mappingReason_description' },
    'source-text': { key: 'mappingReason_sourceText', source: 'inSentence' },
  };

/** What the user should fix, in their words when the mapping says which problem it is. */
function mappingProblemText(
  row: Pick<FieldMapping, 'problem' | 'problemWhy' | 'problemWords' | 'fieldName' | 'source'>,
): string {
  if (row.problemWords) return say(row.problemWords);
  if (!row.problemWhy) return row.problem ?? '';
  return t('mappingProblem_noOption', [
    row.fieldName,
    t(SOURCE_TEXT[row.source].inSentence),
    ...row.problemWhy.values,
  ]);
}

/** Why a field gets its value, in the user's words. */
function mappingReasonText(row: Pick<FieldMapping, 'why' | 'source'>): string {
  const words = REASON_TEXT[row.why.code];
  const values = words.source
    ? [t(SOURCE_TEXT[row.source][words.source]), ...row.why.values]
    : row.why.values;
  const text = t(words.key, values);
  return row.why.chosen ? `${text} ${t('mappingReason_chosen')}` : text;
}

/** How the request fills the portal's fields, and why; every row can be changed. */
export function MappingTable({ draft, fields, onChange, onSave, status }: Props) {
  const id = useId();
  const overrides = draft.mappingOverrides;
  const rows = mapDraftToFields(draft, fields);
  if (rows.length === 0) return null;

  return (
    <section class="composer composer-mapping" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('mapping_heading')}</h3>
      <table>
        <caption class="visually-hidden">{t('mapping_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mapping_field')}</th>
            <th scope="col">{t('mapping_filledFrom')}</th>
            <th scope="col">{t('mapping_value')}</th>
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
                  {row.required && <span class="composer-required"> {t('mapping_required')}</span>}
                </th>
                <td>
                  <select
                    aria-label={t('mapping_fillFrom', row.fieldName)}
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
                      {t('mapping_automatic', sourceLabel(field ? autoSource(field) : 'none'))}
                    </option>
                    {SOURCES.map((s) => (
                      <option key={s} value={s}>
                        {sourceLabel(s)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {canPin ? (
                    <select
                      aria-label={t('mapping_optionFor', [
                        row.fieldName,
                        t(SOURCE_TEXT[row.source].inSentence),
                        text,
                      ])}
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
                      <option value="">{t('mapping_noOption')}</option>
                      {field.validValues.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span class="composer-value">{row.display || '—'}</span>
                  )}
                  <p class="composer-hint">{mappingReasonText(row)}</p>
                  {row.problem && <p class="composer-error">{mappingProblemText(row)}</p>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {onSave && (
        <button type="button" onClick={() => onSave(overrides)}>
          {t('mapping_save')}
        </button>
      )}
      <p aria-live="polite" class="notice">
        {status ?? ''}
      </p>
    </section>
  );
}
