/**
 * zod schemas of the JSM Cloud REST API bodies this extension uses, written from Atlassian's
 * OpenAPI spec (tests/contracts/jsm-cloud-servicedeskapi.openapi.v3.json, `components.schemas`)
 * and the platform spec for the three `/rest/api/3` endpoints.
 *
 * Responses use `looseObject`: the portal may add keys at any time, and an extra key must not
 * break a ticket. The spec marks almost nothing as required; a key is required here only where
 * the extension cannot work without it (ids, names). Ids are strings in every JSM body.
 */
import * as z from 'zod/mini';

const optionalString = z.optional(z.string());

/**
 * An address the portal gives for the user to open (`_links.web`, an article's `iframeSrc`):
 * kept only when it is an absolute http(s) URL, so a `javascript:` or `data:` link from a
 * compromised or impersonated portal never becomes a link in the extension's pages.
 */
export function httpLink(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
const portalLink = z.optional(z.pipe(z.string(), z.transform(httpLink)));
/** UserDTO says `emailAddress` and `timeZone` "may be returned as null" (privacy settings). */
const maybeString = z.optional(z.nullable(z.string()));

/** SPEC `SelfLinkDTO`: the `_links` of a service desk, a request type and a comment. */
const SelfLinkSchema = z.looseObject({ self: optionalString });

/** SPEC `DateDTO`. */
const DateSchema = z.looseObject({
  epochMillis: z.optional(z.number()),
  friendly: optionalString,
  iso8601: optionalString,
  jira: optionalString,
});

/** SPEC `UserDTO`. `name` and `key` are deprecated and not read. */
export const UserSchema = z.looseObject({
  accountId: z.string(),
  displayName: optionalString,
  emailAddress: maybeString,
  active: z.optional(z.boolean()),
  timeZone: maybeString,
  _links: z.optional(z.looseObject({})),
});
export type PortalUser = z.infer<typeof UserSchema>;

/** SPEC `PagedLinkDTO`. */
const PagedLinksSchema = z.looseObject({
  base: optionalString,
  context: optionalString,
  next: optionalString,
  prev: optionalString,
  self: optionalString,
});

/**
 * SPEC `PagedDTO*`. There is no total: walk until `isLastPage` (see paging.ts).
 */
export function pagedSchema<T extends z.ZodMiniType>(item: T) {
  return z.looseObject({
    _expands: z.optional(z.array(z.string())),
    size: z.optional(z.int()),
    start: z.int(),
    limit: z.int(),
    isLastPage: z.boolean(),
    _links: z.optional(PagedLinksSchema),
    values: z.array(item),
  });
}
export interface Page<T> {
  start: number;
  limit: number;
  isLastPage: boolean;
  values: T[];
}

/** SPEC `SoftwareInfoDTO` (GET /info, no authentication needed). */
export const SoftwareInfoSchema = z.looseObject({
  version: optionalString,
  platformVersion: optionalString,
  buildChangeSet: optionalString,
  isLicensedForUse: z.optional(z.boolean()),
  buildDate: z.optional(DateSchema),
});

/** SPEC `ServiceDeskDTO`. */
export const ServiceDeskSchema = z.looseObject({
  id: z.string(),
  projectId: optionalString,
  projectName: z.string(),
  projectKey: optionalString,
  projectTypeKey: optionalString,
  _links: z.optional(SelfLinkSchema),
});
export type ServiceDesk = z.infer<typeof ServiceDeskSchema>;
export const ServiceDeskPageSchema = pagedSchema(ServiceDeskSchema);

/** SPEC `RequestTypeGroupDTO`. */
const RequestTypeGroupSchema = z.looseObject({ id: z.string(), name: z.string() });
export const RequestTypeGroupPageSchema = pagedSchema(RequestTypeGroupSchema);

/**
 * SPEC `RequestTypeFieldValueDTO`: `value` is the option ID, `label` the display name.
 * `children` (cascading selects) is read one level deep, which is all a cascade has.
 */
const FieldValueLeafSchema = z.looseObject({ value: z.string(), label: optionalString });
const FieldValueSchema = z.extend(FieldValueLeafSchema, {
  children: z.optional(z.array(FieldValueLeafSchema)),
});

/** SPEC `JsonTypeBean` (`type` is the one required key in the whole spec). */
const JiraSchemaSchema = z.looseObject({
  type: z.string(),
  system: optionalString,
  custom: optionalString,
  customId: z.optional(z.number()),
  items: optionalString,
  configuration: z.optional(z.record(z.string(), z.unknown())),
});

/** SPEC `RequestTypeFieldDTO`. */
export const RequestTypeFieldSchema = z.looseObject({
  fieldId: z.string(),
  name: z.string(),
  description: optionalString,
  required: z._default(z.boolean(), false),
  visible: z.optional(z.boolean()),
  validValues: z._default(z.array(FieldValueSchema), []),
  defaultValues: z.optional(z.array(FieldValueSchema)),
  presetValues: z.optional(z.array(z.string())),
  jiraSchema: z.optional(JiraSchemaSchema),
});
export type RequestTypeField = z.infer<typeof RequestTypeFieldSchema>;

/** SPEC `CustomerRequestCreateMetaDTO`. */
export const CreateMetaSchema = z.looseObject({
  canAddRequestParticipants: z.optional(z.boolean()),
  canRaiseOnBehalfOf: z.optional(z.boolean()),
  requestTypeFields: z.array(RequestTypeFieldSchema),
});
export type CreateMeta = z.infer<typeof CreateMetaSchema>;

/** SPEC `RequestTypeDTO`. */
export const RequestTypeSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: optionalString,
  helpText: optionalString,
  issueTypeId: optionalString,
  serviceDeskId: optionalString,
  portalId: optionalString,
  groupIds: z.optional(z.array(z.string())),
  canCreateRequest: z.optional(z.boolean()),
  restrictionStatus: optionalString,
  icon: z.optional(z.looseObject({ id: optionalString })),
  _links: z.optional(SelfLinkSchema),
});
export type RequestType = z.infer<typeof RequestTypeSchema>;
export const RequestTypePageSchema = pagedSchema(RequestTypeSchema);

