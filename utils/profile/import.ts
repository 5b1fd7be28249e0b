/**
 * Reading and writing vendor profiles as JSON files: every problem is reported with the path
 * of the field ("severities.P1.name") and what is wrong, so whoever wrote the file can fix it.
 * Pure: storing the result is utils/settings/effective.ts's job.
 */
import type * as z from 'zod/mini';
import { type VendorProfile, VendorProfileSchema } from './vendor-profiles';

/** Files larger than this are not profiles (a profile is a few KB). */
const MAX_PROFILE_BYTES = 256 * 1024;

export interface FieldProblem {
  /** Dotted path of the field, e.g. `escalationChannels.0.url`; empty for the whole file. */
  path: string;
  message: string;
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

function describeIssue(issue: Issue, input: unknown): string {
  const unit = (origin: string) => (origin === 'string' ? 'characters' : 'items');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const many = issue.keys.length > 1;
      return `Unknown field${many ? 's' : ''} ${quoted(issue.keys)}: check the spelling or remove ${many ? 'them' : 'it'}.`;
    }
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? `Missing: add a ${issue.expected}.`
        : `Must be a ${issue.expected}.`;
    case 'invalid_value':
      return `Must be one of ${quoted(issue.values)}.`;
    case 'invalid_union':
      return 'options' in issue && issue.options?.length
        ? `Must be one of ${quoted(issue.options)}.`
        : 'Does not match any allowed form.';
    case 'invalid_key':
      return 'A key here is not allowed.';
    case 'too_big':
      return `At most ${issue.maximum} ${unit(issue.origin)}.`;
    case 'too_small':
      return `At least ${issue.minimum} ${unit(issue.origin)}.`;
    case 'invalid_format':
      return issue.format === 'url'
        ? 'Must be a web address such as https://example.com.'
        : issue.message;
    default:
      return issue.message;
  }
}

/** zod's issues as one problem per field, paths joined with dots. */
export function fieldProblems(issues: readonly Issue[], input?: unknown): FieldProblem[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: describeIssue(issue, input),
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
      problems: [{ path: '', message: 'The file is too large for a profile (over 256 KB).' }],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? ` (${cause.message})` : '';
    return {
      ok: false,
      problems: [{ path: '', message: `The file is not valid JSON${detail}.` }],
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
