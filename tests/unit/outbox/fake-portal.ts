/**
 * An in-memory portal for the outbox tests: keeps a record of requests, temporary files,
 * attachments and participants (to assert "no duplicates"), and injects faults per call:
 * `before` fails without acting, `after` acts (commits) and then loses the answer, `hang`
 * never answers (a worker stopped mid-call).
 */
import { AppError, type ErrorInfo } from '@/utils/errors';
import type { FoundRequest, Job, JobInput } from '@/utils/outbox/job';
import type { CreatedRequest, OutboxPortal } from '@/utils/outbox/runner';

export type Op =
  | 'create'
  | 'upload'
  | 'attach'
  | 'participants'
  | 'search'
  | 'listAttachments'
  | 'uploadLimit'
  | 'listComments'
  | 'comment'
  | 'listTransitions'
  | 'transition'
  | 'status';

export interface Fault {
  when: 'before' | 'after' | 'hang';
  error?: ErrorInfo;
}

export interface PortalRecord {
  issueId: string;
  issueKey: string;
  text: string;
  attachments: string[];
  participants: string[];
  /** The fake's clock when it was created (the index lists it `indexLagMs` later). */
  created: number;
  comments: string[];
  statusCategory: 'NEW' | 'DONE';
}

export const errors = {
  network: { code: 'network', message: 'Could not reach the portal.' },
  timeout: { code: 'timeout', message: 'The portal did not answer.' },
  server: { code: 'server', message: 'The portal had an internal problem (HTTP 500).' },
  rateLimited: (seconds: number): ErrorInfo => ({
    code: 'rate-limited',
    message: 'Rate limited.',
    retryAfterSeconds: seconds,
  }),
  auth: { code: 'auth', message: 'Sign in to the portal.' },
  validation: (fields?: Record<string, string>): ErrorInfo => ({
    code: 'validation',
    message: 'The portal did not accept the request.',
    ...(fields ? { fields } : {}),
  }),
  forbidden: { code: 'forbidden', message: 'Not allowed.' },
  scope: {
    code: 'scope',
    message: 'The API token lacks a scope.',
    status: 401,
    messageKey: 'error_scope',
  },
  unreadable: { code: 'unexpected-response', message: 'Unreadable.', status: 200 },
  html400: {
    code: 'refused',
    message: 'The portal refused the request (HTTP 400).',
    status: 400,
    portalRequestId: 'edge-1',
    // As utils/portal/errors.ts words an edge 400.
    messageKey: 'error_refusedBadRequest',
    values: ['400', 'edge-1'],
  },
  html413: {
    code: 'refused',
    message: 'The portal refused the upload as too large (HTTP 413).',
    status: 413,
  },
  conflict: { code: 'conflict', message: 'Conflict.', status: 409 },
} satisfies Record<string, ErrorInfo | ((...args: never[]) => ErrorInfo)>;

export class FakePortal implements OutboxPortal {
  requests: PortalRecord[] = [];
  temporary = new Map<string, { name: string; serviceDeskId: string }>();
  calls: { op: Op; args: unknown }[] = [];
  faults: Partial<Record<Op, Fault[]>> = {};
  limit: number | undefined;
  /** Account ids the portal knows; others get a 400. */
  knownAccounts = new Set(['acc-1', 'acc-2', 'acc-3']);
  /** The request list lags writes by this much (docs/jsm-portal.md#request-search). */
  indexLagMs = 0;
  /** The fake's clock (the tests' `now`). */
  clock: () => number = () => 0;
  /** The customer transitions offered on an open request. */
  transitions = [
    { id: '11', name: 'Escalate request' },
    { id: '21', name: 'Cancel request' },
  ];
  /** The browser re-sends the next N creates by itself: the first copy's answer is never seen. */
  resendCreates = 0;
  private nextTemp = 1;

  fail(op: Op, ...faults: Fault[]): this {
    this.faults[op] = [...(this.faults[op] ?? []), ...faults];
    return this;
  }

  count(op: Op): number {
    return this.calls.filter((call) => call.op === op).length;
  }

  private async guard<T>(op: Op, args: unknown, act: () => T): Promise<T> {
    this.calls.push({ op, args });
    const fault = this.faults[op]?.shift();
    if (fault?.when === 'hang') return new Promise<T>(() => {});
    if (fault?.when === 'before') throw new AppError(fault.error ?? errors.network);
    const result = act();
    if (fault?.when === 'after') throw new AppError(fault.error ?? errors.network);
    return result;
  }

  private find(issueKey: string): PortalRecord {
    const record = this.requests.find((r) => r.issueKey === issueKey);
    if (!record) throw new AppError({ code: 'not-found', message: 'No such request.' });
    return record;
  }

  createRequest(request: {
    serviceDeskId: string;
    requestTypeId: string;
    requestFieldValues: Record<string, unknown>;
  }): Promise<CreatedRequest> {
    return this.guard('create', request, () => {
      const add = () => {
        const n = this.requests.length + 1;
        const record: PortalRecord = {
          issueId: String(10000 + n),
          issueKey: `SUP-${n}`,
          text: JSON.stringify(request.requestFieldValues),
          attachments: [],
          participants: [],
          created: this.clock(),
          comments: [],
          statusCategory: 'NEW',
        };
        this.requests.push(record);
        return record;
      };
      if (this.resendCreates > 0) {
        // Committed, connection dropped, re-sent by the browser: two exist, one answer.
        this.resendCreates -= 1;
        add();
      }
      const record = add();
      return {
        issueId: record.issueId,
        issueKey: record.issueKey,
        _links: { web: `http://127.0.0.1/servicedesk/customer/portal/1/${record.issueKey}` },
      };
    });
  }