/** SPEC `CustomerRequestStatusDTO`; `statusCategory` is an enum string, kept open here. */
const RequestStatusSchema = z.looseObject({
  status: optionalString,
  statusCategory: optionalString,
  statusDate: z.optional(DateSchema),
});

/** SPEC `CustomerRequestFieldValueDTO`: in responses `requestFieldValues` is an ARRAY. */
const RequestFieldValueSchema = z.looseObject({
  fieldId: z.string(),
  label: optionalString,
  value: z.optional(z.unknown()),
  renderedValue: z.optional(z.unknown()),
});

/** SPEC `AttachmentDTO`: here the key is `filename` (lower-case n). */
export const AttachmentSchema = z.looseObject({
  filename: z.string(),
  size: z.optional(z.number()),
  mimeType: optionalString,
  author: z.optional(UserSchema),
  created: z.optional(DateSchema),
  _links: z.optional(z.looseObject({})),
});

/** SPEC `CustomerRequestDTO`. */
export const CustomerRequestSchema = z.looseObject({
  issueId: z.string(),
  issueKey: z.string(),
  summary: optionalString,
  requestTypeId: optionalString,
  serviceDeskId: optionalString,
  createdDate: z.optional(DateSchema),
  reporter: z.optional(UserSchema),
  requestFieldValues: z.optional(z.array(RequestFieldValueSchema)),
  currentStatus: z.optional(RequestStatusSchema),
  status: z.optional(pagedSchema(RequestStatusSchema)),
  participants: z.optional(pagedSchema(UserSchema)),
  /** With `expand=attachment`. */
  attachments: z.optional(pagedSchema(AttachmentSchema)),
  _links: z.optional(
    z.looseObject({
      web: portalLink,
      self: optionalString,
      jiraRest: optionalString,
      agent: optionalString,
    }),
  ),
});
export const CustomerRequestPageSchema = pagedSchema(CustomerRequestSchema);

/** attachTemporaryFile 201. The key is `fileName` (capital N), unlike AttachmentDTO. */
export const TemporaryAttachmentsSchema = z.looseObject({
  temporaryAttachments: z.array(
    z.looseObject({ temporaryAttachmentId: z.string(), fileName: z.string() }),
  ),
});

/** SPEC `CommentDTO`. */
export const CommentSchema = z.looseObject({
  id: z.string(),
  body: optionalString,
  public: z.optional(z.boolean()),
  author: z.optional(UserSchema),
  created: z.optional(DateSchema),
  _links: z.optional(SelfLinkSchema),
});

/** SPEC `AttachmentCreateResultDTO`. */
export const AttachmentCreateResultSchema = z.looseObject({
  comment: z.optional(CommentSchema),
  attachments: pagedSchema(AttachmentSchema),
});

export const UserPageSchema = pagedSchema(UserSchema);

