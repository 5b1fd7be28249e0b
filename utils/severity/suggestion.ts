/**
 * A suggested severity from three quick questions, and warnings when the chosen level
 * contradicts the answers. The user decides: nothing here changes a chosen severity.
 */
import * as z from 'zod/mini';
import { environmentGroup } from '../text/text-match';
import type { Severity } from './levels';

const YesNoSchema = z.enum(['yes', 'no']);
/** How many are blocked: nobody (a question), one user, some users or a team, everyone. */
const ReachSchema = z.enum(['none', 'one', 'some', 'all']);
export type Reach = z.infer<typeof ReachSchema>;

export const SeverityAnswersSchema = z.object({
  /** Is production affected? */
  production: z.optional(YesNoSchema),
  /** Is there a workaround? */
  workaround: z.optional(YesNoSchema),
  /** How many users are blocked? */
  reach: z.optional(ReachSchema),
  /** Which business function is blocked, in the user's words. */
  blockedFunction: z.optional(z.string().check(z.maxLength(500))),
});
export type SeverityAnswers = z.infer<typeof SeverityAnswersSchema>;

export const QUICK_QUESTIONS = {
  production: 'Is production affected?',
  workaround: 'Is there a workaround?',
  reach: 'How many users or which business function is blocked?',
} as const;

export const REACH_LABELS: Readonly<Record<Reach, string>> = {
  none: 'Nobody is blocked (a question or a minor issue)',
  one: 'One user',
  some: 'Some users or one team',
  all: 'All users or a business function',
};

/** Why a level is suggested; the popup words it from public/_locales. */
export type SeverityReasonCode =
  | 'nobody-blocked'
  | 'production-down-one-user'
  | 'production-down'
  | 'production-wide-workaround'
  | 'production-workaround'
  | 'outside-production-blocked'
  | 'outside-production'
  | 'workaround'
  | 'several-blocked';

interface SeveritySuggestion {
  severity: Severity;
  code: SeverityReasonCode;
  /** Why, in English (logs and tests); the UI words `code`. */
  reason: string;
}

function blocksBusiness(answers: SeverityAnswers): boolean {
  return answers.reach === 'all' || Boolean(answers.blockedFunction?.trim());
}

/**
 * A suggested level from the quick questions, or undefined until there is enough to go on.
 * Follows the definitions: P1 needs production down with no workaround; a workaround caps it
 * at P2 (wide reach) or P3; nobody blocked is P4.
 */
export function suggestSeverity(answers: SeverityAnswers): SeveritySuggestion | undefined {
  const { production, workaround, reach } = answers;
  if (!production && !workaround && !reach && !answers.blockedFunction?.trim()) return undefined;
  const wide = blocksBusiness(answers) || reach === 'some';
  if (reach === 'none' && !(production === 'yes' && workaround === 'no')) {
    return {
      severity: 'P4',
      code: 'nobody-blocked',
      reason: 'Nobody is blocked: an information request or minor issue.',
    };
  }
  if (production === 'yes' && workaround === 'no') {
    if (reach === 'one' || reach === 'none')
      return {
        severity: 'P2',
        code: 'production-down-one-user',
        reason: 'Production is affected without a workaround, but only for one user.',
      };
    return {
      severity: 'P1',
      code: 'production-down',
      reason: 'Production is affected and there is no workaround.',
    };
  }
  if (production === 'yes') {
    if (blocksBusiness(answers))
      return {
        severity: 'P2',
        code: 'production-wide-workaround',
        reason: 'Production is affected for everyone or a business function, with a workaround.',
      };
    return {
      severity: 'P3',
      code: 'production-workaround',
      reason: 'Production is affected, but a workaround exists.',
    };
  }
  if (production === 'no') {
    if (workaround === 'no' && wide)
      return {
        severity: 'P2',
        code: 'outside-production-blocked',
        reason: 'Outside production, but several people are blocked without a workaround.',
      };
    return {
      severity: 'P3',
      code: 'outside-production',
      reason: 'Outside production: limited impact.',
    };
  }
  // Production not answered yet.
  if (workaround === 'yes')
    return { severity: 'P3', code: 'workaround', reason: 'A workaround exists.' };
  if (workaround === 'no' && wide)
    return {
      severity: 'P2',
      code: 'several-blocked',
      reason: 'Several people are blocked without a workaround.',
    };
  return undefined;
}

export type SeverityWarningCode = 'p1-not-production' | 'p1-with-workaround' | 'p4-production-down';

interface SeverityWarning {
  /** The UI words it from public/_locales. */
  code: SeverityWarningCode;
  /** In English, for logs and tests. */
  message: string;
}

/**
 * Mismatches between the chosen level and what the user said, for the user to resolve.
 * `environment` is the draft's environment text ("Staging", "prod-eu").
 */
export function severityWarnings(
  severity: Severity | undefined,
  answers: SeverityAnswers,
  environment?: string,
): SeverityWarning[] {
  const warnings: SeverityWarning[] = [];
  const group = environment ? environmentGroup(environment) : undefined;
  const outsideProduction =
    answers.production === 'no' ||
    (answers.production !== 'yes' && group !== undefined && group !== 'production');
  const productionDown =
    answers.workaround === 'no' &&
    (answers.production === 'yes' || (answers.production === undefined && group === 'production'));
  if (severity === 'P1' && outsideProduction) {
    warnings.push({
      code: 'p1-not-production',
      message:
        'P1 is for production outages, but this is outside production. Consider P2 or P3; the vendor may lower it.',
    });
  }
  if (severity === 'P1' && answers.workaround === 'yes') {
    warnings.push({
      code: 'p1-with-workaround',
      message:
        'P1 means there is no viable workaround, but you said there is one. Consider P2 or P3.',
    });
  }
  if (severity === 'P4' && productionDown) {
    warnings.push({
      code: 'p4-production-down',
      message:
        'P4 is for questions and minor issues, but production is affected without a workaround. Consider P1 or P2.',
    });
  }
  return warnings;
}
