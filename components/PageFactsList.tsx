import type { Capture } from '@/utils/capture/capture';
import { t } from '@/utils/i18n';
import { ruleMatchText } from './rule-match-text';

/**
 * Page facts, environment and console facts, each saying where it came from. `inferred: false`
 * leaves out environment and product (shown elsewhere with their rule).
 */
export function PageFactsList({
  capture,
  inferred = true,
}: {
  capture: Capture;
  inferred?: boolean;
}) {
  const { facts, environment, product, consoleFacts } = capture;
  const rows: Array<[string, string, string?]> = [];
  if (inferred) {
    rows.push([
      t('facts_environment'),
      environment.value ?? t('facts_unknown'),
      ruleMatchText(environment.matched),
    ]);
    rows.push([
      t('facts_product'),
      product.value ?? t('facts_unknown'),
      ruleMatchText(product.matched),
    ]);
  }
  for (const fact of consoleFacts?.facts ?? []) rows.push([fact.label, fact.value]);
  if (facts) {
    rows.push([t('facts_time'), `${facts.time} (${facts.timeZone})`]);
    rows.push([t('facts_browser'), `${facts.browser} ${facts.browserVersion}`.trim()]);
    rows.push([t('facts_os'), facts.os]);
    rows.push([t('facts_language'), facts.language]);
    if (facts.viewport)
      rows.push([t('facts_viewport'), `${facts.viewport.width} × ${facts.viewport.height}`]);
    if (facts.screen)
      rows.push([t('facts_screen'), `${facts.screen.width} × ${facts.screen.height}`]);
    if (facts.devicePixelRatio !== undefined)
      rows.push([t('facts_pixelRatio'), String(facts.devicePixelRatio)]);
    rows.push([t('facts_extension'), facts.extensionVersion]);
  }
  return (
    <dl class="page-facts" aria-label={t('facts_label')}>
      {rows.map(([label, value, why]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            {value}
            {why && <span class="fact-why"> ({why})</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
