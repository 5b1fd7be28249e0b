/**
 * Reading and writing vendor profiles as JSON files: every problem is reported with the path
 * of the field ("severities.P1.name") and what is wrong, so whoever wrote the file can fix it.
 * Pure: storing the result is utils/settings/effective.ts's job.
 */
import type * as z from 'zod/mini';
import type { MessageKey, Words } from '../i18n';
import { checkMessageKey } from './check-messages';
import { type VendorProfile, VendorProfileSchema } from './vendor-profiles';

/** Files larger than this are not profiles (a profile is a few KB). */
const MAX_PROFILE_BYTES = 256 * 1024;

export interface FieldProblem {
  /** Dotted path of the field, e.g. `escalationChannels.0.url`; empty for the whole file. */
  path: string;
  /** What is wrong, in English (logs). */
  message: string;
  /** The same in the user's words; absent where only zod's own English text exists. */
  words?: Words;
}

type ProfileParse = { ok: true; profile: VendorProfile } | { ok: false; problems: FieldProblem[] };

type Issue = z.core.$ZodIssue;

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** The value at `path` in `root`, to tell a missing field from one of the wrong type. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

type Described = Omit<FieldProblem, 'path'>;

const said = (message: string, key: MessageKey, values?: string[]): Described => ({
  message,
  words: values ? { key, values } : { key },
});

function describeIssue(issue: Issue, input: unknown): Described {
  const unit = (origin: string) => (origin === 'string' ? 'characters' : 'items');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const many = issue.keys.length > 1;
      return said(
        `Unknown field${many ? 's' : ''} ${quoted(issue.keys)}: check the spelling or remove ${many ? 'them' : 'it'}.`,
        many ? 'profileProblem_unknownFields' : 'profileProblem_unknownField',
        [quoted(issue.keys)],
      );
    }
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? said(`Missing: add a ${issue.expected}.`, 'profileProblem_missing', [issue.expected])
        : said(`Must be a ${issue.expected}.`, 'profileProblem_wrongType', [issue.expected]);
    case 'invalid_value':
      return said(`Must be one of ${quoted(issue.values)}.`, 'profileProblem_oneOf', [
        quoted(issue.values),
      ]);
    case 'invalid_union':
      return 'options' in issue && issue.options?.length
        ? said(`Must be one of ${quoted(issue.options)}.`, 'profileProblem_oneOf', [
            quoted(issue.options),
          ])
        : said('Does not match any allowed form.', 'profileProblem_noForm');
    case 'invalid_key':
      return said('A key here is not allowed.', 'profileProblem_keyNotAllowed');
    case 'too_big':
      return said(
        `At most ${issue.maximum} ${unit(issue.origin)}.`,
        issue.origin === 'string'
          ? 'profileProblem_atMostCharacters'
          : 'profileProblem_atMostItems',
        [String(issue.maximum)],
      );
    case 'too_small':
      return said(
        `At least ${issue.minimum} ${unit(issue.origin)}.`,
        issue.origin === 'string'
          ? 'profileProblem_atLeastCharacters'
          : 'profileProblem_atLeastItems',
        [String(issue.minimum)],
      );
    case 'invalid_format':
      if (issue.format === 'url') {
        return said(
          'Must be a web address such as https://example.com.',
          'profileProblem_webAddress',
        );
      }
      if (issue.format === 'email') {
        return said(
          'Must be an e-mail address such as support@example.com.',
          'profileProblem_email',
        );
      }
      return ownCheck(issue);
    default:
      return ownCheck(issue);
  }
}

/** A check of our schemas (`CHECK_MESSAGES`) in the user's words; else zod's English text. */
function ownCheck(issue: Issue): Described {
  const key = checkMessageKey(issue.message);
  return key ? said(issue.message, key) : { message: issue.message };
}

/** zod's issues as one problem per field, paths joined with dots. */
export function fieldProblems(issues: readonly Issue[], input?: unknown): FieldProblem[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    ...describeIssue(issue, input),
  }));
}

/** Checks a value (already parsed from JSON) as a vendor profile. */
function checkProfile(value: unknown): ProfileParse {
  const result = VendorProfileSchema.safeParse(value);
  if (result.success) return { ok: true, profile: result.data };
  return { ok: false, problems: fieldProblems(result.error.issues, value) };
}

/** Parses a profile file's text. */
export function parseProfileJson(text: string): ProfileParse {
  if (text.length > MAX_PROFILE_BYTES) {
    return {
      ok: false,
      problems: [
        {
          path: '',
          ...said('The file is too large for a profile (over 256 KB).', 'profileProblem_tooLarge'),
        },
      ],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? ` (${cause.message})` : '';
    return {
      ok: false,
      problems: [
        {
          path: '',
          ...said(`The file is not valid JSON${detail}.`, 'profileProblem_notJson', [detail]),
        },
      ],
    };
  }
  return checkProfile(value);
}

/** The file to export: the profile, pretty-printed. */
export function profileToJson(profile: VendorProfile): string {
  return `${JSON.stringify(profile, null, 2)}\n`;
}

/** A file name for the export, e.g. `acme-support-profile.json`. */
export function profileFileName(profile: VendorProfile): string {
  return `${profile.id}-support-profile.json`;
}
