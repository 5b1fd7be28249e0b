import type { Capture } from '@/utils/capture/capture';

/** Page facts, environment and console facts, each saying where it came from. */
export function PageFactsList({ capture }: { capture: Capture }) {
  const { facts, environment, product, consoleFacts } = capture;
  const rows: Array<[string, string, string?]> = [];
  rows.push(['Environment', environment.value ?? 'Unknown', environment.matched.description]);
  rows.push(['Product', product.value ?? 'Unknown', product.matched.description]);
  for (const fact of consoleFacts?.facts ?? []) rows.push([fact.label, fact.value]);
  if (facts) {
    rows.push(['Time', `${facts.time} (${facts.timeZone})`]);
    rows.push(['Browser', `${facts.browser} ${facts.browserVersion}`.trim()]);
    rows.push(['OS', facts.os]);
    rows.push(['Language', facts.language]);
    if (facts.viewport)
      rows.push(['Viewport', `${facts.viewport.width} × ${facts.viewport.height}`]);
    if (facts.screen) rows.push(['Screen', `${facts.screen.width} × ${facts.screen.height}`]);
    if (facts.devicePixelRatio !== undefined)
      rows.push(['Pixel ratio', String(facts.devicePixelRatio)]);
    rows.push(['Extension', facts.extensionVersion]);
  }
  return (
    <dl class="page-facts" aria-label="Page facts">
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
