// @vitest-environment node
/**
 * The import rules of .dependency-cruiser.cjs (run on the product by `npm run lint:deps`), run
 * on two small trees under ./fixtures: one that breaks every rule, one that keeps them.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const config = createRequire(import.meta.url)(
  join(ROOT, '.dependency-cruiser.cjs'),
) as IConfiguration;

async function check(tree: 'bad' | 'good'): Promise<ICruiseResult> {
  const result = await cruise(['entrypoints', 'components', 'utils'], {
    baseDir: join(import.meta.dirname, 'fixtures', tree),
    ruleSet: { forbidden: config.forbidden },
    validate: true,
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
  });
  return result.output as ICruiseResult;
}

describe('import rules', () => {
  it('fail on a tree that breaks them, naming each rule', async () => {
    const { summary } = await check('bad');
    const broken = new Set(summary.violations.map((violation) => violation.rule.name));
    expect(summary.error).toBeGreaterThan(0);
    expect([...broken].sort()).toEqual([
      'components-not-portal-or-outbox',
      'no-cycles',
      'page-side-no-storage',
      'page-side-only',
      'utils-not-ui',
    ]);
    expect(summary.violations).toContainEqual(
      expect.objectContaining({
        from: 'entrypoints/page-context.content.ts',
        to: 'utils/portal/client.ts',
        rule: expect.objectContaining({ name: 'page-side-only' }),
      }),
    );
  });

  it('keep page-side scripts from stored items and the storage wrapper', async () => {
    const { summary } = await check('bad');
    const reached = summary.violations
      .filter((violation) => violation.rule.name === 'page-side-no-storage')
      .map((violation) => violation.to);
    expect(reached).toEqual(
      expect.arrayContaining(['utils/capture/items.ts', 'utils/stored-item.ts']),
    );
  });

  it('pass on a tree that keeps them', async () => {
    const { summary } = await check('good');
    expect(summary.totalCruised).toBe(3);
    expect(summary.violations).toEqual([]);
  });
});
