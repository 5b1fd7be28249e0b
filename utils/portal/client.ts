/**
 * The JSM Cloud REST client. It takes a `fetch` function and an auth provider, so the same code
 * runs in the service worker and in Node tests against the emulator. Every response is
 * validated; see http.ts for timeouts and error mapping.
 *
 * Never retried here: a timed-out `POST /request` may have created the ticket
 * (docs/jsm-portal.md#creating-is-not-idempotent), so retries are the outbox's decision, not
 * the client's.
 */
import type * as z from 'zod/mini';
import type { AuthProvider } from './auth';
import { DEFAULT_TIMEOUT_MS, exchange, type FetchFunction } from './http';
import { collectPages, type WalkOptions } from './paging';
import {
  type PortalShareBody,
  PortalUserSearchSchema,
  portalSharePath,
  portalUserSearchPath,
} from './portal-people';
import {
  type Article,
  ArticlePageSchema,
  type AttachmentCreate,
  AttachmentCreateResultSchema,
  AttachmentMetaSchema,
  AttachmentPageSchema,
  type CommentCreate,
  CommentSchema,
  CreateMetaSchema,
  CustomerRequestPageSchema,
  CustomerRequestSchema,
  CustomerTransitionPageSchema,
  MyselfSchema,
  type Page,
  type ParticipantUpdate,
  type PortalUser,
  pagedSchema,
  type RequestCreate,
  type RequestType,
  RequestTypeGroupPageSchema,
  RequestTypePageSchema,
  type ServiceDesk,
  ServiceDeskPageSchema,
  SoftwareInfoSchema,
  TemporaryAttachmentsSchema,
  type TransitionExecution,
  UserPageSchema,
  UserPickerSchema,
} from './schemas';

interface PortalClientOptions {
  fetch: FetchFunction;
  auth: AuthProvider;
  timeoutMs?: number;
  /** Upload timeout; big screenshots take longer, but the 30 s worker limit still applies. */
  uploadTimeoutMs?: number;
}

interface UploadFile {
  name: string;
  data: Blob;
}

export type RequestStatusFilter = 'OPEN_REQUESTS' | 'CLOSED_REQUESTS' | 'ALL_REQUESTS';
type RequestOwnership =
  | 'OWNED_REQUESTS'
  | 'PARTICIPATED_REQUESTS'
  | 'ORGANIZATION'
  | 'ALL_ORGANIZATIONS'
  | 'APPROVER';

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const SD = '/rest/servicedeskapi';

