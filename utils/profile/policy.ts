/**
 * The organisation's policy: what administrators set in `storage.managed` (schema:
 * public/managed-schema.json; Chrome: the "3rdparty" extension policy, Firefox: the
 * "3rdparty" section of policies.json). Each key is checked on its own, so one bad value
 * does not void the rest; the problems are shown on the options page.
 * https://developer.chrome.com/docs/extensions/reference/manifest/storage
 */
import * as z from 'zod/mini';
import { EnvironmentSchema } from '../capture/capture';
import { AuthMethodSchema, checkPortalUrl } from '../portal/settings';
import { CHECK_MESSAGES } from './check-messages';
import { type FieldProblem, fieldProblems, parseProfileJson } from './import';
import { findVendorProfile, type VendorProfile } from './vendor-profiles';

const LOCKABLE_SETTINGS = [
  /** Only the policy's sites have always-on capture; users add none. */
  'allowedOrigins',
  /** Only the policy's and the profile's rules apply; the user's own are not used. */
  'environmentRules',
  /** Users may not import or switch vendor profiles. */
  'profile',
  /** Users may not change the service desk and request type the policy sets. */
  'requestType',
] as const;
type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];

const Origin = z.string().check(z.regex(/^https?:\/\/[^/\s]+$/, CHECK_MESSAGES.origin.message));

const PolicyRuleSchema = z.object({
  pattern: z.string().check(z.minLength(1), z.maxLength(300)),
  environment: z._default(z.nullable(EnvironmentSchema), null),
  product: z._default(z.string().check(z.maxLength(200)), ''),
});

/** One schema per managed key (keys absent from storage.managed are simply not set). */
const POLICY_KEYS = {
  /** A built-in profile's id ("stakater") or a whole profile as JSON text. */
  profile: z.string().check(z.minLength(1), z.maxLength(256 * 1024)),
  portalUrl: z.string().check(z.maxLength(2048)),
  authMethod: AuthMethodSchema,
  allowedCaptureOrigins: z.array(Origin).check(z.maxLength(200)),
  environmentRules: z.array(PolicyRuleSchema).check(z.maxLength(200)),
  serviceDeskId: z.string().check(z.minLength(1), z.maxLength(64)),
  requestTypeId: z.string().check(z.minLength(1), z.maxLength(64)),
  lockedSettings: z.array(z.enum(LOCKABLE_SETTINGS)),
} as const;

interface ManagedPolicy {
  profile?: VendorProfile;
  portalUrl?: string;
  authMethod?: z.infer<typeof AuthMethodSchema>;
  allowedCaptureOrigins?: string[];
  environmentRules?: z.infer<typeof PolicyRuleSchema>[];
  serviceDeskId?: string;
  requestTypeId?: string;
  lockedSettings: LockableSetting[];
}

export interface PolicyRead {
  policy: ManagedPolicy;
  /** Values the extension could not use, with the policy key as the path's first part. */
  problems: FieldProblem[];
}

const prefix = (key: string, problems: FieldProblem[]) =>
  problems.map((p) => ({ ...p, path: p.path ? `${key}.${p.path}` : key }));

function readProfile(value: string): { profile?: VendorProfile; problems: FieldProblem[] } {
  const text = value.trim();
  if (!text.startsWith('{')) {
    const builtIn = findVendorProfile(text);
    return builtIn
      ? { profile: builtIn, problems: [] }
      : { problems: [{ path: '', message: `No built-in profile is named "${text}".` }] };
  }
  const parsed = parseProfileJson(text);
  return parsed.ok ? { profile: parsed.profile, problems: [] } : { problems: parsed.problems };
}

/** Reads the raw `storage.managed` contents; unknown keys are ignored (a newer policy). */
export function parseManagedPolicy(raw: Record<string, unknown>): PolicyRead {
  const policy: ManagedPolicy = { lockedSettings: [] };
  const problems: FieldProblem[] = [];
  for (const [key, schema] of Object.entries(POLICY_KEYS)) {
    if (raw[key] === undefined || raw[key] === null) continue;
    const result = (schema as z.ZodMiniType).safeParse(raw[key]);
    if (!result.success) {
      problems.push(...prefix(key, fieldProblems(result.error.issues, raw[key])));
      continue;
    }
    const value = result.data as never;
    switch (key as keyof typeof POLICY_KEYS) {
      case 'profile': {
        const read = readProfile(value);
        if (read.profile) policy.profile = read.profile;
        problems.push(...prefix(key, read.problems));
        break;
      }
      case 'portalUrl': {
        const url = checkPortalUrl(value);
        if (url.ok) policy.portalUrl = url.siteUrl;
        else problems.push({ path: key, message: url.message });
        break;
      }
      default:
        (policy as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return { policy, problems };
}
