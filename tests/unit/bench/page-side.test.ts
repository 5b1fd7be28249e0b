// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  checkPageSideScript,
  FORBIDDEN_MARKERS,
  MAIN_WORLD_SCRIPT,
  PAGE_SIDE_BUDGETS,
  ZOD_FREE_SCRIPTS,
} from '../../bench/page-side';

const CLEAN =
  '(function(){var e=`support-capture:e`;chrome.runtime.sendMessage({type:`pageEvents`})})();';

describe('page-side bundle check', () => {
  it('passes a small script that carries page-side code only', () => {
    expect(checkPageSideScript('content-scripts/page-context.js', CLEAN)).toEqual([]);
  });

  it.each(FORBIDDEN_MARKERS.map(({ marker }) => marker))(
    'fails a script containing "%s"',
    (marker) => {
      const bundle = `${CLEAN}var t={key:\`${marker}\`};`;
      const findings = checkPageSideScript('content-scripts/page-context.js', bundle);
      expect(findings).toHaveLength(1);
      expect(findings[0]?.problem).toContain(marker);
    },
  );

  it('fails a script over its budget', () => {
    const budget = PAGE_SIDE_BUDGETS['content-scripts/page-context.js'] ?? 0;
    const findings = checkPageSideScript('content-scripts/page-context.js', 'x'.repeat(budget + 1));
    expect(findings).toEqual([
      {
        file: 'content-scripts/page-context.js',
        problem: expect.stringContaining('exceeds its budget'),
      },
    ]);
  });

  it('has a budget for every script that runs in web pages', () => {
    expect(Object.keys(PAGE_SIDE_BUDGETS).sort()).toEqual([
      'content-scripts/console-hook.js',
      'content-scripts/page-context.js',
      'full-page-render.js',
      'page-collector.js',
    ]);
  });

  it('holds the page-context script to 45 KB at most and the MAIN-world hook to 3 KB', () => {
    expect(PAGE_SIDE_BUDGETS['content-scripts/page-context.js']).toBeLessThanOrEqual(45 * 1024);
    expect(PAGE_SIDE_BUDGETS[MAIN_WORLD_SCRIPT]).toBe(3 * 1024);
  });

  it.each(ZOD_FREE_SCRIPTS)('fails %s when it carries zod', (file) => {
    const findings = checkPageSideScript(file, `${CLEAN}var s=M(\`$ZodType\`,()=>{});`);
    expect(findings).toEqual([{ file, problem: 'contains "$ZodType" (zod)' }]);
    expect(checkPageSideScript('full-page-render.js', CLEAN)).toEqual([]);
  });
});