export function createPortalClient(options: PortalClientOptions) {
  const { auth } = options;

  async function call<S extends z.ZodMiniType>(
    method: string,
    path: string,
    schema: S | undefined,
    what: string,
    extra: {
      query?: Query;
      json?: unknown;
      form?: FormData;
      signal?: AbortSignal;
      timeoutMs?: number;
    } = {},
  ): Promise<z.infer<S>> {
    const url = `${await auth.restBase()}${path}${queryString(extra.query ?? {})}`;
    const signIn = await auth.authorize(url);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      // Experimental endpoints need it; sending it everywhere is harmless
      // (docs/jsm-portal.md#experimental-header).
      'X-ExperimentalApi': 'opt-in',
      ...signIn.headers,
    };
    let body: BodyInit | undefined;
    if (extra.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(extra.json);
    } else if (extra.form) {
      // Multipart uploads are blocked without it (SPEC attachTemporaryFile). No Content-Type
      // here: FormData sets the boundary; a forced type gave 415 (atlassian-python-api#557).
      headers['X-Atlassian-Token'] = 'no-check';
      body = extra.form;
    }
    return exchange({
      fetch: options.fetch,
      url,
      init: { method, headers, body, credentials: signIn.credentials },
      schema,
      what,
      authKind: auth.kind,
      timeoutMs:
        extra.timeoutMs ??
        (extra.form
          ? (options.uploadTimeoutMs ?? DEFAULT_TIMEOUT_MS)
          : (options.timeoutMs ?? DEFAULT_TIMEOUT_MS)),
      signal: extra.signal,
    });
  }

  const seg = encodeURIComponent;

  const client = {
    kind: auth.kind,

    /** GET /info: no sign-in needed; tells whether this is a JSM site at all. */
    info: () => call('GET', `${SD}/info`, SoftwareInfoSchema, 'check the portal'),

    /** GET /rest/api/3/myself. Whether portal-only customers may call it is UNVERIFIED. */
    myself: () => call('GET', '/rest/api/3/myself', MyselfSchema, 'read your account'),

    serviceDeskPage: (start = 0, limit = 50): Promise<Page<ServiceDesk>> =>
      call('GET', `${SD}/servicedesk`, ServiceDeskPageSchema, 'list service desks', {
        query: { start, limit },
      }),

    listServiceDesks: (walk?: WalkOptions) =>
      collectPages((start, limit) => client.serviceDeskPage(start, limit), walk),

    listRequestTypeGroups: (serviceDeskId: string, walk?: WalkOptions) =>
      collectPages(
        (start, limit) =>
          call(
            'GET',
            `${SD}/servicedesk/${seg(serviceDeskId)}/requesttypegroup`,
            RequestTypeGroupPageSchema,
            'list request type groups',
            { query: { start, limit } },
          ),
        walk,
      ),

    requestTypePage: (
      serviceDeskId: string,
      start = 0,
      limit = 50,
      filter: { groupId?: string; searchQuery?: string } = {},
    ): Promise<Page<RequestType>> =>
      call(
        'GET',
        `${SD}/servicedesk/${seg(serviceDeskId)}/requesttype`,
        RequestTypePageSchema,
        'list request types',
        { query: { start, limit, groupId: filter.groupId, searchQuery: filter.searchQuery } },
      ),

    listRequestTypes: (
      serviceDeskId: string,
      filter: { groupId?: string; searchQuery?: string } = {},
      walk?: WalkOptions,
    ) =>
      collectPages(
        (start, limit) => client.requestTypePage(serviceDeskId, start, limit, filter),
        walk,
      ),

    getRequestTypeFields: (serviceDeskId: string, requestTypeId: string) =>
      call(
        'GET',
        `${SD}/servicedesk/${seg(serviceDeskId)}/requesttype/${seg(requestTypeId)}/field`,
        CreateMetaSchema,
        'read the request form',
      ),

    /** POST /request. `requestFieldValues` is a map in, an array out. */
    createRequest: (request: RequestCreate, signal?: AbortSignal) =>
      call('POST', `${SD}/request`, CustomerRequestSchema, 'create the request', {
        json: request,
        signal,
      }),

    /**
     * Uploads to the desk of the request (a different desk's ids are refused at attach).
     * `timeoutMs`: the caller sizes it to the call (utils/outbox/retry-policy.ts).
     */
    attachTemporaryFiles: (
      serviceDeskId: string,
      files: readonly UploadFile[],
      signal?: AbortSignal,
      timeoutMs?: number,
    ) => {
      const form = new FormData();
      for (const file of files) form.append('file', file.data, file.name);
      return call(
        'POST',
        `${SD}/servicedesk/${seg(serviceDeskId)}/attachTemporaryFile`,
        TemporaryAttachmentsSchema,
        'upload the files',
        { form, signal, ...(timeoutMs === undefined ? {} : { timeoutMs }) },
      );
    },

    /** Customers may only attach publicly, so `public` is always true. */
    attachToRequest: (
      issueIdOrKey: string,
      temporaryAttachmentIds: readonly string[],
      comment?: string,
      signal?: AbortSignal,
    ) =>
      call(
        'POST',
        `${SD}/request/${seg(issueIdOrKey)}/attachment`,
        AttachmentCreateResultSchema,
        'attach the files',
        {
          json: {
            temporaryAttachmentIds: [...temporaryAttachmentIds],
            public: true,
            ...(comment ? { additionalComment: { body: comment } } : {}),
          } satisfies AttachmentCreate,
          signal,
        },
      ),

    /** Adds participants by accountId (emails and `usernames` are not accepted on Cloud). */
    addParticipants: (issueIdOrKey: string, accountIds: readonly string[], signal?: AbortSignal) =>
      call(
        'POST',
        `${SD}/request/${seg(issueIdOrKey)}/participant`,
        UserPageSchema,
        'share the request',
        {
          json: { accountIds: [...accountIds] } satisfies ParticipantUpdate,
          signal,
        },
      ),

    listParticipants: (issueIdOrKey: string, walk?: WalkOptions): Promise<PortalUser[]> =>
      collectPages(
        (start, limit) =>
          call(
            'GET',
            `${SD}/request/${seg(issueIdOrKey)}/participant`,
            UserPageSchema,
            'list participants',
            {
              query: { start, limit },
            },
          ),
        walk,
      ),

    addComment: (issueIdOrKey: string, body: string, signal?: AbortSignal) =>
      call('POST', `${SD}/request/${seg(issueIdOrKey)}/comment`, CommentSchema, 'add the comment', {
        json: { body, public: true } satisfies CommentCreate,
        signal,
      }),

    /**
     * GET /request: the caller's requests, latest activity first. The list is a search index
     * that lags writes; `searchTerm` matches the summary only (docs/jsm-portal.md#request-search).
     */
    myRequests: (
      filter: {
        searchTerm?: string;
        requestStatus?: RequestStatusFilter;
        requestOwnership?: readonly RequestOwnership[];
        serviceDeskId?: string;
        /** Needs `serviceDeskId` (SPEC). */
        requestTypeId?: string;
        expand?: readonly string[];
        start?: number;
        limit?: number;
      } = {},
    ) =>
      call('GET', `${SD}/request`, CustomerRequestPageSchema, 'search your requests', {
        query: {
          searchTerm: filter.searchTerm,
          requestOwnership: filter.requestOwnership,
          requestStatus: filter.requestStatus,
          serviceDeskId: filter.serviceDeskId,
          requestTypeId: filter.serviceDeskId ? filter.requestTypeId : undefined,
          expand: (filter.expand ?? ['status']).join(','),
          start: filter.start ?? 0,
          limit: filter.limit ?? 20,
        },
      }),

    /** GET /request/{key}/attachment: the request's attachments, every page. */
    listAttachments: (issueIdOrKey: string, walk?: WalkOptions) =>
      collectPages(
        (start, limit) =>
          call(
            'GET',
            `${SD}/request/${seg(issueIdOrKey)}/attachment`,
            AttachmentPageSchema,
            'list the attachments',
            { query: { start, limit } },
          ),
        walk,
      ),

    /** GET /request/{key}/comment: public comments (customers see only those). */
    listComments: (issueIdOrKey: string, walk?: WalkOptions) =>
      collectPages(
        (start, limit) =>
          call(
            'GET',
            `${SD}/request/${seg(issueIdOrKey)}/comment`,
            pagedSchema(CommentSchema),
            'read the comments',
            { query: { public: true, start, limit } },
          ),
        walk,
      ),

    /** GET /request/{key}/transition: what the customer may do (cancel, resolve...). */
    listTransitions: (issueIdOrKey: string, walk?: WalkOptions) =>
      collectPages(
        (start, limit) =>
          call(
            'GET',
            `${SD}/request/${seg(issueIdOrKey)}/transition`,
            CustomerTransitionPageSchema,
            'read the possible actions',
            { query: { start, limit } },
          ),
        walk,
      ),

    /** POST /request/{key}/transition: 204, no body. */
    performTransition: (issueIdOrKey: string, transitionId: string, comment?: string) =>
      call(
        'POST',
        `${SD}/request/${seg(issueIdOrKey)}/transition`,
        undefined,
        'withdraw the request',
        {
          json: {
            id: transitionId,
            ...(comment ? { additionalComment: { body: comment } } : {}),
          } satisfies TransitionExecution,
        },
      ),

    getRequest: (issueIdOrKey: string, expand: readonly string[] = ['status']) =>
      call('GET', `${SD}/request/${seg(issueIdOrKey)}`, CustomerRequestSchema, 'read the request', {
        query: { expand: expand.join(',') || undefined },
      }),

    /** Knowledge-base search, in one desk when given (customers usually see only that). */
    searchKnowledgeBase: (
      query: string,
      options: { serviceDeskId?: string; limit?: number } = {},
    ): Promise<Page<Article>> =>
      call(
        'GET',
        options.serviceDeskId
          ? `${SD}/servicedesk/${seg(options.serviceDeskId)}/knowledgebase/article`
          : `${SD}/knowledgebase/article`,
        ArticlePageSchema,
        'search the knowledge base',
        { query: { query, highlight: false, limit: options.limit ?? 10 } },
      ),

    /** The site's upload limit (platform API, no sign-in needed). */
    attachmentMeta: () =>
      call('GET', '/rest/api/3/attachment/meta', AttachmentMetaSchema, 'read the upload limit'),

    /** Finds colleagues' accountIds; without "Browse users" Jira answers exact names only. */
    userPicker: (query: string, maxResults = 10) =>
      call('GET', '/rest/api/3/user/picker', UserPickerSchema, 'find colleagues', {
        query: { query, maxResults },
      }),

    /** The portal's own people search (utils/portal/portal-people.ts), for portal accounts. */
    portalUserSearch: (portalId: string, query: string) =>
      call('GET', portalUserSearchPath(portalId), PortalUserSearchSchema, 'find colleagues', {
        query: { query },
      }),

    /** The portal's own "Share" by accountId or e-mail address (portal-people.ts). */
    portalShare: (issueKey: string, share: Partial<PortalShareBody>) =>
      call('PUT', portalSharePath(issueKey), undefined, 'share the request', {
        json: { accountIds: [], emails: [], organisationIds: [], ...share },
      }),
  };
  return client;
}

export type PortalClient = ReturnType<typeof createPortalClient>;
