/**
 * What redaction and environment-rule matching cost on text a page controls:
 *   node tests/bench/redact.ts        (or `npm run bench:redact`)
 * - redact() of 1 MB crafted inputs (dotted hosts, repeated secret words, e-mail-like runs,
 *   `*` and `=` runs, base64 runs, nested quotes…) against 1 MB of ordinary console text,
 *   with the ratio (goal: within 3x);
 * - redactToFit() of a failing request's 100,000-character URL (what the network observer
 *   does per failed request);
 * - environment-rule globs such as `*a*a*a*a*a*b` against paths of growing length (goal:
 *   time grows with the path, not faster).
 * Figures are the fastest of a few runs (a busy machine only ever makes a run slower); each
 * ratio's two sides are run in turns. Each redact() input is measured in processes of its own,
 * three of them, and the median is reported with the range: what ran before in a process, and
 * the process itself, change the code V8 makes of the shared redactor by up to 2x
 * (docs/platform-facts.md#redacting-a-megabyte). Benchmark harnesses fork per benchmark for the
 * same reason (JMH's "profile pollution").
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import { ROOT } from '../support/browser.ts';

const MB = 1024 * 1024;
const RUNS = 5;

/** Bundles `entry` (with the `@/` alias) into a file of its own and returns its path. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    input: join(ROOT, entry),
    output: { format: 'esm' },
    write: false,
    logLevel: 'silent',
    resolve: { alias: { '@': ROOT } },
  });
  const file = join(mkdtempSync(join(tmpdir(), 'redact-bench-')), 'module.mjs');
  writeFileSync(file, result.output[0].code);
  return file;
}

const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(file).href)) as T;

interface RedactModule {
  createRedactor(options: { maskEmails: boolean; customPatterns: readonly string[] }): {
    redact(text: string): { text: string; count: number };
    redactToFit(text: string, max: number): { text: string; count: number };
  };
}
interface EnvironmentModule {
  compileRulePattern(pattern: string): { test(target: string): boolean } | undefined;
}

const fill = (unit: string, size = MB) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

function fastest(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) best = Math.min(best, timeOnce(run));
  return best;
}

/** Fastest of `RUNS` for each of two runs taken in turns (A, B, A, B…). */
function fastestInterleaved(a: () => void, b: () => void): [number, number] {
  let bestA = Number.POSITIVE_INFINITY;
  let bestB = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    bestA = Math.min(bestA, timeOnce(a));
    bestB = Math.min(bestB, timeOnce(b));
  }
  return [bestA, bestB];
}

function timeOnce(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const ORDINARY = [
  "TypeError: Cannot read properties of undefined (reading 'replicas')",
  '    at Object.render (https://console.example.com/static/main.4f3a2b.js:12:345)',
  'GET https://console.example.com/api/v1/namespaces/payments/pods?limit=50&continue=abc 503',
  'Failed to load cluster operators: 503 Service Unavailable (request 3f2b8c1e-9d4a-4e7b-a1c2-0f9e8d7c6b5a)',
  'Error: socket hang up (code=ECONNRESET) after 30000 ms; retrying in 5 s',
  'Warning: Each child in a list should have a unique "key" prop. Check the render method of `PodList`.',
  'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
].join('\n');

/** `name=<16 mixed characters> ` pairs, every value different (no answer can be reused). */
function distinctSecrets(name: string, size = MB): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const parts: string[] = [];
  let length = 0;
  for (let n = 1; length < size; n++) {
    let value = '';
    for (let i = 0, x = n * 2654435761; i < 16; i++, x = Math.imul(x ^ (x >>> 13), 1597334677)) {
      value += alphabet[(x >>> 0) % alphabet.length];
    }
    const pair = `${name}${value}9 `;
    parts.push(pair);
    length += pair.length;
  }
  return parts.join('').slice(0, size);
}

/** Each input made only in the process that measures it (a megabyte each). */
const CRAFTED: ReadonlyArray<readonly [string, () => string]> = [
  ['dotted host a.a.a.a…', () => fill('a.')],
  ['dotted host with scheme-like start', () => `https://${fill('a.')}`],
  ['repeated secret words "token "', () => fill('token ')],
  ['"token=" runs', () => fill('token=')],
  ['"password: " runs', () => fill('password: ')],
  ['"key: \'" runs', () => fill("key: '")],
  ['"Bearer " runs', () => fill('Bearer ')],
  ['secret names only (api_key=secret=…)', () => fill('api_key=secret=password=')],
  ['generic names, a distinct secret each', () => distinctSecrets('code=')],
  ['strong names, a distinct secret each', () => distinctSecrets('password=')],
  ['header form "X-API-Key: " runs', () => fill('X-API-Key: ')],
  ['JSON "password":" runs', () => fill('"password":"')],
  ['YAML "password:" lines', () => fill('password:\n')],
  ['e-mail-like a@a@a@…', () => fill('a@')],
  ['e-mail-like local part a.a.a…@', () => `${fill('a.', MB - 10)}@a.example`],
  ['long * run', () => fill('*')],
  ['long = run', () => fill('=')],
  ['long base64 run', () => fill('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123+/')],
  ['long word run (no separators)', () => fill('abcdefghij0123456789')],
  ['nested quotes "\'"\'…', () => fill(`"'`)],
  ['JSON-in-string \\"a\\":\\"', () => fill('\\"a\\":\\"')],
  ['percent-encoded %26token%3D', () => fill('%26token%3D')],
  ['eyJ runs (JWT-like)', () => fill('eyJhbGciOi.')],
  ['PEM begin without end', () => fill('-----BEGIN PRIVATE KEY-----\n')],
  ['://@ runs', () => fill('a://b@')],
  ['cookie: a=1; runs', () => `Cookie: ${fill('a=1; ', MB - 8)}`],
];

