import { useState } from 'preact/hooks';
import { ENVIRONMENTS, type Environment } from '@/utils/capture/capture';
import { inferEnvironment, newRule, rulePatternProblem } from '@/utils/capture/environment';
import type { EnvironmentRule } from '@/utils/capture/settings';
import { interleave, t } from '@/utils/i18n';
import { ManagedNote } from './ManagedNote';
import { ruleMatchText } from './rule-match-text';

interface Props {
  rules: readonly EnvironmentRule[];
  onSave: (rules: EnvironmentRule[]) => void;
  /** Makes ids for new rules (injected so tests are deterministic). */
  makeId?: () => string;
  /** The organisation's rules (managed policy), tried first; shown, not editable. */
  policyRules?: readonly EnvironmentRule[];
  /** The vendor profile's rules and defaults, for "Try a page address". */
  vendorRules?: readonly EnvironmentRule[];
  /** The organisation's rules replace the user's own. */
  locked?: boolean;
}

/** The ordered environment and product rules, editable; first match wins. */
export function EnvironmentRulesEditor({
  rules,
  onSave,
  makeId = () => crypto.randomUUID(),
  policyRules = [],
  vendorRules,
  locked = false,
}: Props) {
  const [draft, setDraft] = useState<EnvironmentRule[]>(() => [...rules]);
  const [tryUrl, setTryUrl] = useState('');
  const problems = draft.map((rule) => {
    const problem = rulePatternProblem(rule.pattern);
    return problem && t(problem);
  });
  const valid = problems.every((problem) => problem === undefined);

  const change = (index: number, patch: Partial<EnvironmentRule>) =>
    setDraft(draft.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  const move = (index: number, by: number) => {
    const next = [...draft];
    const [rule] = next.splice(index, 1);
    if (rule) next.splice(index + by, 0, rule);
    setDraft(next);
  };
  const tried = tryUrl
    ? inferEnvironment(
        tryUrl,
        locked ? [] : draft.filter((_, i) => !problems[i]),
        undefined,
        vendorRules,
        policyRules,
      )
    : undefined;

  return (
    <section aria-labelledby="environment-rules-heading">
      <h2 id="environment-rules-heading">{t('rules_heading')}</h2>
      <p>
        {interleave('rules_help', [
          <code key="any">*</code>,
          <code key="host">*.staging.example.com</code>, // i18n-ignore: an example host name
          <code key="path">console.example.com/admin</code>, // i18n-ignore: an example address
        ])}
      </p>
      {policyRules.length > 0 && (
        <>
          <h3 id="policy-rules-heading">{t('rules_policyHeading')}</h3>
          <p>
            {interleave('rules_policyIntro', [<ManagedNote key="note" id="policy-rules-note" />])}
          </p>
          <ol class="rule-list" aria-labelledby="policy-rules-heading">
            {policyRules.map((rule, index) => (
              <li key={rule.id}>
                <label>
                  {t('rules_policyPattern', String(index + 1))}
                  <input
                    type="text"
                    value={rule.pattern}
                    disabled
                    aria-describedby="policy-rules-note"
                  />
                </label>
                <label>
                  {t('rules_policyEnvironment', String(index + 1))}
                  <input
                    type="text"
                    value={rule.environment ?? t('rules_notSet')}
                    disabled
                    aria-describedby="policy-rules-note"
                  />
                </label>
                <label>
                  {t('rules_policyProduct', String(index + 1))}
                  <input
                    type="text"
                    value={rule.product}
                    disabled
                    aria-describedby="policy-rules-note"
                  />
                </label>
              </li>
            ))}
          </ol>
        </>
      )}
      {locked && <p>{t('rules_locked')}</p>}
      {!locked && (
        <>
          <ol class="rule-list" aria-label={t('rules_listLabel')}>
            {draft.map((rule, index) => {
              const n = index + 1;
              const problemId = `rule-${rule.id}-problem`;
              return (
                <li key={rule.id}>
                  <label>
                    {t('rules_pattern', String(n))}
                    <input
                      type="text"
                      value={rule.pattern}
                      aria-invalid={problems[index] ? 'true' : undefined}
                      aria-describedby={problems[index] ? problemId : undefined}
                      onInput={(event) => change(index, { pattern: event.currentTarget.value })}
                    />
                  </label>
                  <label>
                    {t('rules_environment', String(n))}
                    <select
                      value={rule.environment ?? ''}
                      onChange={(event) =>
                        change(index, {
                          environment: (event.currentTarget.value || null) as Environment | null,
                        })
                      }
                    >
                      <option value="">{t('rules_notSet')}</option>
                      {ENVIRONMENTS.map((value) => (
                        <option key={value} value={value}>
                          {value}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t('rules_product', String(n))}
                    <input
                      type="text"
                      value={rule.product}
                      onInput={(event) => change(index, { product: event.currentTarget.value })}
                    />
                  </label>
                  <button
                    type="button"
                    aria-label={t('rules_moveUp', String(n))}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    {t('rules_up')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('rules_moveDown', String(n))}
                    disabled={index === draft.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    {t('rules_down')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('rules_remove', String(n))}
                    onClick={() => setDraft(draft.filter((_, i) => i !== index))}
                  >
                    {t('common_remove')}
                  </button>
                  {problems[index] && (
                    <p id={problemId} class="field-error">
                      {problems[index]}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
          <button type="button" onClick={() => setDraft([...draft, newRule(makeId())])}>
            {t('rules_add')}
          </button>{' '}
          <button type="button" disabled={!valid} onClick={() => onSave(draft)}>
            {t('rules_save')}
          </button>
        </>
      )}
      <label>
        {t('rules_try')}
        <input
          type="url"
          value={tryUrl}
          onInput={(event) => setTryUrl(event.currentTarget.value)}
        />
      </label>
      {tried && (
        <p role="status">
          {t('rules_tried', [
            tried.environment.value ?? t('common_unknown'),
            ruleMatchText(tried.environment.matched),
            tried.product.value ?? t('common_unknown'),
            ruleMatchText(tried.product.matched),
          ])}
        </p>
      )}
    </section>
  );
}
