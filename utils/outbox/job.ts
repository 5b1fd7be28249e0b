/**
 * The delivery job: everything needed to file one request, and what each step achieved.
 *
 * A job is written to storage before the first network call and after every step, so a
 * stopped worker, a lost network or an expired session resumes where it stopped (see
 * runner.ts). Binary files are not in the record: they stay in IndexedDB, referenced by id.
 */
import * as z from 'zod/mini';
import { ErrorInfoSchema } from '../errors';

/**
 * `reconcile` runs after every create: the browser itself may re-send a create whose
 * connection dropped (docs/platform-facts.md#the-browser-re-sends-a-post), so a duplicate can
 * exist that no answer told of.
 */
const STEPS = ['create', 'upload', 'attach', 'participants', 'reconcile'] as const;
export type StepName = (typeof STEPS)[number];

const StepStateSchema = z.enum(['pending', 'done', 'skipped']);

const JobStatusSchema = z.enum([
  'queued',
  'running',
  'waiting-retry',
  'paused-auth',
  // The portal refused the fields: the draft goes back to the composer.
  'needs-edit',
  // A refusal no retry will fix (no permission to create, portal not configured): the user
  // fixes the settings and presses "Retry now", or downloads the report.
  'failed',
  'delivered',
  'cancelled',
]);

const AttachmentRefSchema = z.object({
  /** Key of the file in the IndexedDB blob store. */
  blobId: z.string().check(z.minLength(1)),
  /** Unique within the job: the attach step recognises attached files by name. */
  name: z.string().check(z.minLength(1), z.maxLength(255)),
  size: z.int().check(z.nonnegative()),
  type: z.string(),
});
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

const UploadRecordSchema = z.object({
  blobId: z.string(),
  temporaryAttachmentId: z.string(),
  fileName: z.string(),
  /** Temporary files expire (the portal does not say when), so their age is kept. */
  uploadedAt: z.number(),
});

const SkippedFileSchema = z.object({
  blobId: z.string(),
  name: z.string(),
  reason: z.string(),
});

/** A request found carrying the job's capture reference (reconcile.ts). */
const FoundRequestSchema = z.object({
  issueKey: z.string(),
  issueId: z.string(),
  /** `createdDate.epochMillis`, when the portal said. */
  created: z.optional(z.number()),
  /** Attachments the portal listed on it. */
  attachments: z._default(z.int(), 0),
  webUrl: z.optional(z.string()),
});
export type FoundRequest = z.infer<typeof FoundRequestSchema>;

/** A duplicate being withdrawn; each part is recorded once done, so a stopped worker resumes. */
const WithdrawalSchema = z.object({
  issueKey: z.string(),
  /** The public comment naming the kept request is on it. */
  commented: z._default(z.boolean(), false),
  /** `done`: cancelled/resolved by a customer transition; `none`: the portal offers none. */
  transition: z._default(z.enum(['pending', 'done', 'none']), 'pending'),
  /** Why the portal refused to withdraw it, when it did (it is then left to support). */
  refused: z.optional(z.string()),
});
export type Withdrawal = z.infer<typeof WithdrawalSchema>;

const ReconcileStateSchema = z.object({
  /** Search passes done. */
  passes: z._default(z.int(), 0),
  /** The index showed the kept request in a pass: it has caught up with our writes. */
  sawKept: z._default(z.boolean(), false),
  /** The next pass, not before (epoch ms). */
  dueAt: z.nullable(z.number()),
  /** What the last pass found. */
  found: z._default(z.array(FoundRequestSchema), []),
  withdrawn: z._default(z.array(WithdrawalSchema), []),
});