  uploadTemporaryFiles(
    serviceDeskId: string,
    files: readonly { name: string; data: Blob }[],
    options?: { timeoutMs?: number },
  ) {
    const names = files.map((f) => f.name);
    return this.guard('upload', { serviceDeskId, names, timeoutMs: options?.timeoutMs }, () => {
      if (files.length > 60) throw new AppError(errors.validation());
      const limit = this.limit;
      if (limit !== undefined && files.some((f) => f.data.size > limit)) {
        throw new AppError(errors.validation());
      }
      return {
        temporaryAttachments: files.map((file) => {
          const id = `temp${this.nextTemp++}`;
          this.temporary.set(id, { name: file.name, serviceDeskId });
          return { temporaryAttachmentId: id, fileName: file.name };
        }),
      };
    });
  }

  attachTemporaryFiles(issueKey: string, ids: readonly string[]) {
    return this.guard('attach', { issueKey, ids }, () => {
      const record = this.find(issueKey);
      const files = ids.map((id) => this.temporary.get(id));
      if (files.some((file) => file === undefined)) throw new AppError(errors.validation());
      for (const id of ids) {
        record.attachments.push((this.temporary.get(id) as { name: string }).name);
        // Temporary files are consumed by attaching.
        this.temporary.delete(id);
      }
      return { attachments: { values: [] } };
    });
  }

  addParticipants(issueKey: string, accountIds: readonly string[]) {
    return this.guard('participants', { issueKey, accountIds }, () => {
      const record = this.find(issueKey);
      if (accountIds.some((id) => !this.knownAccounts.has(id))) {
        throw new AppError(errors.validation());
      }
      // Idempotent, as on JSM: a participant is a member of a set.
      for (const id of accountIds)
        if (!record.participants.includes(id)) record.participants.push(id);
      return {};
    });
  }

  findRequestsByReference(
    reference: string,
    scope: { serviceDeskId: string; requestTypeId: string; since: number | null },
  ): Promise<FoundRequest[]> {
    return this.guard('search', { reference, ...scope }, () =>
      this.requests
        .filter((r) => this.clock() - r.created >= this.indexLagMs)
        .filter((r) => scope.since === null || r.created >= scope.since)
        .filter((r) => r.text.includes(reference))
        .map((r) => ({
          issueId: r.issueId,
          issueKey: r.issueKey,
          created: r.created,
          attachments: r.attachments.length,
        })),
    );
  }

  listComments(issueKey: string): Promise<string[]> {
    return this.guard('listComments', issueKey, () => [...this.find(issueKey).comments]);
  }

  addComment(issueKey: string, body: string) {
    return this.guard('comment', { issueKey, body }, () => {
      this.find(issueKey).comments.push(body);
      return {};
    });
  }

  listTransitions(issueKey: string) {
    return this.guard('listTransitions', issueKey, () =>
      this.find(issueKey).statusCategory === 'DONE' ? [] : [...this.transitions],
    );
  }

  transition(issueKey: string, id: string) {
    return this.guard('transition', { issueKey, id }, () => {
      const record = this.find(issueKey);
      if (!this.transitions.some((t) => t.id === id) || record.statusCategory === 'DONE') {
        throw new AppError(errors.validation());
      }
      if (/cancel|resolv|close/i.test(this.transitions.find((t) => t.id === id)?.name ?? '')) {
        record.statusCategory = 'DONE';
      }
      return undefined;
    });
  }

  requestStatusCategory(issueKey: string) {
    return this.guard('status', issueKey, () => this.find(issueKey).statusCategory);
  }

  listAttachmentNames(issueKey: string): Promise<string[] | undefined> {
    return this.guard('listAttachments', issueKey, () => [...this.find(issueKey).attachments]);
  }

  uploadLimit() {
    return this.guard('uploadLimit', undefined, () => this.limit);
  }
}

export class FakeBlobs {
  data = new Map<string, Blob>();
  deleted: string[] = [];

  add(
    id: string,
    size: number,
    type = 'image/png',
  ): { blobId: string; name: string; size: number; type: string } {
    this.data.set(id, new Blob([new Uint8Array(size)], { type }));
    return { blobId: id, name: `${id}.png`, size, type };
  }
  async get(id: string) {
    return this.data.get(id);
  }
  async delete(ids: readonly string[]) {
    for (const id of ids) {
      this.data.delete(id);
      this.deleted.push(id);
    }
  }
}

export function input(overrides: Partial<JobInput> = {}): JobInput & { portal: string } {
  const ref = overrides.captureReference ?? 'SC-7F3K9Q';
  return {
    portal: 'http://127.0.0.1:9999',
    captureReference: ref,
    serviceDeskId: '1',
    requestTypeId: '10',
    requestFieldValues: {
      summary: 'Console shows 500 on save',
      description: `Saving fails.\n\nCapture reference: ${ref}`,
    },
    summary: 'Console shows 500 on save',
    attachments: [],
    participants: [],
    ...overrides,
  };
}

/**
 * Asserts the portal record has no duplicate request left open, and no attachment or
 * participant twice.
 */
export function duplicates(portal: FakePortal): string[] {
  const problems: string[] = [];
  const refs = portal.requests
    .filter((r) => r.statusCategory !== 'DONE')
    .map((r) => /SC-[0-9A-Z]{6}/.exec(r.text)?.[0]);
  if (new Set(refs).size !== refs.length) problems.push('duplicate request');
  for (const r of portal.requests) {
    if (new Set(r.attachments).size !== r.attachments.length)
      problems.push(`${r.issueKey}: duplicate attachment`);
    if (new Set(r.participants).size !== r.participants.length)
      problems.push(`${r.issueKey}: duplicate participant`);
  }
  return problems;
}

export type { Job };
