import { useState } from 'preact/hooks';
import { ENVIRONMENTS, type Environment } from '@/utils/capture/capture';
import { checkRulePattern, inferEnvironment, newRule } from '@/utils/capture/environment';
import type { EnvironmentRule } from '@/utils/capture/settings';

interface Props {
  rules: readonly EnvironmentRule[];
  onSave: (rules: EnvironmentRule[]) => void;
  /** Makes ids for new rules (injected so tests are deterministic). */
  makeId?: () => string;
}

/** The ordered environment and product rules, editable; first match wins. */
export function EnvironmentRulesEditor({
  rules,
  onSave,
  makeId = () => crypto.randomUUID(),
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
        draft.filter((_, i) => !problems[i]),
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
