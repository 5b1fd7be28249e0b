/**
 * The messages of the profile and policy schemas' own checks (a pattern, a rule zod cannot
 * name): their English text, which zod carries in the issue, and their key in
 * `public/_locales`, by which utils/profile/import.ts shows them in the user's language.
 */
import type { MessageKey } from '../i18n';

export const CHECK_MESSAGES = {
  httpsOnly: { message: 'Must start with https://', key: 'profileProblem_httpsOnly' },
  phone: { message: 'Must be a phone number such as +1 555 0100.', key: 'profileProblem_phone' },
  profileId: {
    message: 'Must be 1-64 lower-case letters, digits or dashes, e.g. "acme".',
    key: 'profileProblem_profileId',
  },
  origin: {
    message: 'Must be an origin such as https://console.example.com.',
    key: 'profileProblem_origin',
  },
} as const satisfies Record<string, { message: string; key: MessageKey }>;

/** The key of a check's English message, if it is one of ours. */
export function checkMessageKey(message: string): MessageKey | undefined {
  return Object.values(CHECK_MESSAGES).find((check) => check.message === message)?.key;
}
