/**
 * Checks the store packages that `npm run zip` made (the test command runs this through
 * `npm run lint:firefox-zip`):
 * - the Chrome zip and the Firefox zip exist, and neither carries the e2e build's `key`;
 * - `web-ext lint` passes on the Firefox zip's contents (errors fail; of the warnings, only
 *   Preact's own `dangerouslySetInnerHTML` support is accepted, see below);
 * - the sources zip for AMO's review holds what rebuilds the extension, and nothing else.
 *   node tests/packaging/check-zips.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { OUTPUT_DIR, ROOT } from '../support/browser.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const zipPath = (kind: string) => join(OUTPUT_DIR, `${pkg.name}-${pkg.version}-${kind}.zip`);
const problems: string[] = [];
const fail = (message: string) => problems.push(message);

function entries(kind: string): Record<string, Uint8Array> {
  const path = zipPath(kind);
  if (!existsSync(path)) {
    fail(`${path} is missing: run \`npm run zip\` first.`);
    return {};
  }
  return unzipSync(readFileSync(path));
}

type Manifest = Record<string, unknown> & {
  storage?: { managed_schema?: string };
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string } };
};
const manifestOf = (files: Record<string, Uint8Array>): Manifest | undefined =>
  files['manifest.json']
    ? (JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Manifest)
    : undefined;

// Chrome: the managed-storage schema ships, the e2e policy key does not.
const chrome = entries('chrome');
const chromeManifest = manifestOf(chrome);
if (chromeManifest) {
  if ('key' in chromeManifest) fail('The Chrome zip carries a manifest "key" (an e2e build?).');
  const schema = chromeManifest.storage?.managed_schema;
  if (!schema || !chrome[schema]) fail('The Chrome zip lacks the managed storage schema.');
}

// Firefox: gecko id and minimum version, then web-ext lint on exactly what the zip holds.
const firefox = entries('firefox');
const firefoxManifest = manifestOf(firefox);
if (firefoxManifest) {
  if ('key' in firefoxManifest) fail('The Firefox zip carries a manifest "key".');
  const gecko = firefoxManifest.browser_specific_settings?.gecko;
  if (!gecko?.id || !gecko.strict_min_version)
    fail('The Firefox zip lacks its gecko id or minimum version.');
  const dir = mkdtempSync(join(tmpdir(), 'support-capture-firefox-zip-'));
  try {
    for (const [name, data] of Object.entries(firefox)) {
      if (name.endsWith('/')) continue;
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), data);
    }
    let output: string;
    try {
      output = execFileSync(
        join(ROOT, 'node_modules', '.bin', 'web-ext'),
        ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
    } catch (error) {
      // web-ext exits non-zero on errors; its JSON report is still on stdout.
      output = String((error as { stdout?: string }).stdout ?? '');
    }
    type Message = { code: string; file?: string; message: string };
    const report = JSON.parse(output.slice(output.indexOf('{'))) as {
      errors: Message[];
      warnings: Message[];
      notices: Message[];
    };
    for (const error of report.errors)
      fail(`web-ext lint error ${error.code} in ${error.file}: ${error.message}`);
    for (const warning of report.warnings) {
      // Preact's renderer supports `dangerouslySetInnerHTML` (the linter flags the assignment
      // inside Preact itself); no component of ours uses it, which biome's
      // noDangerouslySetInnerHtml rule enforces.
      const text = warning.file ? readFileSync(join(dir, warning.file), 'utf8') : '';
      const preact =
        warning.code === 'UNSAFE_VAR_ASSIGNMENT' && text.includes('dangerouslySetInnerHTML');
      if (!preact)
        fail(`web-ext lint warning ${warning.code} in ${warning.file}: ${warning.message}`);
    }
    console.log(
      `web-ext lint on the Firefox zip: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Sources for AMO: enough to rebuild (README has the steps), nothing private or generated.
const sources = Object.keys(entries('sources'));
if (sources.length > 0) {
  for (const needed of [
    'package.json',
    'package-lock.json',
    'README.md',
    'wxt.config.ts',
    'tsconfig.json',
  ]) {
    if (!sources.includes(needed)) fail(`The sources zip lacks ${needed}.`);
  }
  for (const folder of ['entrypoints/', 'utils/', 'components/', 'public/']) {
    if (!sources.some((name) => name.startsWith(folder))) fail(`The sources zip lacks ${folder}`);
  }
  const unwanted = sources.filter((name) =>
    /^(node_modules|\.output|\.wxt|\.git|test-results|playwright-report|tests)\/|(^|\/)\.env|\.pem$/.test(
      name,
    ),
  );
  if (unwanted.length > 0)
    fail(`The sources zip holds files it should not: ${unwanted.slice(0, 5).join(', ')}`);
  console.log(`Sources zip: ${sources.length} files.`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exit(1);
}
console.log('Store packages: Chrome zip, Firefox zip and sources zip are fine.');
