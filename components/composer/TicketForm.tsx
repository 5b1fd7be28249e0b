import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { PageEvent } from '@/utils/capture/page-event';
import { type MessageKey, plural, say, t } from '@/utils/i18n';
import type { SeverityDefinition } from '@/utils/severity/wording';
import { missingInformation } from '@/utils/ticket/completeness';
import { failedRequestText } from '@/utils/ticket/description';
import { type Draft, toggleEvent, toggleRequest } from '@/utils/ticket/draft';
import { fieldProblemList, mapDraftToFields, type ReportFile } from '@/utils/ticket/field-mapping';
import { textTarget } from '@/utils/ticket/mapping-source';
import type { PortalFieldMeta } from '@/utils/ticket/portal-fields';
import type { Person } from '../fields';
import { Disclosure } from '../ui/Disclosure';
import { Icon } from '../ui/Icon';
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
  /** Screenshots, offers, the draft's status: placed after the pre-filled sections. */
  children?: ComponentChildren;
  /** Controls for "Steps to reproduce" (use recorded steps, clear), placed right after it. */
  stepsControls?: ComponentChildren;
  /** Where the request goes (service desk, request type): first in the portal section. */
  header?: ComponentChildren;
  /** Above the decisions: what was captured, at a glance. */
  top?: ComponentChildren;
  /** After the portal's own fields in the portal section (the mapping table). */
  portalExtra?: ComponentChildren;
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
  top,
  portalExtra,
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

  // Focus the first invalid field once the render has marked it, opening its section.
  const showFirstInvalid = () =>
    setTimeout(() => {
      const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      const section = invalid?.closest('details');
      if (section) section.open = true;
      invalid?.focus();
    });

  // Back from a refusal ("Correct the request"): the refused field is shown, open and focused.
  // Once per refusal, when the portal's fields are in (never again while the user types).
  const refusedKey = Object.keys(refusedFields).join(' ');
  const shownRefusal = useRef('');
  useEffect(() => {
    if (!refusedKey || fields.length === 0 || shownRefusal.current === refusedKey) return;
    shownRefusal.current = refusedKey;
    showFirstInvalid();
  }, [refusedKey, fields.length]);

  const submit = (e: Event) => {
    e.preventDefault();
    const found = collectErrors(draft, fields, files);
    setAttempted(true);
    if (Object.keys(found).length > 0) {
      showFirstInvalid();
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
  const total = events.length + failedRequests.length;
  const included =
    events.length -
    draft.excludedEvents.length +
    failedRequests.length -
    draft.excludedRequests.length;
  const steps = draft.steps.trim();
  const stepCount = steps.split('\n').filter((line) => /^\s*\d+\./.test(line)).length;
  const filled = mappings.filter((m) => m.value !== undefined).length;
  const needYou = portalFields.filter((f) => {
    const m = mappings.find((x) => x.fieldId === f.fieldId);
    return m?.required && m.value === undefined;
  }).length;
  const portalInvalid = portalFields.some(
    (f) => live[`field:${f.fieldId}`] || refusedFields[f.fieldId],
  );
  return (
    <form ref={formRef} class="composer composer-form" noValidate onSubmit={submit}>
      <div class="stage-content">
        {top}
        <div class="composer-decide">
          {text('summary', t('form_summary'))}
          <SeverityPicker
            value={draft.severity}
            answers={draft.severityAnswers}
            environment={draft.environment}
            definitions={definitions}
            onChange={(severity) => set({ severity })}
            onAnswersChange={(severityAnswers) => set({ severityAnswers })}
          />
          {text('impact', t('form_impact'), true, t('form_impactHint'))}
          {text('recentChanges', t('form_recentChanges'), true, t('form_recentChangesHint'))}
        </div>

        <div class="composer-sections">
          <h2 class="composer-sections-heading">{t('layout_prefilled')}</h2>
          <Disclosure
            name="errors"
            icon="terminal"
            title={t('completeness_errors')}
            line={
              total === 0
                ? t('layout_nothingCaptured')
                : t('layout_errorsLine', [String(included), String(total)])
            }
          >
            <fieldset class="composer-errors">
              <legend>{t('form_errors')}</legend>
              {total === 0 && <p>{t('form_noErrors')}</p>}
              {events.length > 0 && (
                <ul class="composer-loglist" aria-label={t('events_label')}>
                  {events.map((event, index) => (
                    <li key={`e${index}`}>
                      <label class="composer-choice composer-log">
                        <input
                          type="checkbox"
                          checked={!draft.excludedEvents.includes(index)}
                          onChange={(e) =>
                            onChange(toggleEvent(draft, index, e.currentTarget.checked))
                          }
                        />
                        <span>
                          {t(KIND[event.kind])}
                          {event.count > 1 ? ` ×${event.count}` : ''}:{' '}
                          {event.message.split('\n')[0]}
                        </span>
                      </label>
                      {(event.source || event.url !== draft.context.url) && (
                        <p class="composer-log-detail">
                          {event.source}
                          {event.url !== draft.context.url && ` ${t('events_onPage', event.url)}`}
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {failedRequests.length > 0 && (
                <ul class="composer-loglist" aria-label={t('capture_failedRequests')}>
                  {failedRequests.map((request) => (
                    <li key={`r${request.id}`}>
                      <label class="composer-choice composer-log">
                        <input
                          type="checkbox"
                          checked={!draft.excludedRequests.includes(request.id)}
                          onChange={(e) =>
                            onChange(toggleRequest(draft, request.id, e.currentTarget.checked))
                          }
                        />
                        <span>{t('form_failedRequest', failedRequestText(request))}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
          </Disclosure>

          <Disclosure
            name="steps"
            icon="list"
            title={t('form_steps')}
            line={
              stepCount > 0
                ? plural('layout_stepsLine', stepCount)
                : steps
                  ? steps.split('\n')[0]
                  : t('layout_empty')
            }
          >
            {text('steps', t('form_steps'), true)}
            {stepsControls}
          </Disclosure>

          <Disclosure
            name="context"
            icon="layers"
            title={t('layout_contextSection')}
            line={
              [draft.environment, draft.product].filter(Boolean).join(' · ') ||
              draft.context.browser
            }
          >
            {text('environment', t('form_environment'), false, t('form_environmentHint'))}
            {text('product', t('form_product'))}
          </Disclosure>

          <Disclosure
            name="portal"
            icon="inbox"
            title={t('layout_portalSection')}
            attention={portalInvalid}
            line={
              needYou > 0
                ? plural('layout_portalNeeds', needYou)
                : fields.length > 0
                  ? plural('layout_portalLine', filled)
                  : undefined
            }
          >
            {header}
            {fields.length > 0 && (
              <p class="composer-hint">
                {target ? t('form_textGoesTo', target.name) : t('form_textNowhere')}
              </p>
            )}
            {portalFields.length > 0 && (
              <div class="composer-portal-fields">
                {portalFields.map((f) => (
                  <PortalField
                    key={f.fieldId}
                    field={f}
                    value={
                      draft.fieldValues[f.fieldId] ??
                      mappings.find((m) => m.fieldId === f.fieldId)?.input
                    }
                    error={
                      live[`field:${f.fieldId}`] ??
                      (refusedFields[f.fieldId]
                        ? t('field_refused', refusedFields[f.fieldId])
                        : undefined)
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
              </div>
            )}
            {portalExtra}
          </Disclosure>

          {children}
        </div>
      </div>

      <footer class="composer-footer">
        <div class="stage-footer-status">
          {missing.length > 0 ? (
            <section class="composer-missing" aria-labelledby={`${id}-missing`}>
              <h3 id={`${id}-missing`}>{t('form_stillMissing')}</h3>
              <ul>
                {missing.map((m) => (
                  <li key={m.key}>
                    <span>{m.label}</span>
                    <span class="visually-hidden">: {m.hint}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : (
            <p class="composer-ready">
              <Icon name="check" />
              {t('layout_ready')}
            </p>
          )}
          <div role="alert" class="composer-error">
            {attempted && errorCount > 0 ? plural('form_needAttention', errorCount) : ''}
          </div>
        </div>
        <button type="submit" class="composer-submit btn-lg" disabled={submitting}>
          <Icon name="send" />
          {t('form_submit')}
        </button>
      </footer>
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
  const problems = fieldProblemList(mapDraftToFields(draft, fields, { files }));
  for (const [fieldId, problem] of Object.entries(problems)) {
    // The summary field's problem is already reported at the Summary box.
    if (fieldId === 'summary' && errors.summary) continue;
    errors[`field:${fieldId}`] = problem.words ? say(problem.words) : problem.message;
  }
  return errors;
}
