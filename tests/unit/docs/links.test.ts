// @vitest-environment node
/**
 * Comments and docs point only at files inside the repository: no note that a clone does not
 * have, no section number without a file, and every `docs/….md#anchor` (or any repository
 * path to a Markdown file) names a file and a heading that exist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

const SCANNED_DIRS = ['entrypoints', 'components', 'utils', 'tests', 'docs', '.ci'];
const SCANNED_ROOT_FILES = [
  'README.md',
  'wxt.config.ts',
  'playwright.config.ts',
  'playwright.firefox.config.ts',
  'vitest.config.ts',
];
const TEXT_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|md|html|css|sh)$/;
/** `.ci/run` and similar scripts have no extension. */
const EXTENSIONLESS_DIRS = ['.ci'];

/** Names of notes that live outside the repository. */
const OUTSIDE_NOTES: { pattern: RegExp; why: string }[] = [
  {
    pattern: /\b(PLATFORM-FACTS|JSM-NOTES|STYLE-ANCHORS|PRODUCT-ANCHORS)\b/,
    why: 'a note outside the repository',
  },
  { pattern: /\bARCHITECTURE\.md\b/, why: 'a note outside the repository' },
  { pattern: /\.\.\/shared\//, why: 'a folder outside the repository' },
  { pattern: /\/work\//, why: 'an absolute path on a developer machine' },
  { pattern: /§\s*\d/, why: 'a section number without a file (link docs/<file>.md#<anchor>)' },
];

/** A path to a Markdown file with at least one folder, and an optional `#anchor`. */
const MD_REFERENCE = /(?<![\w/.-])((?:\.{1,2}\/)*(?:[\w.-]+\/)+[\w.-]+\.md)(?:#([\w-]+))?/g;
/** A bare file name with an anchor (`README.md#…`, `jsm-portal.md#…`). */
const BARE_MD_ANCHOR = /(?<![\w/.-])([\w.-]+\.md)#([\w-]+)/g;
/** An in-page link of a Markdown file: `](#anchor)`. */
const IN_PAGE_LINK = /\]\(#([\w-]+)\)/g;

interface Finding {
  file: string;
  line: number;
  problem: string;
}

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
}

function scannedFiles(): string[] {
  const files: string[] = [];
  for (const dir of SCANNED_DIRS) walk(join(ROOT, dir), files);
  for (const name of SCANNED_ROOT_FILES) {
    const path = join(ROOT, name);
    if (existsSync(path)) files.push(path);
  }
  return files.filter((path) => {
    // This file holds wrong references on purpose, as samples.
    if (path === import.meta.filename) return false;
    if (TEXT_FILE.test(path)) return true;
    const rel = relative(ROOT, path);
    return (
      EXTENSIONLESS_DIRS.some((dir) => rel.startsWith(`${dir}/`)) && !basename(path).includes('.')
    );
  });
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorCache = new Map<string, Set<string>>();

/** The anchors of a Markdown file's headings (duplicates get `-1`, `-2`, as on GitHub). */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const match = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!match?.[1]) continue;
    const base = slug(match[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

function anchorsOfFile(path: string): Set<string> {
  let anchors = anchorCache.get(path);
  if (!anchors) {
    anchors = anchorsOf(readFileSync(path, 'utf8'));
    anchorCache.set(path, anchors);
  }
  return anchors;
}

/** A referenced Markdown file: relative to the referring file first, then to the root. */
function resolveMarkdown(from: string, target: string): string | undefined {
  for (const base of [dirname(from), ROOT]) {
    const path = join(base, target);
    if (!relative(ROOT, path).startsWith('..') && existsSync(path)) return path;
  }
  return undefined;
}

/** The problems of one file's text; `path` is where the file is (or would be) in the repo. */
function checkText(path: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const file = relative(ROOT, path);
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const at = { file, line: index + 1 };
    for (const { pattern, why } of OUTSIDE_NOTES) {
      const match = pattern.exec(line);
      if (match) findings.push({ ...at, problem: `"${match[0]}" names ${why}` });
    }
    const references = [
      ...[...line.matchAll(MD_REFERENCE)].map((m) => ({ target: m[1], anchor: m[2] })),
      ...[...line.matchAll(BARE_MD_ANCHOR)].map((m) => ({ target: m[1], anchor: m[2] })),
    ];
    for (const { target, anchor } of references) {
      if (!target || /^https?:|\/\//.test(target)) continue;
      const resolved = resolveMarkdown(path, target);
      if (!resolved) {
        findings.push({ ...at, problem: `${target} is not a file in the repository` });
        continue;
      }
      if (anchor && !anchorsOfFile(resolved).has(anchor))
        findings.push({ ...at, problem: `${target} has no heading #${anchor}` });
    }
    if (path.endsWith('.md')) {
      for (const match of line.matchAll(IN_PAGE_LINK)) {
        const anchor = match[1];
        if (anchor && !anchorsOf(text).has(anchor))
          findings.push({ ...at, problem: `no heading #${anchor} in this file` });
      }
    }
  });
  return findings;
}

/** URLs are skipped: a web page's own `.md` path is not a repository file. */
function withoutUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/\S+/g, (url) => ' '.repeat(url.length));
}

describe('links to notes and docs', () => {
  it('scan the product, the tests and the docs', () => {
    const files = scannedFiles().map((path) => relative(ROOT, path));
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'wxt.config.ts',
        'docs/platform-facts.md',
        'docs/jsm-portal.md',
        'utils/portal/client.ts',
        'tests/emulator/server.ts',
        '.ci/run',
      ]),
    );
  });

  it('name only files inside the repository, and only headings that exist', () => {
    const findings = scannedFiles().flatMap((path) =>
      checkText(path, withoutUrls(readFileSync(path, 'utf8'))),
    );
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.problem}`)).toEqual([]);
  });

  it('flag a note outside the repository, a bare section and a missing file or heading', () => {
    // Assembled, so that no file of the repository names that outside folder literally.
    const outside = ['..', 'shared'].join('/');
    const sample = [
      '// quota (PLATFORM-FACTS 1.1)',
      '/** lags writes (JSM-NOTES 9.2) */',
      `// see ${outside}/design/x.md and §9.3`,
      '// see docs/platform-facts.md#no-such-heading',
      '// see docs/no-such-file.md#anything and notes/readme.md',
      '// fine: docs/platform-facts.md#screenshot-rate-limit, README.md#design',
    ].join('\n');
    const problems = checkText(join(ROOT, 'utils', 'sample.ts'), sample).map(
      (f) => `${f.line}: ${f.problem}`,
    );
    expect(problems).toEqual([
      '1: "PLATFORM-FACTS" names a note outside the repository',
      '2: "JSM-NOTES" names a note outside the repository',
      `3: "${outside}/" names a folder outside the repository`,
      '3: "§9" names a section number without a file (link docs/<file>.md#<anchor>)',
      `3: ${outside}/design/x.md is not a file in the repository`,
      '4: docs/platform-facts.md has no heading #no-such-heading',
      '5: docs/no-such-file.md is not a file in the repository',
      '5: notes/readme.md is not a file in the repository',
    ]);
  });

  it('make anchors the way GitHub does', () => {
    expect(slug('Why html2canvas-pro and not html2canvas 1.4.1')).toBe(
      'why-html2canvas-pro-and-not-html2canvas-141',
    );
    expect(slug("Writes and the portal's XSRF check")).toBe('writes-and-the-portals-xsrf-check');
    expect([...anchorsOf('# A\n## B c\n```\n# not a heading\n```\n## B c\n')]).toEqual([
      'a',
      'b-c',
      'b-c-1',
    ]);
  });
});
