import { useId } from 'preact/hooks';
import { interleave, type MessageKey, t } from '@/utils/i18n';
import type { Severity } from '@/utils/severity/levels';
import {
  type Reach,
  type SeverityAnswers,
  type SeverityReasonCode,
  type SeverityWarningCode,
  severityWarnings,
  suggestSeverity,
} from '@/utils/severity/suggestion';
import { DEFAULT_SEVERITY_DEFINITIONS, type SeverityDefinition } from '@/utils/severity/wording';

// The questions' text in the request sent to the vendor stays as `QUICK_QUESTIONS` and
// `REACH_LABELS` (utils/severity/suggestion.ts); the form shows them in the user's language.
/** Why a level is suggested, and what contradicts the chosen one, in the user's words. */
const REASON_KEYS: Record<SeverityReasonCode, MessageKey> = {
  'nobody-blocked': 'severityReason_nobodyBlocked',
  'production-down-one-user': 'severityReason_productionDownOneUser',
  'production-down': 'severityReason_productionDown',
  'production-wide-workaround': 'severityReason_productionWideWorkaround',
  'production-workaround': 'severityReason_productionWorkaround',
  'outside-production-blocked': 'severityReason_outsideProductionBlocked',
  'outside-production': 'severityReason_outsideProduction',
  workaround: 'severityReason_workaround',
  'several-blocked': 'severityReason_severalBlocked',
};

const WARNING_KEYS: Record<SeverityWarningCode, MessageKey> = {
  'p1-not-production': 'severityWarning_p1NotProduction',
  'p1-with-workaround': 'severityWarning_p1WithWorkaround',
  'p4-production-down': 'severityWarning_p4ProductionDown',
};

const REACH_TEXT: Record<Reach, MessageKey> = {
  none: 'severity_reachNone',
  one: 'severity_reachOne',
  some: 'severity_reachSome',
  all: 'severity_reachAll',
};

interface Props {
  value: Severity | undefined;
  answers: SeverityAnswers;
  /** The draft's environment, for the "P1 outside production" warning. */
  environment?: string;
  definitions?: readonly SeverityDefinition[];
  onChange: (severity: Severity) => void;
  onAnswersChange: (answers: SeverityAnswers) => void;
}

/**
 * The vendor's severity levels with their definitions, three quick questions that suggest a
 * level, and warnings when the choice contradicts the answers. It never changes the choice.
 */
export function SeverityPicker({
  value,
  answers,
  environment,
  definitions = DEFAULT_SEVERITY_DEFINITIONS,
  onChange,
  onAnswersChange,
}: Props) {
  const id = useId();
  const suggestion = suggestSeverity(answers);
  const warnings = severityWarnings(value, answers, environment);
  const set = (patch: Partial<SeverityAnswers>) => onAnswersChange({ ...answers, ...patch });

  return (
    <div class="composer-severity">
      <div role="radiogroup" aria-labelledby={`${id}-legend`} aria-describedby={`${id}-status`}>
        <p id={`${id}-legend`} class="composer-legend">
          {t('severity_legend')}
        </p>
        {definitions.map((d) => (
          <label key={d.level} class="composer-choice">
            <input
              type="radio"
              name={`${id}-severity`}
              value={d.level}
              checked={value === d.level}
              onChange={() => onChange(d.level)}
            />
            <span>
              {/* The colon sits inside <strong> so every browser names the radio "P1 Critical: …". */}
              <strong>{`${d.level} ${d.name}:`}</strong> {d.definition}
            </span>
          </label>
        ))}
      </div>

      {/* Folded: most users know the level; the questions are there for those who do not. */}
      <details class="composer-questions-toggle">
        <summary>{t('layout_severityQuestions')}</summary>
        <fieldset class="composer-questions">
          <legend>{t('severity_questions')}</legend>
          <YesNo
            name={`${id}-production`}
            legend={t('severity_production')}
            value={answers.production}
            onChange={(production) => set({ production })}
          />
          <YesNo
            name={`${id}-workaround`}
            legend={t('severity_workaround')}
            value={answers.workaround}
            onChange={(workaround) => set({ workaround })}
          />
          <label for={`${id}-reach`}>{t('severity_reach')}</label>
          <select
            id={`${id}-reach`}
            value={answers.reach ?? ''}
            onChange={(e) => {
              const reach = e.currentTarget.value as Reach | '';
              set({ reach: reach || undefined });
            }}
          >
            <option value="">{t('severity_notAnswered')}</option>
            {(Object.keys(REACH_TEXT) as Reach[]).map((reach) => (
              <option key={reach} value={reach}>
                {t(REACH_TEXT[reach])}
              </option>
            ))}
          </select>
          <label for={`${id}-function`}>{t('severity_function')}</label>
          <input
            id={`${id}-function`}
            type="text"
            value={answers.blockedFunction ?? ''}
            placeholder={t('severity_functionExample')}
            onInput={(e) => set({ blockedFunction: e.currentTarget.value || undefined })}
          />
        </fieldset>
      </details>

      <div id={`${id}-status`} aria-live="polite">
        {suggestion && (
          <p class="composer-suggestion">
            {interleave('severity_suggested', [
              <strong key="level">{suggestion.severity}</strong>,
              t(REASON_KEYS[suggestion.code]),
            ])}{' '}
            {suggestion.severity !== value && (
              <button type="button" onClick={() => onChange(suggestion.severity)}>
                {t('severity_use', suggestion.severity)}
              </button>
            )}
          </p>
        )}
      </div>
      {warnings.length > 0 && (
        <div role="alert" class="composer-warnings">
          {warnings.map((w) => (
            <p key={w.code} data-code={w.code}>
              {t(WARNING_KEYS[w.code])}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

function YesNo({
  name,
  legend,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  value: 'yes' | 'no' | undefined;
  onChange: (value: 'yes' | 'no') => void;
}) {
  return (
    <fieldset class="composer-yesno">
      <legend>{legend}</legend>
      {(['yes', 'no'] as const).map((choice) => (
        <label key={choice} class="composer-choice">
          <input
            type="radio"
            name={name}
            value={choice}
            checked={value === choice}
            onChange={() => onChange(choice)}
          />
          {choice === 'yes' ? t('common_yes') : t('common_no')}
        </label>
      ))}
    </fieldset>
  );
}