const JobResultSchema = z.object({
  issueKey: z.optional(z.string()),
  issueId: z.optional(z.string()),
  /** `_links.web`: the portal page of the request. */
  webUrl: z.optional(z.string()),
  /** True when the request was found by its capture reference after an unknown outcome. */
  foundBySearch: z._default(z.boolean(), false),
  uploads: z._default(z.array(UploadRecordSchema), []),
  /** Blob ids of files the portal confirmed as attached. */
  attached: z._default(z.array(z.string()), []),
  skipped: z._default(z.array(SkippedFileSchema), []),
  participantsAdded: z._default(z.array(z.string()), []),
  participantsRejected: z._default(z.array(z.string()), []),
  /** The customer may not add participants (403): the user is offered the link instead. */
  sharingNotPermitted: z._default(z.boolean(), false),
  deliveredAt: z.optional(z.number()),
  /** What the last notification said (key and withdrawn duplicates), so it is not repeated. */
  notified: z.optional(z.string()),
});

export const JobSchema = z.object({
  id: z.string().check(z.minLength(1)),
  /** Which portal (its origin): jobs of one portal run one at a time. */
  portal: z.string(),
  /** `SC-XXXXXX`, written into the request's text; found again after an unknown outcome. */
  captureReference: z.string().check(z.minLength(1)),
  serviceDeskId: z.string().check(z.minLength(1)),
  requestTypeId: z.string().check(z.minLength(1)),
  requestFieldValues: z.record(z.string(), z.unknown()),
  isAdfRequest: z.optional(z.boolean()),
  /** For lists and notifications; the summary is also inside requestFieldValues. */
  summary: z.string(),
  attachments: z.array(AttachmentRefSchema),
  participants: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: JobStatusSchema,
  steps: z.object({
    create: StepStateSchema,
    upload: StepStateSchema,
    attach: StepStateSchema,
    participants: StepStateSchema,
    // Jobs stored before the reconciliation existed have none.
    reconcile: z._default(StepStateSchema, 'skipped'),
  }),
  /** When the first create was sent, and the last (the reconciliation's time window). */
  firstCreateAt: z._default(z.nullable(z.number()), null),
  lastCreateAt: z._default(z.nullable(z.number()), null),
  reconcile: z._default(ReconcileStateSchema, {
    passes: 0,
    sawKept: false,
    dueAt: null,
    found: [],
    withdrawn: [],
  }),
  /** Failed attempts of the current step (drives the backoff); reset when a step succeeds. */
  attempts: z.int().check(z.nonnegative()),
  totalAttempts: z.int().check(z.nonnegative()),
  nextAttemptAt: z.nullable(z.number()),
  lastError: z.nullable(ErrorInfoSchema),
  /**
   * A call was sent and no answer says whether the portal acted on it (timeout, connection
   * lost, 5xx, an unreadable 2xx). Before repeating it, the runner looks at the portal first.
   */
  uncertain: z.nullable(z.enum(['create', 'attach'])),
  /** How often the portal refused temporary ids at attach (expired): bounded re-uploads. */
  attachRefusals: z._default(z.int(), 0),
  /** The portal's upload limit in bytes, when known. */
  uploadLimit: z.optional(z.number()),
  progress: z.object({
    bytesUploaded: z.int().check(z.nonnegative()),
    bytesTotal: z.int().check(z.nonnegative()),
  }),
  result: JobResultSchema,
});
export type Job = z.infer<typeof JobSchema>;

/** What the popup sends on submit; ids and counts are checked again at this boundary. */
export const JobInputSchema = z.object({
  /** The portal's site URL; the background fills in the connected one when left out. */
  portal: z.optional(z.string()),
  captureReference: z.string().check(z.regex(/^SC-[0-9A-Z]{6}$/)),
  serviceDeskId: z.string().check(z.minLength(1)),
  requestTypeId: z.string().check(z.minLength(1)),
  requestFieldValues: z.record(z.string(), z.unknown()),
  isAdfRequest: z.optional(z.boolean()),
  summary: z.string().check(z.maxLength(255)),
  attachments: z.array(AttachmentRefSchema).check(z.maxLength(500)),
  participants: z.array(z.string().check(z.minLength(1), z.maxLength(128))).check(z.maxLength(50)),
});
export type JobInput = z.infer<typeof JobInputSchema>;

