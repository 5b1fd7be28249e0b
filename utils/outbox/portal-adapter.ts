/**
 * Adapts the JSM client (utils/portal/client.ts) to what the outbox needs. Typed by the
 * subset it uses, so tests pass a fake and the client may grow without touching this.
 */
import type { RequestCreate } from '../portal/schemas';
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
  _links?: { web?: string };
}

export interface PortalClientLike {
  createRequest(request: RequestCreate): Promise<RequestLike>;
  attachTemporaryFiles(
    serviceDeskId: string,
    files: readonly { name: string; data: Blob }[],
  ): Promise<{ temporaryAttachments: { temporaryAttachmentId: string; fileName: string }[] }>;
  attachToRequest(issueKey: string, temporaryAttachmentIds: readonly string[]): Promise<unknown>;
  addParticipants(issueKey: string, accountIds: readonly string[]): Promise<unknown>;
  myRequests(filter: {
    searchTerm?: string;
    requestStatus?: 'OPEN_REQUESTS' | 'CLOSED_REQUESTS' | 'ALL_REQUESTS';
    serviceDeskId?: string;
    limit?: number;
  }): Promise<{ values: RequestLike[] }>;
  getRequest(issueKey: string, expand?: readonly string[]): Promise<unknown>;
  attachmentMeta(): Promise<{ enabled: boolean; uploadLimit?: number }>;
  /** GET /request/{key}/attachment (SPEC), when the client offers it. */
  listAttachments?(issueKey: string): Promise<{ filename: string }[]>;
}

/** How many of the user's latest requests are read when the search term finds nothing. */
const RECENT_REQUESTS = 50;

/** Whether the request's summary or any field value contains `reference` as a whole word. */
export function requestMentions(request: RequestLike, reference: string): boolean {
  const pattern = new RegExp(
    `(^|[^A-Z0-9-])${reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Z0-9])`,
  );
  const texts = [
    request.summary ?? '',
    ...(request.requestFieldValues ?? []).map((f) => JSON.stringify(f.value ?? '')),
  ];
  return texts.some((text) => pattern.test(text));
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
    uploadTemporaryFiles: (serviceDeskId, files) =>
      client.attachTemporaryFiles(serviceDeskId, files),
    attachTemporaryFiles: (issueKey, ids) => client.attachToRequest(issueKey, ids),
    addParticipants: (issueKey, accountIds) => client.addParticipants(issueKey, accountIds),

    /**
     * JSM's `searchTerm` matches the summary (SPEC) while the reference is in the description,
     * so the user's latest requests in the desk are read too (newest activity first; the job's
     * request is among them). Any failure throws: only an answer may allow a new create.
     */
    async findRequestsByText(reference, { serviceDeskId }) {
      const [byTerm, recent] = await Promise.all([
        client.myRequests({
          searchTerm: reference,
          requestStatus: 'ALL_REQUESTS',
          serviceDeskId,
          limit: RECENT_REQUESTS,
        }),
        client.myRequests({ requestStatus: 'ALL_REQUESTS', serviceDeskId, limit: RECENT_REQUESTS }),
      ]);
      const found = new Map<string, CreatedRequest>();
      for (const request of [...byTerm.values, ...recent.values]) {
        if (requestMentions(request, reference)) found.set(request.issueKey, created(request));
      }
      return [...found.values()];
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
export interface MyRequest {
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