const SETTINGS = [
  ['default settings', { maskEmails: false, customPatterns: [] }],
  ['e-mail masking and a user pattern', { maskEmails: true, customPatterns: ['CUST-\\d{6}'] }],
] as const;

/** One input's figures in one process: it and the ordinary text, interleaved. */
interface Pair {
  ms: number;
  ordinaryMs: number;
}

const CASE = 'REDACT_BENCH_CASE';
const ordinaryText = () => fill(`${ORDINARY}\n`);

const child = process.env[CASE];
if (child) {
  // A forked process: one setting, one input.
  const [module, setting, input] = child.split('|');
  const { createRedactor } = await load<RedactModule>(module as string);
  const redactor = createRedactor(SETTINGS[Number(setting)]?.[1] ?? SETTINGS[0][1]);
  const text = (CRAFTED[Number(input)] as (typeof CRAFTED)[number])[1]();
  const ordinary = ordinaryText();
  // Interleaved with the ordinary text, so a busy moment slows both sides of the ratio.
  const [ms, ordinaryMs] = fastestInterleaved(
    () => redactor.redact(text),
    () => redactor.redact(ordinary),
  );
  console.log(JSON.stringify({ ms, ordinaryMs } satisfies Pair));
  process.exit(0);
}

const redactModule = await bundle('utils/privacy/redact.ts');
const PROCESSES = 3;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const measure = (setting: number, input: number): Pair =>
  JSON.parse(
    execFileSync(process.execPath, [import.meta.filename], {
      env: { ...process.env, [CASE]: `${redactModule}|${setting}|${input}` },
      encoding: 'utf8',
    }),
  ) as Pair;

console.log(
  `redact() of 1 MB, each input in ${PROCESSES} processes of its own (fastest of ${RUNS} in each; the median, and the range of the ratio), ratio to 1 MB of ordinary console text measured alongside:`,
);
for (const [s, [label]] of SETTINGS.entries()) {
  const lines: string[] = [];
  const ordinaryFigures: number[] = [];
  let worst = 0;
  let worstSingle = 0;
  for (const [i, [name]] of CRAFTED.entries()) {
    const pairs = Array.from({ length: PROCESSES }, () => measure(s, i));
    const ratios = pairs.map((pair) => pair.ms / pair.ordinaryMs);
    ordinaryFigures.push(...pairs.map((pair) => pair.ordinaryMs));
    const ratio = median(ratios);
    worst = Math.max(worst, ratio);
    worstSingle = Math.max(worstSingle, ...ratios);
    const range = `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`;
    const ms = median(pairs.map((pair) => pair.ms));
    lines.push(
      `    ${name.padEnd(40)} ${ms.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}x  (${range})`,
    );
  }
  console.log(`\n  ${label}: ordinary text ${median(ordinaryFigures).toFixed(1)} ms`);
  for (const line of lines) console.log(line);
  console.log(
    `    worst ratio: ${worst.toFixed(2)}x (goal <= 3x); worst in any one process: ${worstSingle.toFixed(2)}x`,
  );
}

const { createRedactor } = await load<RedactModule>(redactModule);
const plain = createRedactor(SETTINGS[0][1]);
const longUrl = `https://console.example.com/api/v1/namespaces?${fill('a.a.a.a.token=abc&', 100_000)}`;
const fit = fastest(() => plain.redactToFit(longUrl, 2000));
console.log(
  `\nredactToFit() of a 100,000-character failing URL to 2,000 characters: ${fit.toFixed(2)} ms`,
);
const fitMb = fastest(() => plain.redactToFit(fill('a.'), 2000));
console.log(`redactToFit() of a 1 MB dotted host to 2,000 characters: ${fitMb.toFixed(2)} ms`);

const { compileRulePattern } = await load<EnvironmentModule>(
  await bundle('utils/capture/environment.ts'),
);
console.log('\nEnvironment-rule matching (host/path globs), fastest of 5:');
for (const pattern of ['*a*a*a*a*a*b', 'a*a*a*a*a*a*a*a*a*a*a*a*b/*', '*.example.com/*a*a*a*b']) {
  const matcher = compileRulePattern(pattern);
  if (!matcher) throw new Error(`pattern ${pattern} did not compile`);
  const figures: string[] = [];
  for (const length of [1_000, 10_000, 100_000, 1_000_000]) {
    const target = `${'a'.repeat(length)}.example.com/${'a'.repeat(length)}`;
    const ms = fastest(() => matcher.test(target));
    figures.push(`${length.toLocaleString('en')}: ${ms.toFixed(3)} ms`);
  }
  console.log(`  ${pattern.padEnd(30)} ${figures.join(', ')}`);
}