/** Makes names unique ("shot.png", "shot (2).png"): attachments are recognised by name. */
export function uniqueNames(attachments: readonly AttachmentRef[]): AttachmentRef[] {
  const seen = new Set<string>();
  return attachments.map((file) => {
    let name = file.name;
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${stem} (${n})${ext}`;
    seen.add(name.toLowerCase());
    return { ...file, name };
  });
}

/** Whether the reference is written in the request's text (summary, description, any field). */
export function mentionsReference(values: Record<string, unknown>, reference: string): boolean {
  return Object.values(values).some((value) => JSON.stringify(value ?? '').includes(reference));
}

export function createJob(input: JobInput & { portal: string }, id: string, now: number): Job {
  const attachments = uniqueNames(input.attachments);
  const participants = [...new Set(input.participants)];
  return {
    id,
    portal: input.portal,
    captureReference: input.captureReference,
    serviceDeskId: input.serviceDeskId,
    requestTypeId: input.requestTypeId,
    requestFieldValues: input.requestFieldValues,
    ...(input.isAdfRequest === undefined ? {} : { isAdfRequest: input.isAdfRequest }),
    summary: input.summary,
    attachments,
    participants,
    createdAt: now,
    updatedAt: now,
    status: 'queued',
    steps: {
      create: 'pending',
      upload: attachments.length > 0 ? 'pending' : 'skipped',
      attach: attachments.length > 0 ? 'pending' : 'skipped',
      participants: participants.length > 0 ? 'pending' : 'skipped',
      reconcile: 'pending',
    },
    firstCreateAt: null,
    lastCreateAt: null,
    reconcile: { passes: 0, sawKept: false, dueAt: null, found: [], withdrawn: [] },
    attempts: 0,
    totalAttempts: 0,
    nextAttemptAt: null,
    lastError: null,
    uncertain: null,
    attachRefusals: 0,
    progress: {
      bytesUploaded: 0,
      bytesTotal: attachments.reduce((sum, file) => sum + file.size, 0),
    },
    result: {
      foundBySearch: false,
      uploads: [],
      attached: [],
      skipped: [],
      participantsAdded: [],
      participantsRejected: [],
      sharingNotPermitted: false,
    },
  };
}

/** The step the job is at, or 'done'. */
export function currentStep(job: Job): StepName | 'done' {
  return STEPS.find((step) => job.steps[step] === 'pending') ?? 'done';
}

/** Jobs that still have work (the badge counts them). */
export function isOpen(job: Job): boolean {
  return job.status !== 'delivered' && job.status !== 'cancelled';
}

/** Filed, and the portal is still looked at for duplicates (see reconcile.ts). */
export function checking(job: Job): boolean {
  return job.status === 'delivered' && job.steps.reconcile === 'pending';
}

/**
 * A job can be cancelled while nothing may have been filed: the create step is pending, no
 * create is in flight and no earlier create has an unknown outcome.
 */
export function cancellable(job: Job): boolean {
  return (
    isOpen(job) &&
    job.status !== 'running' &&
    job.steps.create === 'pending' &&
    job.uncertain !== 'create'
  );
}

/** What the popup sees of a job: progress and results, no field values or blob ids. */
export const JobViewSchema = z.object({
  id: z.string(),
  status: JobStatusSchema,
  step: z.enum(['create', 'upload', 'attach', 'participants', 'reconcile', 'done']),
  summary: z.string(),
  captureReference: z.string(),
  createdAt: z.number(),
  nextAttemptAt: z.nullable(z.number()),
  /** Milliseconds until the next attempt, when the status was read. */
  waitMs: z.number(),
  attempts: z.int(),
  lastError: z.nullable(ErrorInfoSchema),
  cancellable: z.boolean(),
  progress: z.object({ bytesUploaded: z.int(), bytesTotal: z.int() }),
  files: z.int(),
  issueKey: z.nullable(z.string()),
  webUrl: z.nullable(z.string()),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  participantsAdded: z.array(z.string()),
  participantsRejected: z.array(z.string()),
  sharingNotPermitted: z.boolean(),
  /** Filed; the portal is still looked at for a duplicate (the view keeps polling). */
  checking: z.boolean(),
  /** Duplicates of the kept request that were withdrawn. */
  withdrawn: z.array(z.string()),
});
export type JobView = z.infer<typeof JobViewSchema>;
