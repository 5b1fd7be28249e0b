// @vitest-environment node
/**
 * Folders of utils/ that import each other (dependency-cruiser's `circular` rule sees modules
 * only): the folder graph is derived from its output on the product. Pairs that still do are
 * listed in KNOWN, which may only shrink; a new pair fails.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const config = createRequire(import.meta.url)(
  join(ROOT, '.dependency-cruiser.cjs'),
) as IConfiguration;

/** Folder pairs that import each other today (a-z order); the list may only get shorter. */
const KNOWN = ['capture <-> settings'];

const folderOf = (path: string) => /^utils\/([^/]+)\//.exec(path)?.[1];

/**
 * Pairs of folders that import each other directly. (Through third folders most of utils/ is
 * still one knot, through messages/ and settings/; this check keeps new direct pairs out.)
 */
function folderCycles(graph: Map<string, Set<string>>): string[] {
  const pairs: string[] = [];
  for (const [a, targets] of graph) {
    for (const b of targets) if (a < b && graph.get(b)?.has(a)) pairs.push(`${a} <-> ${b}`);
  }
  return pairs.sort();
}

describe('folder cycles', () => {
  it('the finder names folders that import each other, and only those', () => {
    const graph = new Map([
      ['a', new Set(['b', 'c'])],
      ['b', new Set(['a'])],
      ['c', new Set(['d'])],
      ['d', new Set(['c'])],
    ]);
    expect(folderCycles(graph)).toEqual(['a <-> b', 'c <-> d']);
  });

  it('utils/ has no folder cycle beyond the known ones', async () => {
    const result = (
      await cruise(['entrypoints', 'components', 'utils'], {
        baseDir: ROOT,
        ...config.options,
        validate: false,
      })
    ).output as ICruiseResult;
    const graph = new Map<string, Set<string>>();
    for (const module of result.modules) {
      const from = folderOf(module.source);
      if (!from) continue;
      for (const dependency of module.dependencies) {
        const to = folderOf(dependency.resolved);
        if (!to || to === from) continue;
        if (!graph.has(from)) graph.set(from, new Set());
        graph.get(from)?.add(to);
      }
    }
    const cycles = folderCycles(graph);
    expect(cycles.filter((pair) => !KNOWN.includes(pair))).toEqual([]);
    // A cycle that went away comes off the list, so it cannot come back unnoticed.
    expect(KNOWN.filter((pair) => !cycles.includes(pair))).toEqual([]);
  }, 60_000);
});
