/**
 * Every user-facing text comes from `public/_locales`: this test reads the components and pages
 * with the TypeScript parser and names each text written into the code instead, as file:line.
 *
 * Found: JSX text with letters; string and template literals with letters that are rendered
 * (a JSX child expression, both branches of `?:`, the right side of `&&`…) or given to a
 * user-facing attribute or prop (aria-label, title, placeholder, alt, label, a button's value…);
 * and, anywhere else in these files, literals that read like a sentence ("Save rules", "Not
 * filed.") — they end up on screen through a map or a state setter.
 * Allowed: punctuation and symbols, and a line marked `// i18n-ignore: why` (brand names,
 * example host names; use sparingly).
 *
 * It also checks the locale files: every key used with t()/plural()/interleave() exists, every
 * language has the same keys and placeholders as English, the keys are valid for the browser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findErrorKeys, listSourceFiles, readSource } from './error-sites';
import { LOCALES, type Messages } from './messages';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const CHECKED_DIRS = ['components', 'entrypoints'];

/** Attributes and props whose value is read or shown to the user. */
const USER_FACING_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'aria-roledescription',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
  'heading',
  'hint',
  'notice',
  'message',
  'description',
  'caption',
  'legend',
  'tooltip',
  'emptyText',
  'searchLimitNote',
]);

/** Calls whose string arguments are keys or not shown: not text to translate. */
const KEY_CALLS = new Set(['t', 'plural', 'interleave']);

const LETTER = /\p{L}/u;
/** "Save rules", "Not filed.": a capitalised word, then another word (not "M0,0H V"). */
const SENTENCE = /\p{Lu}\p{Ll}+['’]?\p{Ll}*\s+\p{L}{2}/u;

interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The literal text of a string or template literal (substitutions left out), else undefined. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  }
  return undefined;
}

/** The expressions whose value ends up as text when `expression` is rendered. */
function renderedParts(expression: ts.Expression): ts.Expression[] {
  if (ts.isParenthesizedExpression(expression)) return renderedParts(expression.expression);
  if (ts.isConditionalExpression(expression)) {
    return [...renderedParts(expression.whenTrue), ...renderedParts(expression.whenFalse)];
  }
  if (ts.isBinaryExpression(expression)) {
    const op = expression.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return renderedParts(expression.right);
    if (
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.QuestionQuestionToken ||
      op === ts.SyntaxKind.PlusToken
    ) {
      return [...renderedParts(expression.left), ...renderedParts(expression.right)];
    }
    return [];
  }
  return [expression];
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Literals that are not text: keys, comparisons, types, imports, property names. */
function isNotText(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isLiteralTypeNode(parent) ||
    ts.isCaseClause(parent) ||
    ts.isElementAccessExpression(parent) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    ts.isExternalModuleReference(parent) ||
    // User-facing attributes are checked on their own; class names and ids are not text.
    ts.isJsxAttribute(parent)
  ) {
    return true;
  }
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    return (
      op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.EqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsToken ||
      op === ts.SyntaxKind.InKeyword
    );
  }
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && node !== parent.expression) {
    const name = calleeName(parent);
    return name !== undefined && (KEY_CALLS.has(name) || name === 'querySelector');
  }
  return false;
}

function tagName(attribute: ts.JsxAttribute): string {
  const element = attribute.parent.parent;
  return element.tagName.getText();
}

function attributeValue(attribute: ts.JsxAttribute, name: string): string | undefined {
  for (const other of attribute.parent.properties) {
    if (ts.isJsxAttribute(other) && other.name.getText() === name && other.initializer) {
      if (ts.isStringLiteral(other.initializer)) return other.initializer.text;
    }
  }
  return undefined;
}

function isUserFacing(attribute: ts.JsxAttribute): boolean {
  const name = attribute.name.getText();
  if (USER_FACING_PROPS.has(name)) return true;
  if (name !== 'value') return false;
  // A button's value is its label; an option's or a text field's value is data.
  const tag = tagName(attribute);
  const type = attributeValue(attribute, 'type');
  return (
    tag === 'button' || (tag === 'input' && ['button', 'submit', 'reset'].includes(type ?? ''))
  );
}