/** GET /request/{key}/attachment (SPEC `PagedDTOAttachmentDTO`). */
export const AttachmentPageSchema = pagedSchema(AttachmentSchema);

/** SPEC `CustomerTransitionDTO`: a transition the customer may perform. */
const CustomerTransitionSchema = z.looseObject({ id: z.string(), name: z.string() });
export const CustomerTransitionPageSchema = pagedSchema(CustomerTransitionSchema);

/** SPEC `CustomerTransitionExecutionDTO`: the body of a transition the client performs. */
const TransitionExecutionSchema = z.object({
  id: z.string(),
  additionalComment: z.optional(z.object({ body: z.string() })),
});
export type TransitionExecution = z.input<typeof TransitionExecutionSchema>;

/** SPEC `ArticleDTO`. */
export const ArticleSchema = z.looseObject({
  title: z.string(),
  excerpt: optionalString,
  source: z.optional(z.looseObject({ type: optionalString })),
  content: z.optional(z.looseObject({ iframeSrc: portalLink })),
});
export type Article = z.infer<typeof ArticleSchema>;
export const ArticlePageSchema = pagedSchema(ArticleSchema);

// --- Jira platform (/rest/api/3) --------------------------------------------------------

/** Platform `User` from GET /rest/api/3/myself. */
export const MyselfSchema = z.looseObject({
  accountId: z.string(),
  displayName: z.string(),
  emailAddress: maybeString,
  accountType: optionalString,
  active: z.optional(z.boolean()),
  timeZone: maybeString,
});

/** Platform `FoundUsers` from GET /rest/api/3/user/picker. */
export const UserPickerSchema = z.looseObject({
  users: z.array(
    z.looseObject({
      accountId: z.string(),
      displayName: optionalString,
      accountType: optionalString,
      html: optionalString,
      avatarUrl: optionalString,
    }),
  ),
  total: z.optional(z.int()),
  header: optionalString,
});

/** Platform `AttachmentSettings` from GET /rest/api/3/attachment/meta. */
export const AttachmentMetaSchema = z.looseObject({
  enabled: z.boolean(),
  uploadLimit: z.optional(z.number()),
});

/** `GET <site>/_edge/tenant_info`. */
export const TenantInfoSchema = z.looseObject({ cloudId: z.string().check(z.minLength(1)) });

// --- Error bodies -------------------------------------------------------------------------

/** SPEC `ErrorResponse` (servicedeskapi). */
export const JsmErrorSchema = z.looseObject({
  errorMessage: z.string(),
  i18nErrorMessage: z.optional(
    z.looseObject({ i18nKey: optionalString, parameters: z.optional(z.array(z.string())) }),
  ),
});

/** Platform error body (`/rest/api/3`), also what Jira's field layer returns. */
export const PlatformErrorSchema = z.looseObject({
  errorMessages: z.optional(z.array(z.string())),
  errors: z.optional(z.record(z.string(), z.string())),
});

// --- Request bodies (what we send) ---------------------------------------------------------

/**
 * SPEC `RequestCreateDTO`. In requests `requestFieldValues` is a MAP of field id to value;
 * select values are `{id}` objects built from `validValues`. `raiseOnBehalfOf` and
 * `requestParticipants` are left out on purpose: customers may not set them (SPEC), so
 * participants are added after creation.
 */
export const RequestCreateSchema = z.object({
  serviceDeskId: z.string(),
  requestTypeId: z.string(),
  requestFieldValues: z.record(z.string(), z.unknown()),
  isAdfRequest: z.optional(z.boolean()),
});
export type RequestCreate = z.infer<typeof RequestCreateSchema>;

/** SPEC `AttachmentCreateDTO`. Customers can set public visibility only. */
export const AttachmentCreateSchema = z.object({
  temporaryAttachmentIds: z.array(z.string()).check(z.minLength(1)),
  public: z.literal(true),
  additionalComment: z.optional(z.object({ body: z.string() })),
});
/** The body the client sends (utils/portal/client.ts), checked against the spec by a test. */
export type AttachmentCreate = z.input<typeof AttachmentCreateSchema>;

/** SPEC `RequestParticipantUpdateDTO`: accountIds only; `usernames` is dead on Cloud. */
export const ParticipantUpdateSchema = z.object({
  accountIds: z.array(z.string()).check(z.minLength(1)),
});
export type ParticipantUpdate = z.input<typeof ParticipantUpdateSchema>;

/** SPEC `CommentCreateDTO`. */
export const CommentCreateSchema = z.object({ body: z.string(), public: z.boolean() });
export type CommentCreate = z.input<typeof CommentCreateSchema>;
