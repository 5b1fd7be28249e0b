/**
 * One place where the organisation's policy meets the user's settings: managed values win,
 * and say so (`locked`), so the options page can show them as "Set by your organisation".
 * Pure; utils/profile/active.ts feeds it from storage.
 */
import * as z from 'zod/mini';
import type { EnvironmentRule } from '../capture/settings';
import type { AuthMethod, PortalSettings } from '../portal/settings';
import {
  findVendorProfile,
  STAKATER_PROFILE,
  type VendorProfile,
  VendorProfileSchema,
} from '../portal/vendor-profiles';
import type { FieldProblem } from './import';
import type { PolicyRead } from './policy';

/** The user's profiles: those imported, and which one is active (a built-in's or an import's id). */
export const StoredProfilesSchema = z.object({
  activeId: z.optional(z.string()),
  imported: z._default(z.record(z.string(), VendorProfileSchema), {}),
});
export type StoredProfiles = z.infer<typeof StoredProfilesSchema>;

export interface UserSettings {
  portal: PortalSettings | null;
  allowedOrigins: readonly string[];
  environmentRules: readonly EnvironmentRule[];
  profiles: StoredProfiles;
}

export type ProfileSource = 'policy' | 'imported' | 'built-in';

export interface EffectiveSettings {
  profile: VendorProfile;
  profileSource: ProfileSource;
  /** What the portal connection must use; undefined where the user decides. */
  portal: { portalUrl?: string; authMethod?: AuthMethod };
  /** Always-on capture origins, the organisation's first. */
  allowedOrigins: { origin: string; source: 'policy' | 'user' }[];
  /** Tried in this order: the organisation's, the user's, the profile's (vendor) rules. */
  environmentRules: {
    policy: EnvironmentRule[];
    user: EnvironmentRule[];
    vendor: EnvironmentRule[];
  };
  /**
   * The organisation's service desk and request type: preselected in the composer over the
   * user's last choice, and not changeable when `locked.requestType`.
   */
  composerDefaults: { serviceDeskId?: string; requestTypeId?: string };
  locked: {
    portalUrl: boolean;
    authMethod: boolean;
    allowedOrigins: boolean;
    environmentRules: boolean;
    profile: boolean;
    requestType: boolean;
  };
  /** Policy values that could not be used. */
  policyProblems: FieldProblem[];
}

/** Every profile the user can choose: the built-ins, with imports of the same id replacing them. */
export function availableProfiles(profiles: StoredProfiles): VendorProfile[] {
  const imported = Object.values(profiles.imported);
  const builtIns = [STAKATER_PROFILE].filter((p) => !profiles.imported[p.id]);
  return [...builtIns, ...imported];
}

function userProfile(profiles: StoredProfiles): { profile: VendorProfile; source: ProfileSource } {
  const id = profiles.activeId;
  const imported = id ? profiles.imported[id] : undefined;
  if (imported) return { profile: imported, source: 'imported' };
  return { profile: findVendorProfile(id) ?? STAKATER_PROFILE, source: 'built-in' };
}

export function mergeSettings(
  user: UserSettings,
  { policy, problems }: PolicyRead,
): EffectiveSettings {
  const locks = new Set(policy.lockedSettings);
  const chosen = policy.profile
    ? { profile: policy.profile, source: 'policy' as const }
    : locks.has('profile')
      ? { profile: STAKATER_PROFILE, source: 'built-in' as const }
      : userProfile(user.profiles);
  // A profile set by policy brings its portal with it, unless the policy names another.
  const portalUrl = policy.portalUrl ?? policy.profile?.portalUrl;

  const policyOrigins = policy.allowedCaptureOrigins ?? [];
  const userOrigins = locks.has('allowedOrigins')
    ? []
    : user.allowedOrigins.filter((origin) => !policyOrigins.includes(origin));

  const policyRules: EnvironmentRule[] = (policy.environmentRules ?? []).map((rule, index) => ({
    id: `policy:${index + 1}`,
    ...rule,
  }));

  const requestTypeLocked =
    locks.has('requestType') ||
    policy.serviceDeskId !== undefined ||
    policy.requestTypeId !== undefined;
  return {
    profile: chosen.profile,
    profileSource: chosen.source,
    portal: { portalUrl, authMethod: policy.authMethod },
    allowedOrigins: [
      ...policyOrigins.map((origin) => ({ origin, source: 'policy' as const })),
      ...userOrigins.map((origin) => ({ origin, source: 'user' as const })),
    ],
    environmentRules: {
      policy: policyRules,
      user: locks.has('environmentRules') ? [] : [...user.environmentRules],
      vendor: chosen.profile.environmentRules,
    },
    composerDefaults: { serviceDeskId: policy.serviceDeskId, requestTypeId: policy.requestTypeId },
    locked: {
      portalUrl: portalUrl !== undefined,
      authMethod: policy.authMethod !== undefined,
      allowedOrigins: locks.has('allowedOrigins'),
      environmentRules: locks.has('environmentRules'),
      profile: policy.profile !== undefined || locks.has('profile'),
      requestType: requestTypeLocked,
    },
    policyProblems: problems,
  };
}

/** The stored connection with the policy's values in force (a policy portal needs no save). */
export function effectivePortalSettings(
  saved: PortalSettings | null,
  portal: EffectiveSettings['portal'],
): PortalSettings | null {
  if (!portal.portalUrl) {
    return saved && portal.authMethod ? { ...saved, authMethod: portal.authMethod } : saved;
  }
  const sameSite = saved?.portalUrl === portal.portalUrl;
  const authMethod = portal.authMethod ?? saved?.authMethod ?? 'portal-session';
  if (!saved) return { portalUrl: portal.portalUrl, authMethod, tokenKind: 'classic' };
  return {
    ...saved,
    portalUrl: portal.portalUrl,
    authMethod,
    // A token saved for another site does not follow the policy to its portal.
    tokenKind: sameSite ? saved.tokenKind : 'classic',
  };
}
