/**
 * The one place where settings are merged, in this order of precedence: the built-in profile,
 * an imported profile, the user's settings, the organisation's policy (managed values win, and
 * say so in `locked`, so the options page shows them as "Set by your organisation" and the
 * popup does not offer to change them). Pure; utils/settings/effective.ts feeds it from storage.
 */
import {
  type CaptureSettings,
  DEFAULT_CAPTURE_SETTINGS,
  type EnvironmentRule,
} from '../capture/settings';
import type { AuthMethod, PortalSettings } from '../portal/settings';
import type { FieldProblem } from '../profile/import';
import type { StoredProfiles } from '../profile/items';
import type { PolicyRead } from '../profile/policy';
import {
  escalationLinks,
  findVendorProfile,
  STAKATER_PROFILE,
  type VendorProfile,
} from '../profile/vendor-profiles';
import { type SeverityDefinition, severityDefinitions } from '../severity/wording';
import type { MappingOverrides } from '../ticket/draft';

interface UserSettings {
  portal: PortalSettings | null;
  allowedOrigins: readonly string[];
  environmentRules: readonly EnvironmentRule[];
  profiles: StoredProfiles;
  /** Warnings on/off and redaction (e-mail masking, own patterns); the defaults when left out. */
  capture?: CaptureSettings;
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
  /** Capture and redaction settings in force (utils/settings/effective.ts applies them). */
  capture: CaptureSettings;
  /** P1-P4 in the active profile's words (severity picker, guidance, description). */
  severityDefinitions: SeverityDefinition[];
  /** The active profile's premium channels, shown after a P1 is filed. */
  escalationChannels: EscalationLink[];
  /** The vendor's support e-mail address, for "Send by e-mail" when the portal refuses writes. */
  supportEmail?: string;
  /** Field mapping defaults by portal field id, under the user's saved mappings. */
  fieldMappings: MappingOverrides;
  /** Policy values that could not be used. */
  policyProblems: FieldProblem[];
}

type EscalationLink = ReturnType<typeof escalationLinks>[number];

/** Every profile the user can choose: the built-ins, with imports of the same id replacing them. */
export function availableProfiles(profiles: StoredProfiles): VendorProfile[] {
  const imported = Object.values(profiles.imported);
  const builtIns = [STAKATER_PROFILE].filter((p) => !profiles.imported[p.id]);
  return [...builtIns, ...imported];
}

function userProfile(
  profiles: StoredProfiles,
  /** The profile chosen with the portal connection, when none was made active since. */
  connectionProfileId: string | undefined,
): { profile: VendorProfile; source: ProfileSource } {
  const id = profiles.activeId ?? connectionProfileId;
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
      : userProfile(user.profiles, user.portal?.vendorProfileId);
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
    capture: user.capture ?? DEFAULT_CAPTURE_SETTINGS,
    severityDefinitions: severityDefinitions(chosen.profile.severities),
    escalationChannels: escalationLinks(chosen.profile.escalationChannels),
    ...(chosen.profile.supportEmail ? { supportEmail: chosen.profile.supportEmail } : {}),
    fieldMappings: chosen.profile.fieldMappings,
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
