/**
 * Adapts the JSM client (utils/portal/client.ts) to what the outbox needs. Typed by the
 * subset it uses, so tests pass a fake and the client may grow without touching this.
 */
import type { RequestCreate } from '../portal/schemas';
import type { FoundRequest } from './job';
import type { CreatedRequest, OutboxPortal } from './runner';

interface RequestLike {
  issueId: string;
  issueKey: string;
  summary?: string;
  requestFieldValues?: { fieldId: string; value?: unknown }[];
  currentStatus?: {
    status?: string;
    statusCategory?: string;
    statusDate?: { epochMillis?: number; iso8601?: string };
  };
  createdDate?: { epochMillis?: number; iso8601?: string };
  attachments?: { values: unknown[]; isLastPage?: boolean; size?: number };
  _links?: { web?: string };
}

interface RequestPage {
  values: RequestLike[];
  isLastPage: boolean;
  start: number;
}

interface PortalClientLike {
  createRequest(request: RequestCreate): Promise<RequestLike>;
  attachTemporaryFiles(
    serviceDeskId: string,
    files: readonly { name: string; data: Blob }[],
    signal?: AbortSignal,
    timeoutMs?: number,
  ): Promise<{ temporaryAttachments: { temporaryAttachmentId: string; fileName: string }[] }>;
  attachToRequest(issueKey: string, temporaryAttachmentIds: readonly string[]): Promise<unknown>;
  addParticipants(issueKey: string, accountIds: readonly string[]): Promise<unknown>;
  portalShare?(
    issueKey: string,
    share: { accountIds: string[]; emails: string[] },
  ): Promise<unknown>;
  myRequests(filter: {
    searchTerm?: string;
    requestStatus?: 'OPEN_REQUESTS' | 'CLOSED_REQUESTS' | 'ALL_REQUESTS';
    requestOwnership?: readonly 'OWNED_REQUESTS'[];
    serviceDeskId?: string;
    requestTypeId?: string;
    expand?: readonly string[];
    start?: number;
    limit?: number;
  }): Promise<RequestPage>;
  getRequest(issueKey: string, expand?: readonly string[]): Promise<unknown>;
  attachmentMeta(): Promise<{ enabled: boolean; uploadLimit?: number }>;
  /** GET /request/{key}/attachment (SPEC), when the client offers it. */
  listAttachments?(issueKey: string): Promise<{ filename: string }[]>;
  listComments(issueKey: string): Promise<{ body?: string }[]>;
  addComment(issueKey: string, body: string): Promise<unknown>;
  listTransitions(issueKey: string): Promise<{ id: string; name: string }[]>;
  performTransition(issueKey: string, transitionId: string): Promise<unknown>;
}

/** Requests per page when walking the user's own requests. */
const PAGE = 50;
/** Safety stop: a user with more own requests in the window than this is not walked further. */
const MAX_PAGES = 20;

/** Whether the request's summary or any field value contains `reference` as a whole word. */
function requestMentions(request: RequestLike, reference: string): boolean {
  const pattern = new RegExp(
    `(^|[^A-Z0-9-])${reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Z0-9])`,
  );
  const texts = [
    request.summary ?? '',
    ...(request.requestFieldValues ?? []).map((f) => JSON.stringify(f.value ?? '')),
  ];
  return texts.some((text) => pattern.test(text));
}

