/**
 * What the outbox runner needs from the outside world (the portal, stored files, persistence,
 * time), apart from the runner so that its steps (reconcile.ts) can name them without an
 * import cycle.
 */
import type { RequestCreate } from '../portal/schemas';
import type { BatchLimits } from './batch';
import type { FoundRequest, Job } from './job';
import type { DeliveryTimings } from './retry-policy';

/** The part of the portal client the outbox needs (structural: the real client or a fake). */
export interface OutboxPortal {
  createRequest(request: RequestCreate): Promise<CreatedRequest>;
  uploadTemporaryFiles(
    serviceDeskId: string,
    files: readonly { name: string; data: Blob }[],
    options?: { timeoutMs?: number },
  ): Promise<{ temporaryAttachments: { temporaryAttachmentId: string; fileName: string }[] }>;
  attachTemporaryFiles(
    issueKey: string,
    temporaryAttachmentIds: readonly string[],
  ): Promise<unknown>;
  addParticipants(issueKey: string, accountIds: readonly string[]): Promise<unknown>;
  /**
   * The portal's own "Share" by accountId or e-mail address, for customers who may not add
   * participants (utils/portal/portal-people.ts). Left out where the portal has none.
   */
  portalShare?(
    issueKey: string,
    share: { accountIds: string[]; emails: string[] },
  ): Promise<unknown>;
  /**
   * Every request of the user's carrying `reference` in its fields: their own requests of the
   * desk and request type created since `since` (page by page), and `searchTerm` matches.
   * Throws when the portal does not answer: only an answer may allow a new create.
   */
  findRequestsByReference(
    reference: string,
    scope: { serviceDeskId: string; requestTypeId: string; since: number | null },
  ): Promise<FoundRequest[]>;
  /** Bodies of the request's comments. */
  listComments(issueKey: string): Promise<string[]>;
  addComment(issueKey: string, body: string): Promise<unknown>;
  /** The customer transitions the portal offers on the request. */
  listTransitions(issueKey: string): Promise<{ id: string; name: string }[]>;
  transition(issueKey: string, transitionId: string): Promise<unknown>;
  /** `currentStatus.statusCategory` of the request (`DONE` once closed). */
  requestStatusCategory(issueKey: string): Promise<string | undefined>;
  /**
   * File names attached to a request, or `undefined` when the portal offers no way to list
   * them (then the runner re-sends the same temporary ids, see runAttach).
   */
  listAttachmentNames(issueKey: string): Promise<string[] | undefined>;
  /** The site's per-file upload limit in bytes, if it says. */
  uploadLimit?(): Promise<number | undefined>;
}

export interface CreatedRequest {
  issueId: string;
  issueKey: string;
  _links?: { web?: string };
}

export interface BlobSource {
  get(id: string): Promise<Blob | undefined>;
}

export interface RunnerDeps {
  portal: OutboxPortal;
  blobs: BlobSource;
  /** Persists the job; resolves once it is stored. */
  save(job: Job): Promise<void>;
  now(): number;
  random(): number;
  limits?: Partial<BatchLimits>;
  /** The retry policy's timings (retry-policy.ts); the e2e build shortens the waits. */
  timings?: DeliveryTimings;
}
