/**
 * Which part of the draft fills a portal field when the user has not said otherwise, the
 * draft's text for each part, and which field takes the composed description.
 */
import { isSeverityField } from '../severity/portal-option';
import { normalise } from '../text/text-match';
import type { Draft, MappingSource } from './draft';
import { fieldKind, type PortalFieldMeta, visibleFields } from './portal-fields';

const has = (name: string, pattern: RegExp) => pattern.test(normalise(name));

/** Which part of the draft fills a field when the user has not said otherwise. */
export function autoSource(field: PortalFieldMeta): MappingSource {
  const { fieldId, name } = field;
  const system = field.jiraSchema.system ?? '';
  if (fieldId === 'summary' || system === 'summary') return 'summary';
  if (fieldId === 'description' || system === 'description') return 'description';
  if (isSeverityField(field)) return 'severity';
  if (has(name, /\benvironments?\b/) || system === 'environment') return 'environment';
  if (has(name, /\b(products?|services?|applications?|components?)\b/) || system === 'components')
    return 'product';
  if (has(name, /\b(steps|reproduce|reproduction|repro)\b/)) return 'steps';
  if (has(name, /\b(recent|configuration|config) (configuration )?changes?\b|\bwhat changed\b/))
    return 'recentChanges';
  if (has(name, /\b(impact|business impact)\b/)) return 'impact';
  return 'none';
}

/** The draft's text for a source (the description only when asked to compose it). */
export function sourceText(
  draft: Draft,
  source: MappingSource,
  description: () => string = () => '',
): string {
  switch (source) {
    case 'summary':
      return draft.summary;
    case 'description':
      return description();
    case 'severity':
      return draft.severity ?? '';
    case 'environment':
      return draft.environment;
    case 'product':
      return draft.product;
    case 'steps':
      return draft.steps;
    case 'impact':
      return draft.impact;
    case 'recentChanges':
      return draft.recentChanges;
    case 'none':
      return '';
  }
}

/**
 * Where the composed text (every section and the capture reference) goes: the description
 * when the form shows it, else the first visible paragraph field; `undefined` when the form
 * has neither (the reference still ends the summary).
 */
export function textTarget<F extends PortalFieldMeta>(fields: readonly F[]): F | undefined {
  const visible = visibleFields(fields);
  return (
    visible.find((f) => f.fieldId === 'description' || f.jiraSchema.system === 'description') ??
    visible.find((f) => fieldKind(f) === 'paragraph')
  );
}
