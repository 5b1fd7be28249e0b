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
 * ratio's two sides are run in turns.
 */
import { join } from 'node:path';
import { build } from 'rolldown';
import { ROOT } from '../support/browser.ts';

const MB = 1024 * 1024;
const RUNS = 5;

async function load<T>(entry: string): Promise<T> {
  const result = await build({
    input: join(ROOT, entry),
    output: { format: 'esm' },
    write: false,
    logLevel: 'silent',
    resolve: { alias: { '@': ROOT } },
  });
  const code = result.output[0].code;
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as T;
}

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

const CRAFTED: ReadonlyArray<readonly [string, string]> = [
  ['dotted host a.a.a.a…', fill('a.')],
  ['dotted host with scheme-like start', `https://${fill('a.')}`],
  ['repeated secret words "token "', fill('token ')],
  ['"token=" runs', fill('token=')],
  ['"password: " runs', fill('password: ')],
  ['"key: \'" runs', fill("key: '")],
  ['"Bearer " runs', fill('Bearer ')],
  ['secret names only (api_key=secret=…)', fill('api_key=secret=password=')],
  ['generic names, a distinct secret each', distinctSecrets('code=')],
  ['strong names, a distinct secret each', distinctSecrets('password=')],
  ['header form "X-API-Key: " runs', fill('X-API-Key: ')],
  ['JSON "password":" runs', fill('"password":"')],
  ['YAML "password:" lines', fill('password:\n')],
  ['e-mail-like a@a@a@…', fill('a@')],
  ['e-mail-like local part a.a.a…@', `${fill('a.', MB - 10)}@a.example`],
  ['long * run', fill('*')],
  ['long = run', fill('=')],
  ['long base64 run', fill('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123+/')],
  ['long word run (no separators)', fill('abcdefghij0123456789')],
  ['nested quotes "\'"\'…', fill(`"'`)],
  ['JSON-in-string \\"a\\":\\"', fill('\\"a\\":\\"')],
  ['percent-encoded %26token%3D', fill('%26token%3D')],
  ['eyJ runs (JWT-like)', fill('eyJhbGciOi.')],
  ['PEM begin without end', fill('-----BEGIN PRIVATE KEY-----\n')],
  ['://@ runs', fill('a://b@')],
  ['cookie: a=1; runs', `Cookie: ${fill('a=1; ', MB - 8)}`],
];

const { createRedactor } = await load<RedactModule>('utils/privacy/redact.ts');
const plain = createRedactor({ maskEmails: false, customPatterns: [] });
const masking = createRedactor({ maskEmails: true, customPatterns: ['CUST-\\d{6}'] });

console.log('redact() of 1 MB (fastest of 5), ratio to 1 MB of ordinary console text:');
for (const [label, redactor] of [
  ['default settings', plain],
  ['e-mail masking and a user pattern', masking],
] as const) {
  const ordinaryText = fill(`${ORDINARY}\n`);
  const base = fastest(() => redactor.redact(ordinaryText));
  console.log(`\n  ${label}: ordinary text ${base.toFixed(1)} ms`);
  let worst = 0;
  for (const [name, text] of CRAFTED) {
    // Interleaved with the ordinary text, so a busy moment slows both sides of the ratio.
    const [ms, ordinaryMs] = fastestInterleaved(
      () => redactor.redact(text),
      () => redactor.redact(ordinaryText),
    );
    const ratio = ms / ordinaryMs;
    worst = Math.max(worst, ratio);
    console.log(`    ${name.padEnd(40)} ${ms.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}x`);
  }
  console.log(`    worst ratio: ${worst.toFixed(2)}x (goal <= 3x)`);
}

const longUrl = `https://console.example.com/api/v1/namespaces?${fill('a.a.a.a.token=abc&', 100_000)}`;
const fit = fastest(() => plain.redactToFit(longUrl, 2000));
console.log(
  `\nredactToFit() of a 100,000-character failing URL to 2,000 characters: ${fit.toFixed(2)} ms`,
);
const fitMb = fastest(() => plain.redactToFit(fill('a.'), 2000));
console.log(`redactToFit() of a 1 MB dotted host to 2,000 characters: ${fitMb.toFixed(2)} ms`);

const { compileRulePattern } = await load<EnvironmentModule>('utils/capture/environment.ts');
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
