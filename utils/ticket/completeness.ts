/**
 * What the vendor's guide asks for that the draft still lacks. Incomplete requests wait for
 * a round trip with support, so the popup lists these before submit (it does not block it).
 */
import { t } from '../i18n';
import { type Draft, includedEvents, includedRequests, openingStep } from './draft';

type CompletenessKey =
  | 'environment'
  | 'product'
  | 'errors'
  | 'steps'
  | 'impact'
  | 'recentChanges'
  | 'severity';

interface MissingItem {
  key: CompletenessKey;
  /** The form field's accessible name, so the list can point at it. */
  label: string;
  hint: string;
}

/** Label (the form field's accessible name) and hint of each item, in the UI's language. */
const ITEMS: Readonly<Record<CompletenessKey, () => Omit<MissingItem, 'key'>>> = {
  environment: () => ({ label: t('form_environment'), hint: t('completeness_environmentHint') }),
  product: () => ({ label: t('form_product'), hint: t('completeness_productHint') }),
  errors: () => ({ label: t('completeness_errors'), hint: t('completeness_errorsHint') }),
  steps: () => ({ label: t('form_steps'), hint: t('completeness_stepsHint') }),
  impact: () => ({ label: t('form_impact'), hint: t('completeness_impactHint') }),
  recentChanges: () => ({
    label: t('form_recentChanges'),
    hint: t('completeness_recentChangesHint'),
  }),
  severity: () => ({ label: t('severity_legend'), hint: t('completeness_severityHint') }),
};

/** True when the steps say nothing beyond the pre-filled opening line. */
function stepsAreEmpty(draft: Pick<Draft, 'steps' | 'context'>): boolean {
  const opening = openingStep(draft.context.url, draft.context.capturedAt).trim();
  return draft.steps
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== opening)
    .map((line) => line.replace(/^\d+[.)]\s*/, '').trim())
    .every((line) => line === '');
}

export function missingInformation(draft: Draft): MissingItem[] {
  const missing: CompletenessKey[] = [];
  if (!draft.environment.trim()) missing.push('environment');
  if (!draft.product.trim()) missing.push('product');
  if (includedEvents(draft).length === 0 && includedRequests(draft).length === 0)
    missing.push('errors');
  if (stepsAreEmpty(draft)) missing.push('steps');
  if (!draft.impact.trim()) missing.push('impact');
  if (!draft.recentChanges.trim()) missing.push('recentChanges');
  if (!draft.severity) missing.push('severity');
  return missing.map((key) => ({ key, ...ITEMS[key]() }));
}
