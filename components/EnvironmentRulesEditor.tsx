import { useState } from 'preact/hooks';
import { ENVIRONMENTS, type Environment } from '@/utils/capture/capture';
import { checkRulePattern, inferEnvironment, newRule } from '@/utils/capture/environment';
import type { EnvironmentRule } from '@/utils/capture/settings';
import { ManagedNote } from './ManagedNote';

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
  const problems = draft.map((rule) => checkRulePattern(rule.pattern));
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
      <h2 id="environment-rules-heading">Environment and product rules</h2>
      <p>
        Rules are tried in order; the first that matches a page's host and path decides. Use
        <code> * </code> for any text, e.g. <code>*.staging.example.com</code> or
        <code> console.example.com/admin</code>. Without a rule, host names containing prod, stg,
        staging, dev, qa or test are guessed.
      </p>
      {policyRules.length > 0 && (
        <>
          <h3 id="policy-rules-heading">Rules set by your organisation</h3>
          <p>
            <ManagedNote id="policy-rules-note" />. They are tried before your own rules.
          </p>
          <ol class="rule-list" aria-labelledby="policy-rules-heading">
            {policyRules.map((rule, index) => (
              <li key={rule.id}>
                <label>
                  Pattern of organisation rule {index + 1}
                  <input
                    type="text"
                    value={rule.pattern}
                    disabled
                    aria-describedby="policy-rules-note"
                  />
                </label>
                <label>
                  Environment of organisation rule {index + 1}
                  <input
                    type="text"
                    value={rule.environment ?? '(not set)'}
                    disabled
                    aria-describedby="policy-rules-note"
                  />
                </label>
                <label>
                  Product of organisation rule {index + 1}
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
      {locked && <p>Your organisation's rules replace your own rules on this browser.</p>}
      {!locked && (
        <>
          <ol class="rule-list" aria-label="Environment rules">
            {draft.map((rule, index) => {
              const n = index + 1;
              const problemId = `rule-${rule.id}-problem`;
              return (
                <li key={rule.id}>
                  <label>
                    Pattern of rule {n}
                    <input
                      type="text"
                      value={rule.pattern}
                      aria-invalid={problems[index] ? 'true' : undefined}
                      aria-describedby={problems[index] ? problemId : undefined}
                      onInput={(event) => change(index, { pattern: event.currentTarget.value })}
                    />
                  </label>
                  <label>
                    Environment of rule {n}
                    <select
                      value={rule.environment ?? ''}
                      onChange={(event) =>
                        change(index, {
                          environment: (event.currentTarget.value || null) as Environment | null,
                        })
                      }
                    >
                      <option value="">(not set)</option>
                      {ENVIRONMENTS.map((value) => (
                        <option key={value} value={value}>
                          {value}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Product of rule {n}
                    <input
                      type="text"
                      value={rule.product}
                      onInput={(event) => change(index, { product: event.currentTarget.value })}
                    />
                  </label>
                  <button
                    type="button"
                    aria-label={`Move rule ${n} up`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    Up
                  </button>
                  <button
                    type="button"
                    aria-label={`Move rule ${n} down`}
                    disabled={index === draft.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    Down
                  </button>
                  <button
                    type="button"
                    aria-label={`Remove rule ${n}`}
                    onClick={() => setDraft(draft.filter((_, i) => i !== index))}
                  >
                    Remove
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
            Add rule
          </button>{' '}
          <button type="button" disabled={!valid} onClick={() => onSave(draft)}>
            Save rules
          </button>
        </>
      )}
      <label>
        Try a page address
        <input
          type="url"
          value={tryUrl}
          onInput={(event) => setTryUrl(event.currentTarget.value)}
        />
      </label>
      {tried && (
        <p role="status">
          Environment: {tried.environment.value ?? 'unknown'} (
          {tried.environment.matched.description}). Product: {tried.product.value ?? 'unknown'} (
          {tried.product.matched.description}).
        </p>
      )}
    </section>
  );
}
