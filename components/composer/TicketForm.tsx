import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import type { PageEvent } from '@/utils/capture/page-event';
import { type MessageKey, plural, t } from '@/utils/i18n';
import { missingInformation } from '@/utils/ticket/completeness';
import { failedRequestText } from '@/utils/ticket/description';
import { type Draft, toggleEvent, toggleRequest } from '@/utils/ticket/draft';
import {
  fieldProblems,
  mapDraftToFields,
  type ReportFile,
  textTarget,
} from '@/utils/ticket/field-mapping';
import type { PortalFieldMeta } from '@/utils/ticket/portal-fields';
import type { SeverityDefinition } from '@/utils/ticket/severity';
import type { Person } from '../fields';
import { PortalField } from './PortalField';
import { SeverityPicker } from './SeverityPicker';

interface Props {
  draft: Draft;
  /** The chosen request type's fields; the ones the draft does not fill are shown here. */
  fields?: readonly PortalFieldMeta[];
  definitions?: readonly SeverityDefinition[];
  submitting?: boolean;
  onChange: (draft: Draft) => void;
  onSubmit: (draft: Draft) => void;
  /** Screenshots, participants, desk and request type pickers: placed before the submit button. */
  children?: ComponentChildren;
  /** Controls for "Steps to reproduce" (use recorded steps, clear), placed right after it. */
  stepsControls?: ComponentChildren;
  /** Placed at the top of the form (where the request goes). */
  header?: ComponentChildren;
  /** The report's files (an attachment field on the form carries them at create). */
  files?: readonly ReportFile[];
  /** People search for user pickers. */
  searchPeople?: (query: string) => Promise<Person[]>;
  /** The request type's form on the portal. */
  portalFormUrl?: string;
  /** Messages the portal gave for fields when it refused the request, by field id. */
  refusedFields?: Readonly<Record<string, string>>;
}

const KIND: Record<PageEvent['kind'], MessageKey> = {
  'console-error': 'events_kindConsoleError',
  'console-warn': 'events_kindConsoleWarn',
  'uncaught-error': 'events_kindUncaughtError',
  'unhandled-rejection': 'events_kindUnhandledRejection',
  'resource-error': 'events_kindResourceError',
};

