/**
 * Request and response schemas of the portal messages (declared in utils/messages/background.ts).
 * Pages get compact views of portal data, and never a credential: the saved API token is
 * reduced to a hint such as "••••1234".
 */
import * as z from 'zod/mini';
import { CreateMetaSchema } from './schemas';
import { AuthMethodSchema, TokenKindSchema } from './settings';

export const ConnectionViewSchema = z.object({
  /** Undefined until the user saves a connection. */
  portalUrl: z.optional(z.string()),
  authMethod: z.optional(AuthMethodSchema),
  email: z.optional(z.string()),
  tokenKind: z.optional(TokenKindSchema),
  vendorProfileId: z.optional(z.string()),
  /** e.g. "••••1234" when a token is saved. */
  tokenHint: z.optional(z.string()),
  /** Whether the browser granted access to the portal origin(s). */
  originGranted: z.boolean(),
});
export type ConnectionView = z.infer<typeof ConnectionViewSchema>;

export const SaveConnectionSchema = z.object({
  portalUrl: z.string().check(z.maxLength(2048)),
  authMethod: AuthMethodSchema,
  email: z.optional(z.string().check(z.maxLength(320))),
  /** A new token; left out to keep the saved one. */
  apiToken: z.optional(z.string().check(z.maxLength(4096))),
  tokenKind: z._default(TokenKindSchema, 'classic'),
  vendorProfileId: z.optional(z.string()),
});
export type SaveConnection = z.input<typeof SaveConnectionSchema>;

const ServiceDeskSummarySchema = z.object({
  id: z.string(),
  projectName: z.string(),
  projectKey: z.optional(z.string()),
});
export type ServiceDeskSummary = z.infer<typeof ServiceDeskSummarySchema>;

export const TestConnectionResultSchema = z.object({
  displayName: z.string(),
  accountId: z.optional(z.string()),
  serviceDesks: z.array(ServiceDeskSummarySchema),
});
export type TestConnectionResult = z.infer<typeof TestConnectionResultSchema>;

export const ServiceDeskListSchema = z.object({ serviceDesks: z.array(ServiceDeskSummarySchema) });

const RequestTypeSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.optional(z.string()),
  helpText: z.optional(z.string()),
  groupIds: z.array(z.string()),
  /** The portal the type belongs to: its form is /servicedesk/customer/portal/{portalId}/create/{id}. */
  portalId: z.optional(z.string()),
});
export const RequestTypeListSchema = z.object({
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  requestTypes: z.array(RequestTypeSummarySchema),
});
export type RequestTypeList = z.infer<typeof RequestTypeListSchema>;

/** The request form of a request type, as the portal describes it (SPEC CustomerRequestCreateMetaDTO). */
export const RequestTypeFieldsSchema = CreateMetaSchema;

const RequestSummarySchema = z.object({
  issueKey: z.string(),
  summary: z.string(),
  status: z.optional(z.string()),
  statusCategory: z.optional(z.string()),
  createdIso: z.optional(z.string()),
  webUrl: z.optional(z.string()),
});
export type RequestSummary = z.infer<typeof RequestSummarySchema>;
export const RequestSearchSchema = z.object({
  term: z.string().check(z.maxLength(500)),
  requestStatus: z.optional(z.enum(['OPEN_REQUESTS', 'CLOSED_REQUESTS', 'ALL_REQUESTS'])),
});
export const RequestSearchResultSchema = z.object({ requests: z.array(RequestSummarySchema) });

const ArticleSummarySchema = z.object({
  title: z.string(),
  excerpt: z.optional(z.string()),
  url: z.optional(z.string()),
});
export const KnowledgeSearchSchema = z.object({
  query: z.string().check(z.minLength(1), z.maxLength(500)),
  serviceDeskId: z.optional(z.string()),
});
export const KnowledgeSearchResultSchema = z.object({ articles: z.array(ArticleSummarySchema) });