function createdAt(request: RequestLike): number | undefined {
  const date = request.createdDate;
  if (date?.epochMillis !== undefined) return date.epochMillis;
  const parsed = date?.iso8601 ? Date.parse(date.iso8601) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

function found(request: RequestLike): FoundRequest {
  const created = createdAt(request);
  return {
    issueKey: request.issueKey,
    issueId: request.issueId,
    ...(created === undefined ? {} : { created }),
    attachments: request.attachments?.size ?? request.attachments?.values.length ?? 0,
    ...(request._links?.web ? { webUrl: request._links.web } : {}),
  };
}

function created(request: RequestLike): CreatedRequest {
  return {
    issueId: request.issueId,
    issueKey: request.issueKey,
    ...(request._links?.web ? { _links: { web: request._links.web } } : {}),
  };
}

function attachmentNames(dto: unknown): string[] | undefined {
  if (typeof dto !== 'object' || dto === null || !('attachments' in dto)) return undefined;
  const page = (dto as { attachments?: { values?: unknown } }).attachments;
  if (!page || !Array.isArray(page.values)) return undefined;
  return page.values
    .map((value: unknown) => (value as { filename?: unknown }).filename)
    .filter((name): name is string => typeof name === 'string');
}

export function outboxPortal(client: PortalClientLike): OutboxPortal {
  return {
    createRequest: async (request) => created(await client.createRequest(request)),
    uploadTemporaryFiles: (serviceDeskId, files, options) =>
      client.attachTemporaryFiles(serviceDeskId, files, undefined, options?.timeoutMs),
    attachTemporaryFiles: (issueKey, ids) => client.attachToRequest(issueKey, ids),
    addParticipants: (issueKey, accountIds) => client.addParticipants(issueKey, accountIds),
    ...(client.portalShare ? { portalShare: client.portalShare.bind(client) } : {}),

    /**
     * The user's OWN requests of the desk and request type, page by page (latest activity
     * first) until a whole page was created before `since`; plus `searchTerm`, which matches
     * the summary, where the reference is appended. The reference is read from the fields.
     * Any failure throws: only an answer may allow a new create.
     */
    async findRequestsByReference(reference, { serviceDeskId, requestTypeId, since }) {
      const matches = new Map<string, FoundRequest>();
      const consider = (request: RequestLike) => {
        if (requestMentions(request, reference)) matches.set(request.issueKey, found(request));
      };
      const expand = ['status', 'attachment'];
      for (let page = 0, start = 0; page < MAX_PAGES; page++) {
        const answer = await client.myRequests({
          requestOwnership: ['OWNED_REQUESTS'],
          requestStatus: 'ALL_REQUESTS',
          serviceDeskId,
          requestTypeId,
          expand,
          start,
          limit: PAGE,
        });
        answer.values.forEach(consider);
        const allOlder =
          since !== null &&
          answer.values.length > 0 &&
          answer.values.every(
            (request) => (createdAt(request) ?? Number.POSITIVE_INFINITY) < since,
          );
        if (answer.isLastPage || answer.values.length === 0 || allOlder) break;
        start = answer.start + answer.values.length;
      }
      const byTerm = await client.myRequests({
        searchTerm: reference,
        requestStatus: 'ALL_REQUESTS',
        serviceDeskId,
        expand,
        limit: PAGE,
      });
      byTerm.values.forEach(consider);
      return [...matches.values()];
    },

    async listComments(issueKey) {
      return (await client.listComments(issueKey)).map((comment) => comment.body ?? '');
    },
    addComment: (issueKey, body) => client.addComment(issueKey, body),
    listTransitions: (issueKey) => client.listTransitions(issueKey),
    transition: (issueKey, id) => client.performTransition(issueKey, id),
    async requestStatusCategory(issueKey) {
      const request = (await client.getRequest(issueKey, ['status'])) as RequestLike;
      return request.currentStatus?.statusCategory;
    },

    async listAttachmentNames(issueKey) {
      if (client.listAttachments)
        return (await client.listAttachments(issueKey)).map((a) => a.filename);
      // CustomerRequestDTO carries `attachments` when expanded (SPEC); a portal that leaves
      // it out gives no way to list them: `undefined` tells the runner so.
      return attachmentNames(await client.getRequest(issueKey, ['attachment']));
    },

    async uploadLimit() {
      const meta = await client.attachmentMeta();
      return meta.uploadLimit;
    },
  };
}

/** One line of "My requests". */
interface MyRequest {
  issueKey: string;
  summary: string;
  status: string;
  statusCategory: string;
  /** Epoch ms of the last status change (the portal's "last update" for customers). */
  updatedAt: number | null;
  webUrl: string | null;
}

export async function listMyRequests(
  client: Pick<PortalClientLike, 'myRequests'>,
  requestStatus: 'OPEN_REQUESTS' | 'ALL_REQUESTS' = 'OPEN_REQUESTS',
): Promise<MyRequest[]> {
  const page = await client.myRequests({ requestStatus, limit: 50 });
  return page.values.map((request) => {
    const date = request.currentStatus?.statusDate ?? request.createdDate;
    const iso = date?.iso8601 ? Date.parse(date.iso8601) : Number.NaN;
    return {
      issueKey: request.issueKey,
      summary: request.summary ?? '',
      status: request.currentStatus?.status ?? 'Unknown',
      statusCategory: request.currentStatus?.statusCategory ?? 'UNDEFINED',
      updatedAt: date?.epochMillis ?? (Number.isNaN(iso) ? null : iso),
      webUrl: request._links?.web ?? null,
    };
  });
}
