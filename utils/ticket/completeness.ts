/**
 * What the vendor's guide asks for that the draft still lacks. Incomplete requests wait for
 * a round trip with support, so the popup lists these before submit (it does not block it).
 */
import { type Draft, includedEvents, includedRequests, openingStep } from './draft';

export type CompletenessKey =
  | 'environment'
  | 'product'
  | 'errors'
  | 'steps'
  | 'impact'
  | 'recentChanges'
  | 'severity';

export interface MissingItem {
  key: CompletenessKey;
  /** The form field's accessible name, so the list can point at it. */
  label: string;
  hint: string;
}

const ITEMS: Readonly<Record<CompletenessKey, Omit<MissingItem, 'key'>>> = {
  environment: { label: 'Environment', hint: 'Say where it happens, e.g. production or staging.' },
  product: { label: 'Product or service', hint: 'Name the product or service affected.' },
  errors: {
    label: 'Errors and logs',
    hint: 'No error message or failed request is included; paste one into the steps if you have it.',
  },
  steps: { label: 'Steps to reproduce', hint: 'Add what you did after opening the page.' },
  impact: { label: 'Impact', hint: 'Describe who is affected and what they cannot do.' },
  recentChanges: {
    label: 'Recent configuration changes',
    hint: 'Mention recent changes, or write "none".',
  },
  severity: { label: 'Severity', hint: 'Choose P1 to P4; the quick questions can suggest one.' },
};

/** True when the steps say nothing beyond the pre-filled opening line. */
export function stepsAreEmpty(draft: Pick<Draft, 'steps' | 'context'>): boolean {
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
  return missing.map((key) => ({ key, ...ITEMS[key] }));
}
