/**
 * Reads the source with the TypeScript parser for the errors the user can meet: every
 * `new AppError(...)` and whether it carries a message key, and the message keys errors name.
 * Used by error-keys.test.ts (the rule) and no-hard-coded-strings.test.ts (keys exist).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const SOURCE_DIRS = ['utils', 'components', 'entrypoints'];

/**
 * The comment that marks an error the user never sees (a protocol bug, an error re-raised with
 * the key it already has). It must say why, on the line of `new AppError(` or up to two above.
 */
export const INTERNAL_MARK = /\/\/\s*internal-error:\s*(\S.{9,})/;

/**
 * Helpers that build an ErrorInfo with a key, and when: `storageErrorInfo` always (a
 * `storage_<data>_<failure>` key, checked in tests/unit/storage/storage-errors.test.ts);
 * portal/errors.ts `info` when given its fourth argument, the words `{ key, values }`.
 */
const KEYED_HELPERS: Record<string, (call: ts.CallExpression) => boolean> = {
  storageErrorInfo: () => true,
  info: (call) => call.arguments.length >= 4 && carriesKey(call.arguments[3], 'key'),
};

export interface ErrorSite {
  file: string;
  line: number;
  keyed: boolean;
  /** The reason given by an internal-error comment, if there is one. */
  internal?: string;
}

export function listSourceFiles(dirs = SOURCE_DIRS): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return /\.tsx?$/.test(name) && !/\.(d|test)\.tsx?$/.test(name) ? [path] : [];
    });
  return dirs
    .flatMap((dir) => walk(join(ROOT, dir)))
    .map((path) => relative(ROOT, path).split('\\').join('/'))
    .sort();
}

function parse(file: string, source: string): ts.SourceFile {
  return ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  const name = property.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/**
 * Whether an expression gives an object with the property `name` on every path: an object
 * literal that has it (or spreads such an object), either branch of `?:`, a keyed helper.
 */
function carriesKey(node: ts.Expression | undefined, name = 'messageKey'): boolean {
  if (!node) return false;
  if (ts.isParenthesizedExpression(node)) return carriesKey(node.expression, name);
  if (ts.isConditionalExpression(node)) {
    return carriesKey(node.whenTrue, name) && carriesKey(node.whenFalse, name);
  }
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.some(
      (property) =>
        propertyName(property) === name ||
        (ts.isSpreadAssignment(property) && carriesKey(property.expression, name)),
    );
  }
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
    return KEYED_HELPERS[node.expression.text]?.(node) ?? false;
  }
  return false;
}

/** Every `new AppError(...)` of one file. */
export function findErrorSites(file: string, source: string): ErrorSite[] {
  const sf = parse(file, source);
  const lines = source.split('\n');
  const sites: ErrorSite[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'AppError'
    ) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const mark = [line, line - 1, line - 2]
        .map((n) => INTERNAL_MARK.exec(lines[n] ?? ''))
        .find((match) => match !== null);
      sites.push({
        file,
        line: line + 1,
        keyed: carriesKey(node.arguments?.[0]),
        ...(mark?.[1] ? { internal: mark[1].trim() } : {}),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return sites;
}

/** The string literals an expression can be (`'a'`, `x ? 'a' : 'b'`). */
function literals(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return literals(node.expression);
  if (ts.isConditionalExpression(node)) {
    return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  return [];
}

/**
 * The message keys errors name in one file: the values of `messageKey:` properties, and the
 * `key:` of the words handed to portal/errors.ts `info`.
 */
export function findErrorKeys(file: string, source: string): string[] {
  const sf = parse(file, source);
  const keys: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node);
      const inWords =
        name === 'key' &&
        ts.isObjectLiteralExpression(node.parent) &&
        /^error_/.test(literals(node.initializer)[0] ?? '');
      if (name === 'messageKey' || inWords) keys.push(...literals(node.initializer));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return keys;
}

export function readSource(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}
