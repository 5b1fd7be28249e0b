/**
 * Vendor profiles: what a vendor's support guide says (portal, sign-up, severity definitions,
 * premium escalation channels, environment and product rules, field mapping defaults). The
 * first vendor's profile ships built in; others are imported as JSON (utils/profile/).
 * Page-safe: no storage, no credentials.
 */
import * as z from 'zod/mini';
import { EnvironmentRuleSchema } from '../capture/settings';
import { DEFAULT_SEVERITY_DEFINITIONS, SeverityProfileSchema } from '../severity/wording';
import { MappingOverrideSchema } from '../ticket/draft';
import { CHECK_MESSAGES } from './check-messages';

const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** An https:// address (loopback may use http, for the local emulator and the tests). */
const WebAddress = z
  .url()
  .check(
    z.refine(
      (value) =>
        /^https:\/\//i.test(value) || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(value),
      { message: CHECK_MESSAGES.httpsOnly.message },
    ),
  );

/** A premium channel to reach the vendor at once, shown after a P1 is filed. */
const EscalationChannelSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('chat'),
    /** "Premium support chat". */
    label: Text(100),
    url: WebAddress,
    /** "24/7", "Mon-Fri 08:00-18:00 CET". */
    hours: z.optional(Text(100)),
  }),
  z.strictObject({
    kind: z.literal('phone'),
    label: Text(100),
    /** As dialled: digits, spaces, `+ ( ) - . /`. */
    number: z.string().check(z.regex(/^\+?[0-9][0-9 ()./-]{2,30}$/, CHECK_MESSAGES.phone.message)),
    hours: z.optional(Text(100)),
  }),
]);
type EscalationChannel = z.infer<typeof EscalationChannelSchema>;

const PROFILE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * A vendor profile as exported and imported. Strict: a misspelt key is an error rather than
 * silently ignored, so an administrator sees it.
 */
export const VendorProfileSchema = z.strictObject({
  id: z.string().check(z.regex(PROFILE_ID, CHECK_MESSAGES.profileId.message)),
  vendorName: Text(100),
  portalUrl: WebAddress,
  /** The portal's sign-up page; the JSM default (`signUpUrlFor`) when left out. */
  signUpUrl: z.optional(WebAddress),
  signUpGuidance: z._default(z.string().check(z.maxLength(500)), ''),
  /**
   * The vendor's support e-mail address: "Send by e-mail" is offered with it when the portal
   * refuses the request (JSM raises a request from an e-mail to that address).
   */
  supportEmail: z.optional(z.email()),
  /** The vendor's own words for P1-P4; levels left out keep the default text. */
  severities: z._default(SeverityProfileSchema, {}),
  escalationChannels: z._default(z.array(EscalationChannelSchema).check(z.maxLength(10)), []),
  /** Tried after the user's own rules (and the organisation's), before the built-in guesses. */
  environmentRules: z._default(z.array(EnvironmentRuleSchema).check(z.maxLength(200)), []),
  /** Field mapping defaults by portal field id (e.g. `customfield_10010`), before the user's. */
  fieldMappings: z._default(z.record(z.string(), MappingOverrideSchema), {}),
});
export type VendorProfile = z.infer<typeof VendorProfileSchema>;

const severityText = Object.fromEntries(
  DEFAULT_SEVERITY_DEFINITIONS.map((d) => [d.level, { name: d.name, definition: d.definition }]),
);

export const STAKATER_PROFILE: VendorProfile = {
  id: 'stakater',
  vendorName: 'Stakater',
  portalUrl: 'https://stakater-cloud.atlassian.net',
  // JSM's customer sign-up page; the portal must allow self sign-up for it to offer a form.
  signUpUrl: 'https://stakater-cloud.atlassian.net/servicedesk/customer/user/signup',
  signUpGuidance: 'Register with your official company email address.',
  // The defaults in utils/severity/wording.ts are this vendor's guide, verbatim.
  severities: severityText,
  // Premium escalation is per contract: an organisation's profile (import or policy) adds it.
  escalationChannels: [],
  environmentRules: [],
  fieldMappings: {},
};

const VENDOR_PROFILES: readonly VendorProfile[] = [STAKATER_PROFILE];

export function findVendorProfile(id: string | undefined): VendorProfile | undefined {
  return VENDOR_PROFILES.find((profile) => profile.id === id);
}

/** Links for the escalation list: `https:` for chat, `tel:` for phone. */
export function escalationLinks(
  channels: readonly EscalationChannel[],
): { kind: 'chat' | 'phone'; label: string; href: string }[] {
  return channels.map((channel) => {
    const hours = channel.hours ? ` (${channel.hours})` : '';
    return channel.kind === 'chat'
      ? { kind: 'chat', label: `${channel.label}${hours}`, href: channel.url }
      : {
          kind: 'phone',
          label: `${channel.label}: ${channel.number}${hours}`,
          href: `tel:${channel.number.replace(/[^+0-9]/g, '')}`,
        };
  });
}

/** The JSM customer sign-up page of any portal. */
export function signUpUrlFor(portalUrl: string): string {
  return `${portalUrl.replace(/\/+$/, '')}/servicedesk/customer/user/signup`;
}

/** The JSM customer login page of any portal. */
export function loginUrlFor(portalUrl: string): string {
  return `${portalUrl.replace(/\/+$/, '')}/servicedesk/customer/user/login`;
}