/** Finds the texts written into one file. */
function findHardCodedStrings(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const lines = source.split('\n');
  const ignored = (line: number) =>
    /i18n-ignore/.test(lines[line] ?? '') ||
    /^\s*(\/\/|\{?\/\*).*i18n-ignore/.test(lines[line - 1] ?? '');
  const findings: Finding[] = [];
  const reported = new Set<ts.Node>();

  const report = (node: ts.Node, text: string, why: string) => {
    const start = node.getStart(sf) + Math.max(0, node.getText(sf).search(/\S/));
    const line = sf.getLineAndCharacterOfPosition(start).line;
    reported.add(node);
    if (ignored(line)) return;
    findings.push({ file, line: line + 1, text: text.replace(/\s+/g, ' ').trim(), why });
  };

  const checkRendered = (expression: ts.Expression, why: string) => {
    for (const part of renderedParts(expression)) {
      const text = literalText(part);
      if (text !== undefined && LETTER.test(text)) report(part, text, why);
      else if (text !== undefined) reported.add(part);
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text)) report(node, node.text, 'JSX text');
    } else if (ts.isJsxAttribute(node) && node.initializer && isUserFacing(node)) {
      const why = `${node.name.getText()} attribute`;
      if (ts.isStringLiteral(node.initializer)) {
        if (LETTER.test(node.initializer.text))
          report(node.initializer, node.initializer.text, why);
      } else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) {
        checkRendered(node.initializer.expression, why);
      }
    } else if (
      ts.isJsxAttribute(node) &&
      node.initializer &&
      ts.isJsxExpression(node.initializer)
    ) {
      // Other attributes' values (class, d, href) are not text.
      const value = node.initializer.expression;
      for (const part of value ? renderedParts(value) : []) reported.add(part);
    } else if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      checkRendered(node.expression, 'rendered string');
    } else if (!reported.has(node) && !isNotText(node)) {
      const text = literalText(node);
      if (text !== undefined && SENTENCE.test(text)) report(node, text, 'text in code');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

const files = CHECKED_DIRS.flatMap((dir) => listFiles(join(ROOT, dir)))
  .map((path) => relative(ROOT, path).split('\\').join('/'))
  .sort();

function findingsIn(file: string): Finding[] {
  return findHardCodedStrings(file, readFileSync(join(ROOT, file), 'utf8'));
}

const format = (f: Finding) => `${f.file}:${f.line}: ${JSON.stringify(f.text)} (${f.why})`;

describe('user-facing text is in _locales, not in the code', () => {
  it('checks every component and page', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files).toContain('components/composer/CaptureSummary.tsx');
    expect(files).toContain('entrypoints/options/OptionsApp.tsx');
    expect(files).toContain('components/composer/TicketForm.tsx');
    expect(files).toContain('entrypoints/popup/Composer.tsx');
  });

  it('finds no text written into a component or page', () => {
    const findings = files.flatMap(findingsIn);
    expect(findings.map(format)).toEqual([]);
  });

  describe('the checker itself', () => {
    const check = (code: string) =>
      findHardCodedStrings('x.tsx', code).map((f) => `${f.line}: ${f.text} (${f.why})`);

    it('finds JSX text, attribute values, rendered literals and sentences in code', () => {
      expect(
        check(
          [
            'const HINT = "Black out secrets for good";',
            'export const A = ({ n }: { n: number }) => (',
            // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a component under test
            '  <section aria-label="Captured page" title={`Happened ${n} times`}>',
            '    <h2>Errors</h2>',
            "    {n === 1 ? 'error' : 'errors'}",
            '    <input placeholder="Search" value="kept as data" />',
            '    <button value="Go">×</button>',
            '  </section>',
            ');',
          ].join('\n'),
        ),
      ).toEqual([
        '1: Black out secrets for good (text in code)',
        '3: Captured page (aria-label attribute)',
        '3: Happened times (title attribute)',
        '4: Errors (JSX text)',
        '5: error (rendered string)',
        '5: errors (rendered string)',
        '6: Search (placeholder attribute)',
        '7: Go (value attribute)',
      ]);
    });

    it('allows keys, symbols, comparisons, class names and marked exceptions', () => {
      expect(
        check(
          [
            "import { t } from '@/utils/i18n';",
            "export const A = ({ kind }: { kind: 'Console error' | 'b' }) => (",
            '  <p class="notice notice-error" aria-label={t(\'events_label\')} data-kind={kind}>',
            "    {kind === 'Console error' ? '…' : ' · '} ×{' '}",
            '    <code>*.staging.example.com</code> {/* i18n-ignore: an example host */}',
            "    {t('capture_noTitle')}",
            '  </p>',
            ');',
          ].join('\n'),
        ),
      ).toEqual([]);
    });
  });
});

