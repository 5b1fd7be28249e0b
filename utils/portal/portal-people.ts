/**
 * What the portal's own pages use to find people and to share, for portal-only customers,
 * whom the platform's user picker and `/myself` may refuse (README, "Portal-only customers").
 * Internal and undocumented: answers are validated, and a refusal falls back to what works.
 */
import * as z from 'zod/mini';

/** GET /rest/servicedesk/1/customer/portal/{portalId}/user-search/proforma?query= */
export const PortalUserSearchSchema = z.array(
  z.looseObject({
    accountId: z.string(),
    displayName: z.optional(z.string()),
    emailAddress: z.optional(z.nullable(z.string())),
  }),
);

export const portalUserSearchPath = (portalId: string) =>
  `/rest/servicedesk/1/customer/portal/${encodeURIComponent(portalId)}/user-search/proforma`;

/** PUT /rest/servicedesk/1/customer/participants/{issueKey}/share */
export const portalSharePath = (issueKey: string) =>
  `/rest/servicedesk/1/customer/participants/${encodeURIComponent(issueKey)}/share`;

export interface PortalShareBody {
  accountIds: string[];
  emails: string[];
  organisationIds: string[];
}