/** The request as the vendor's guide asks for it, pre-filled from the capture. */
export function TicketForm({
  draft,
  fields = [],
  definitions,
  submitting,
  onChange,
  onSubmit,
  children,
  stepsControls,
  header,
  files,
  searchPeople,
  portalFormUrl,
  refusedFields = {},
}: Props) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // Errors show once submit was tried, then follow every edit.
  const [attempted, setAttempted] = useState(false);
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });

  const mappings = mapDraftToFields(draft, fields, { files });
  // Fields the draft fills on its own are shown in the mapping table instead; the ones the
  // user chooses (a cascade, the files) and the ones the portal refused are always here.
  const portalFields = fields.filter((f) => {
    const m = mappings.find((x) => x.fieldId === f.fieldId);
    if (!m) return false;
    if (refusedFields[f.fieldId] || m.kind === 'attachment' || m.kind === 'cascade') return true;
    const unfilled = m.origin === 'user' || m.origin === 'default' || m.origin === 'none';
    return unfilled || m.problem || (m.required && m.value === undefined);
  });
  const target = fields.length > 0 ? textTarget(fields) : undefined;
  const missing = missingInformation(draft);
  const live = attempted ? collectErrors(draft, fields, files) : {};

  const submit = (e: Event) => {
    e.preventDefault();
    const found = collectErrors(draft, fields, files);
    setAttempted(true);
    if (Object.keys(found).length > 0) {
      // Focus the first invalid field once the render has marked it.
      setTimeout(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    onSubmit(draft);
  };

  const errorCount = Object.keys(live).length;
  const text = (name: keyof Draft & string, label: string, multiline = false, hint?: string) => {
    const fid = `${id}-${name}`;
    const error = name === 'summary' ? live.summary : undefined;
    const describedBy = [hint ? `${fid}-hint` : '', error ? `${fid}-error` : '']
      .filter(Boolean)
      .join(' ');
    const props = {
      id: fid,
      value: String(draft[name] ?? ''),
      'aria-invalid': error ? ('true' as const) : undefined,
      'aria-describedby': describedBy || undefined,
    };
    return (
      <div class="composer-field">
        <label for={fid}>{label}</label>
        {multiline ? (
          <textarea {...props} rows={4} onInput={(e) => set({ [name]: e.currentTarget.value })} />
        ) : (
          <input
            {...props}
            type="text"
            maxLength={name === 'summary' ? 255 : undefined}
            aria-required={name === 'summary' ? 'true' : undefined}
            onInput={(e) => set({ [name]: e.currentTarget.value })}
          />
        )}
        {hint && (
          <p id={`${fid}-hint`} class="composer-hint">
            {hint}
          </p>
        )}
        {error && (
          <p id={`${fid}-error`} class="composer-error">
            {error}
          </p>
        )}
      </div>
    );
  };

  const { events, failedRequests } = draft.context;
  return (
    <form ref={formRef} class="composer composer-form" noValidate onSubmit={submit}>
      {header}
      {fields.length > 0 && (
        <p class="composer-hint">
          {target ? t('form_textGoesTo', target.name) : t('form_textNowhere')}
        </p>
      )}
      {text('summary', t('form_summary'))}
      {text('environment', t('form_environment'), false, t('form_environmentHint'))}
      {text('product', t('form_product'))}

      <fieldset class="composer-errors">
        <legend>{t('form_errors')}</legend>
        {events.length === 0 && failedRequests.length === 0 && <p>{t('form_noErrors')}</p>}
        {events.map((event, index) => (
          <label key={`e${index}`} class="composer-choice composer-log">
            <input
              type="checkbox"
              checked={!draft.excludedEvents.includes(index)}
              onChange={(e) => onChange(toggleEvent(draft, index, e.currentTarget.checked))}
            />
            <span>
              {t(KIND[event.kind])}
              {event.count > 1 ? ` ×${event.count}` : ''}: {event.message.split('\n')[0]}
            </span>
          </label>
        ))}
        {failedRequests.map((request) => (
          <label key={`r${request.id}`} class="composer-choice composer-log">
            <input
              type="checkbox"
              checked={!draft.excludedRequests.includes(request.id)}
              onChange={(e) => onChange(toggleRequest(draft, request.id, e.currentTarget.checked))}
            />
            <span>{t('form_failedRequest', failedRequestText(request))}</span>
          </label>
        ))}
      </fieldset>

      {text('steps', t('form_steps'), true)}
      {stepsControls}
      {text('impact', t('form_impact'), true, t('form_impactHint'))}
      {text('recentChanges', t('form_recentChanges'), true, t('form_recentChangesHint'))}

      <SeverityPicker
        value={draft.severity}
        answers={draft.severityAnswers}
        environment={draft.environment}
        definitions={definitions}
        onChange={(severity) => set({ severity })}
        onAnswersChange={(severityAnswers) => set({ severityAnswers })}
      />

      {portalFields.map((f) => (
        <PortalField
          key={f.fieldId}
          field={f}
          value={
            draft.fieldValues[f.fieldId] ?? mappings.find((m) => m.fieldId === f.fieldId)?.input
          }
          error={
            live[`field:${f.fieldId}`] ??
            (refusedFields[f.fieldId] ? t('field_refused', refusedFields[f.fieldId]) : undefined)
          }
          files={files}
          searchPeople={searchPeople}
          portalFormUrl={portalFormUrl}
          onChange={(value) => {
            const fieldValues = { ...draft.fieldValues };
            if (value === undefined) delete fieldValues[f.fieldId];
            else fieldValues[f.fieldId] = value;
            set({ fieldValues });
          }}
        />
      ))}

      {children}

      {missing.length > 0 && (
        <section class="composer-missing" aria-labelledby={`${id}-missing`}>
          <h3 id={`${id}-missing`}>{t('form_stillMissing')}</h3>
          <ul>
            {missing.map((m) => (
              <li key={m.key}>
                <strong>{m.label}</strong>: {m.hint}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div role="alert" class="composer-error">
        {attempted && errorCount > 0 ? plural('form_needAttention', errorCount) : ''}
      </div>
      <button type="submit" class="composer-submit" disabled={submitting}>
        {t('form_submit')}
      </button>
    </form>
  );
}

/** Blocking problems, keyed `summary` or `field:<fieldId>`. */
function collectErrors(
  draft: Draft,
  fields: readonly PortalFieldMeta[],
  files?: readonly ReportFile[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.summary.trim()) errors.summary = t('form_summaryError');
  const problems = fieldProblems(mapDraftToFields(draft, fields, { files }));
  for (const [fieldId, message] of Object.entries(problems)) {
    // The summary field's problem is already reported at the Summary box.
    if (fieldId === 'summary' && errors.summary) continue;
    errors[`field:${fieldId}`] = message;
  }
  return errors;
}
