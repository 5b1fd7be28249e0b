/**
 * Which portal field takes the severity, and which of its options a level P1-P4 becomes, on
 * whichever scale the portal uses (P1..P4, Sev 1..4, Highest..Lowest, Blocker..Trivial).
 */
import { fieldKind, isChoiceKind } from '../field-kinds/registry';
import type { PortalFieldMeta } from '../field-kinds/types';
import { normalise, tokens } from '../text/text-match';
import { SEVERITIES, type Severity } from './levels';

/** A field named for priority or severity (or a choice of urgency or impact) takes the level. */
export function isSeverityField(field: PortalFieldMeta): boolean {
  const name = normalise(field.name);
  if (field.fieldId === 'priority' || field.jiraSchema.system === 'priority') return true;
  if (/\b(priority|severity)\b/.test(name)) return true;
  return isChoiceKind(fieldKind(field)) && /\b(urgency|impact)\b/.test(name);
}

interface SeverityOptionChoice<O> {
  option: O;
  /** Why, in English (logs and tests). */
  reason: string;
  /** Why, as a code and values the UI words from public/_locales. */
  why: { code: 'severity-option' | 'severity-scale'; values: string[] };
}

/**
 * Rank of the words priority scales use, most urgent first. Options are ordered by rank and
 * P1..P4 take the first four, so five-level scales drop their last level: Highest/High/Medium/
 * Low/Lowest gives P1->Highest .. P4->Low, Blocker/Critical/Major/Minor/Trivial gives P1->Blocker.
 */
const RANK_WORDS: ReadonlyArray<readonly string[]> = [
  ['highest', 'blocker'],
  ['critical', 'urgent', 'emergency', 'extensive', 'widespread'],
  ['high', 'major', 'significant', 'large', 'important'],
  ['medium', 'normal', 'moderate', 'limited'],
  ['low', 'minor', 'localized', 'localised'],
  ['lowest', 'trivial'],
];

function wordRank(label: string): number | undefined {
  let best: number | undefined;
  for (const token of tokens(label)) {
    const rank = RANK_WORDS.findIndex((words) => words.includes(token));
    if (rank >= 0 && (best === undefined || rank < best)) best = rank;
  }
  return best;
}

/** The level number an option's label carries: "P1", "Sev 2", "S3", "1 - Critical". */
function levelNumber(label: string): number | undefined {
  const n = normalise(label);
  const m =
    /\bp ?([1-5])\b/.exec(n) ??
    /\b(?:sev|severity|priority|prio|level|s)( ?)([1-5])\b/.exec(n)?.slice(1) ??
    /^([1-5])\b/.exec(n);
  if (!m) return undefined;
  const digit = m[m.length - 1];
  return digit ? Number(digit) : undefined;
}

/** The option for a severity level, on whichever scale the portal's options use. */
export function severityOption<O extends { label: string }>(
  options: readonly O[],
  severity: Severity,
): SeverityOptionChoice<O> | undefined {
  const level = SEVERITIES.indexOf(severity) + 1;
  const numbered = options.find((o) => levelNumber(o.label) === level);
  if (numbered)
    return {
      option: numbered,
      reason: `Severity ${severity} matches option "${numbered.label}".`,
      why: { code: 'severity-option', values: [severity, numbered.label] },
    };
  const ranked = options
    .map((option) => ({ option, rank: wordRank(option.label) }))
    .filter((r): r is { option: O; rank: number } => r.rank !== undefined)
    .sort((a, b) => a.rank - b.rank);
  if (ranked.length === 0) return undefined;
  let chosen = ranked[level - 1];
  if (ranked.length < SEVERITIES.length) {
    // A short scale (High/Medium/Low): the nearest word to the level's usual one.
    const target = level;
    chosen = ranked.reduce((a, b) =>
      Math.abs(b.rank - target) < Math.abs(a.rank - target) ? b : a,
    );
  }
  if (!chosen) return undefined;
  const position = ranked.indexOf(chosen) + 1;
  return {
    option: chosen.option,
    reason: `Severity ${severity} matches option "${chosen.option.label}" (level ${position} of ${ranked.length} on the portal's scale).`,
    why: {
      code: 'severity-scale',
      values: [severity, chosen.option.label, String(position), String(ranked.length)],
    },
  };
}
