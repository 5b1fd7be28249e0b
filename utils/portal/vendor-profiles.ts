/**
 * Vendor profiles bundled with the extension: one click fills the connection form for a known
 * vendor. Any other portal works by URL.
 */
import * as z from 'zod/mini';

export const SeverityDefinitionSchema = z.object({
  level: z.enum(['P1', 'P2', 'P3', 'P4']),
  name: z.string(),
  definition: z.string(),
});
export type SeverityDefinition = z.infer<typeof SeverityDefinitionSchema>;

export const VendorProfileSchema = z.object({
  id: z.string(),
  vendorName: z.string(),
  portalUrl: z.url(),
  signUpUrl: z.url(),
  signUpGuidance: z.string(),
  severities: z.array(SeverityDefinitionSchema),
});
export type VendorProfile = z.infer<typeof VendorProfileSchema>;

export const STAKATER_PROFILE: VendorProfile = {
  id: 'stakater',
  vendorName: 'Stakater',
  portalUrl: 'https://stakater-cloud.atlassian.net',
  // JSM's customer sign-up page; the portal must allow self sign-up for it to offer a form.
  signUpUrl: 'https://stakater-cloud.atlassian.net/servicedesk/customer/user/signup',
  signUpGuidance: 'Register with your official company email address.',
  severities: [
    {
      level: 'P1',
      name: 'Critical',
      definition: 'Production outage, no viable workaround.',
    },
    {
      level: 'P2',
      name: 'High',
      definition: 'Major degradation with significant impact.',
    },
    {
      level: 'P3',
      name: 'Medium',
      definition: 'Limited impact, workaround available.',
    },
    {
      level: 'P4',
      name: 'Low',
      definition: 'Information request or minor issue.',
    },
  ],
};

export const VENDOR_PROFILES: readonly VendorProfile[] = [STAKATER_PROFILE];

export function findVendorProfile(id: string | undefined): VendorProfile | undefined {
  return VENDOR_PROFILES.find((profile) => profile.id === id);
}

/** The JSM customer sign-up page of any portal. */
export function signUpUrlFor(portalUrl: string): string {
  return `${portalUrl.replace(/\/+$/, '')}/servicedesk/customer/user/signup`;
}

/** The JSM customer login page of any portal. */
export function loginUrlFor(portalUrl: string): string {
  return `${portalUrl.replace(/\/+$/, '')}/servicedesk/customer/user/login`;
}
