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
 * Figures are the fastest of a few runs (a busy machine only ever makes a run slower).
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
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
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

const CRAFTED: ReadonlyArray<readonly [string, string]> = [
  ['dotted host a.a.a.a…', fill('a.')],
  ['dotted host with scheme-like start', `https://${fill('a.')}`],
  ['repeated secret words "token "', fill('token ')],
  ['"token=" runs', fill('token=')],
  ['"password: " runs', fill('password: ')],
  ['"key: \'" runs', fill("key: '")],
  ['"Bearer " runs', fill('Bearer ')],
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
    const ms = fastest(() => redactor.redact(text));
    worst = Math.max(worst, ms / base);
    console.log(
      `    ${name.padEnd(40)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / base).toFixed(2)}x`,
    );
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