describe('locale files', () => {
  const en = LOCALES.en;
  const languages = Object.entries(LOCALES) as [string, Messages][];
  const placeholderNames = (message: string) =>
    [...message.matchAll(/\$([a-zA-Z0-9_@]+)\$/g)].map((m) => (m[1] ?? '').toLowerCase()).sort();

  it('has valid, unique keys and non-empty messages', () => {
    const keys = Object.keys(en);
    expect(keys.filter((key) => !/^[A-Za-z0-9_@]+$/.test(key) || key.startsWith('@@'))).toEqual([]);
    // The browser looks keys up without regard to case.
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
    for (const [lang, messages] of languages) {
      const empty = Object.entries(messages).filter(([, m]) => m.message.trim() === '');
      expect(empty.map(([key]) => `${lang}:${key}`)).toEqual([]);
    }
  });

  it('has the same keys in every language', () => {
    for (const [lang, messages] of languages) {
      const missing = Object.keys(en).filter((key) => !(key in messages));
      const extra = Object.keys(messages).filter((key) => !(key in en));
      expect({ lang, missing, extra }).toEqual({ lang, missing: [], extra: [] });
    }
  });

  it('defines every placeholder a message uses, the same in every language', () => {
    for (const [lang, messages] of languages) {
      for (const [key, entry] of Object.entries(messages)) {
        const defined = Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase());
        const used = placeholderNames(entry.message);
        expect({ lang, key, undefined: used.filter((name) => !defined.includes(name)) }).toEqual({
          lang,
          key,
          undefined: [],
        });
        const reference = en[key];
        if (!reference) continue;
        const contents = (m: typeof entry) =>
          Object.fromEntries(
            Object.entries(m.placeholders ?? {}).map(([name, p]) => [
              name.toLowerCase(),
              p.content,
            ]),
          );
        expect({ lang, key, placeholders: contents(entry) }).toEqual({
          lang,
          key,
          placeholders: contents(reference),
        });
        expect({ lang, key, used: [...new Set(used)] }).toEqual({
          lang,
          key,
          used: [...new Set(placeholderNames(reference.message))],
        });
      }
    }
  });

  it('has every key the code and the manifest use, in every language', () => {
    const code = ['components', 'entrypoints', 'utils'].flatMap((dir) =>
      listFiles(join(ROOT, dir)).map((path) => readFileSync(path, 'utf8')),
    );
    const used = new Set<string>();
    for (const text of code) {
      for (const m of text.matchAll(/\b(t|interleave)\(\s*'([^']+)'/g)) used.add(m[2] ?? '');
      for (const m of text.matchAll(/\bplural\(\s*'([^']+)'/g)) {
        used.add(`${m[1]}_one`);
        used.add(`${m[1]}_other`);
      }
    }
    // The keys errors carry for the page that shows them (`messageKey`, portal/errors.ts words).
    const errorKeys = listSourceFiles().flatMap((file) => findErrorKeys(file, readSource(file)));
    expect(errorKeys.length).toBeGreaterThan(80);
    for (const key of errorKeys) used.add(key);
    const manifest = readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');
    for (const m of manifest.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)) used.add(m[1] ?? '');
    expect(used.size).toBeGreaterThan(100);
    for (const [lang, messages] of languages) {
      expect({ lang, missing: [...used].filter((key) => !(key in messages)) }).toEqual({
        lang,
        missing: [],
      });
    }
  });
});
