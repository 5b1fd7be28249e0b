/**
 * Loose text matching for portal option labels and field names: the vendor's portal words
 * things its own way ("Prod", "Production (EU)", "PRD"), so exact comparison is not enough.
 */

/** Lower case, punctuation to spaces, single spaces. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function tokens(text: string): string[] {
  const n = normalise(text);
  return n ? n.split(' ') : [];
}

/**
 * Words that name the same environment. A label in one group never matches a wanted value
 * in another, so "Pre-prod" is not taken for "Prod".
 */
const ENVIRONMENT_GROUPS: Readonly<Record<string, readonly string[]>> = {
  production: ['production', 'prod', 'prd', 'live', 'prod env'],
  staging: ['staging', 'stage', 'stg', 'preprod', 'pre prod', 'pre production', 'preproduction'],
  test: ['test', 'testing', 'qa', 'uat', 'tst'],
  development: ['development', 'dev', 'develop', 'local', 'sandbox'],
};

/** The environment group a text names, if it names exactly one ("Prod" -> production). */
export function environmentGroup(text: string): string | undefined {
  const n = normalise(text);
  if (!n) return undefined;
  const joined = n.replace(/ /g, '');
  for (const [group, words] of Object.entries(ENVIRONMENT_GROUPS)) {
    if (words.some((w) => w === n || w.replace(/ /g, '') === joined)) return group;
  }
  // "Production (EU)", "prod-eu-1": the first word decides.
  const first = n.split(' ')[0] ?? '';
  for (const [group, words] of Object.entries(ENVIRONMENT_GROUPS)) {
    if (words.includes(first)) return group;
  }
  return undefined;
}

/**
 * How well an option label matches a wanted value, 0..1:
 * 1 equal, 0.9 same environment word, 0.8 one is a prefix of the other, 0.6 all words of the
 * shorter appear in the longer, 0 otherwise (also when they name different environments).
 */
function labelScore(label: string, wanted: string): number {
  const a = normalise(label);
  const b = normalise(wanted);
  if (!a || !b) return 0;
  if (a === b) return 1;
  const ga = environmentGroup(a);
  const gb = environmentGroup(b);
  if (ga && gb) return ga === gb ? 0.9 : 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short)) return 0.8;
  const longTokens = new Set(long.split(' '));
  const shortTokens = short.split(' ');
  if (shortTokens.every((t) => longTokens.has(t))) return 0.6;
  return 0;
}

interface Scored<T> {
  item: T;
  score: number;
}

/** The best-scoring item (first wins a tie), or undefined when nothing scores above 0. */
export function bestMatch<T>(
  items: readonly T[],
  labelOf: (item: T) => string,
  wanted: string,
): Scored<T> | undefined {
  let best: Scored<T> | undefined;
  for (const item of items) {
    const score = labelScore(labelOf(item), wanted);
    if (score > 0 && (!best || score > best.score)) best = { item, score };
  }
  return best;
}
