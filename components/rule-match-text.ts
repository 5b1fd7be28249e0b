import type { RuleMatch } from '@/utils/capture/capture';
import { say } from '@/utils/i18n';

/** Which rule decided an inferred value, in the user's words (older captures: in English). */
export function ruleMatchText(match: RuleMatch): string {
  return match.words ? say(match.words) : match.description;
}
