/**
 * Reconciliation: after a create, find every request carrying the job's capture reference and
 * leave exactly one open.
 *
 * Why after every create, not only after an error: when a kept-alive connection drops after
 * the portal committed a POST, Chromium re-sends it by itself and the extension sees only the
 * second answer (docs/platform-facts.md#the-browser-re-sends-a-post). A duplicate can exist
 * that no answer told of.
 *
 * Why not at once: the request list is a search index that lags writes by seconds to minutes
 * (docs/jsm-portal.md#request-search). A pass runs no sooner than `indexLagMs` after the last
 * create and once more after `confirmAfterMs`; it keeps looking (up to `maxReconcilePasses`)
 * until the index has shown the kept request itself, i.e. it has caught up with our writes.
 *
 * What a pass reads: the user's OWN requests of the job's desk and request type, page by page
 * until they are older than the first create (minus a skew), plus `searchTerm=<reference>`
 * (which matches the summary, where the reference is appended). The reference is read from
 * `requestFieldValues` (summary, description or any text field).
 *
 * More than one: keep the one with the files (else the oldest), make sure it has every file
 * once (the runner's upload and attach steps run again for the kept one when it changes), and
 * withdraw each other one: a public comment naming the kept key, then the customer transition
 * that cancels (or else resolves) it where the portal offers one. Every step is recorded in the
 * job before the next, so a stopped worker resumes here.
 */
import { AppError } from '../errors';
import type { FoundRequest, Job, Withdrawal } from './job';
import type { OutboxPortal, RunnerDeps } from './ports';
import { type DeliveryTimings, decide, TIMINGS } from './retry-policy';

/** Thrown inside a step: the job waits until `at`, with `status`. */
export class WaitUntil extends Error {
  constructor(
    readonly at: number,
    readonly status: 'waiting-retry' | 'delivered',
  ) {
    super('wait');
  }
}

/** Thrown inside a step to mean: go round the loop again (e.g. back to upload). */
export class StepAgain extends Error {}

/** The text of the comment that withdraws a duplicate; also how it is recognised later. */
export function withdrawalComment(kept: string, reference: string): string {
  return `This request is a duplicate of ${kept} (both carry the capture reference ${reference}); it was filed twice by a network retry and is withdrawn. Please continue in ${kept}.`;
}

/** Names of customer transitions, best first: cancel or withdraw, else resolve or close. */
const TRANSITION_PREFERENCE = [
  /cancel|withdraw|abbrech|zurückzieh|stornier/i,
  /resolv|close|done|erledig|schlie/i,
];

export function pickTransition(
  transitions: readonly { id: string; name: string }[],
): { id: string; name: string } | undefined {
  for (const pattern of TRANSITION_PREFERENCE) {
    const match = transitions.find((t) => pattern.test(t.name));
    if (match) return match;
  }
  return undefined;
}

function age(request: FoundRequest): [number, number] {
  return [request.created ?? Number.POSITIVE_INFINITY, Number(request.issueId) || 0];
}

function older(a: FoundRequest, b: FoundRequest): number {
  const [ca, ia] = age(a);
  const [cb, ib] = age(b);
  return ca !== cb ? ca - cb : ia - ib;
}

/**
 * The request to keep: the one with files (the oldest of those), else the oldest. `ours`
 * (the one the job attached to) counts as having files when the job attached any.
 */
export function pickKept(
  candidates: readonly FoundRequest[],
  ours?: { issueKey: string; hasFiles: boolean },
): FoundRequest | undefined {
  const withFiles = candidates.filter(
    (c) => c.attachments > 0 || (ours?.issueKey === c.issueKey && ours.hasFiles),
  );
  const pool = withFiles.length > 0 ? withFiles : candidates;
  return [...pool].sort(older)[0];
}

function scope(state: Job, timings: DeliveryTimings) {
  return {
    serviceDeskId: state.serviceDeskId,
    requestTypeId: state.requestTypeId,
    since: state.firstCreateAt === null ? null : state.firstCreateAt - timings.createdSkewMs,
  };
}

/**
 * Before repeating a create whose outcome is unknown: wait for the index, then look. Returns
 * the request to continue with, or undefined when the portal answered and has none.
 */
export async function findBeforeCreate(
  state: Job,
  deps: RunnerDeps,
): Promise<FoundRequest | undefined> {
  const timings = deps.timings ?? TIMINGS;
  const notBefore = (state.lastCreateAt ?? 0) + timings.indexLagMs;
  if (deps.now() < notBefore) throw new WaitUntil(notBefore, 'waiting-retry');
  const found = await deps.portal.findRequestsByReference(
    state.captureReference,
    scope(state, timings),
  );
  state.reconcile.found = found;
  return pickKept(found);
}

/**
 * The reconcile step. Throws WaitUntil between passes, StepAgain when the kept request changed
 * (files and participants go to it first), and portal errors for the runner's retry policy.
 */
export async function runReconcile(
  state: Job,
  deps: RunnerDeps,
  save: () => Promise<void>,
): Promise<void> {
  const timings = deps.timings ?? TIMINGS;
  const r = state.reconcile;
  const kept = state.result.issueKey;
  if (!kept) {
    state.steps.reconcile = 'done';
    await save();
    return;
  }
  await withdrawPending(state, deps.portal, save);

  if (r.dueAt === null) {
    r.dueAt = (state.lastCreateAt ?? deps.now()) + timings.indexLagMs;
    await save();
  }
  if (deps.now() < r.dueAt) throw new WaitUntil(r.dueAt, 'delivered');

  const found = await deps.portal.findRequestsByReference(
    state.captureReference,
    scope(state, timings),
  );
  r.found = found;
  r.passes += 1;
  if (found.some((f) => f.issueKey === kept)) r.sawKept = true;
  const candidates = found.some((f) => f.issueKey === kept)
    ? found
    : [
        ...found,
        {
          issueKey: kept,
          issueId: state.result.issueId ?? '',
          attachments: state.result.attached.length,
          ...(state.lastCreateAt === null ? {} : { created: state.lastCreateAt }),
        },
      ];
  const keep = pickKept(candidates, {
    issueKey: kept,
    hasFiles: state.result.attached.length > 0,
  }) as FoundRequest;
  for (const extra of candidates) {
    if (extra.issueKey === keep.issueKey) continue;
    if (r.withdrawn.some((w) => w.issueKey === extra.issueKey)) continue;
    r.withdrawn.push({ issueKey: extra.issueKey, commented: false, transition: 'pending' });
  }
  const finished = (r.passes >= 2 && r.sawKept) || r.passes >= timings.maxReconcilePasses;
  r.dueAt = finished
    ? null
    : r.passes === 1
      ? Math.max((state.lastCreateAt ?? deps.now()) + timings.confirmAfterMs, deps.now() + 1_000)
      : deps.now() + timings.reconcileRetryMs;

  if (keep.issueKey !== kept) {
    await switchTo(state, deps.portal, keep);
    if (finished) r.dueAt = deps.now();
    await save();
    throw new StepAgain();
  }
  await save();
  await withdrawPending(state, deps.portal, save);
  if (finished) {
    state.steps.reconcile = 'done';
    await save();
    return;
  }
  throw new WaitUntil(r.dueAt as number, 'delivered');
}

/** The kept request changed: its files and participants are delivered to it first. */
async function switchTo(state: Job, portal: OutboxPortal, keep: FoundRequest): Promise<void> {
  state.result.issueKey = keep.issueKey;
  state.result.issueId = keep.issueId;
  if (keep.webUrl) state.result.webUrl = keep.webUrl;
  else delete state.result.webUrl;
  state.result.foundBySearch = true;
  const names = new Set((await portal.listAttachmentNames(keep.issueKey)) ?? []);
  state.result.attached = state.attachments
    .filter((file) => names.has(file.name))
    .map((file) => file.blobId);
  // Temporary files attached to the other request were consumed: upload again what is missing.
  state.result.uploads = [];
  const skipped = new Set(state.result.skipped.map((s) => s.blobId));
  const missing = state.attachments.some(
    (file) => !names.has(file.name) && !skipped.has(file.blobId),
  );
  state.steps.upload = missing ? 'pending' : 'done';
  state.steps.attach = missing ? 'pending' : 'done';
  state.result.participantsAdded = [];
  state.result.participantsRejected = [];
  state.steps.participants = state.participants.length > 0 ? 'pending' : 'skipped';
  state.uncertain = null;
}

async function withdrawPending(
  state: Job,
  portal: OutboxPortal,
  save: () => Promise<void>,
): Promise<void> {
  const kept = state.result.issueKey as string;
  for (const withdrawal of state.reconcile.withdrawn) {
    if (withdrawal.refused || (withdrawal.commented && withdrawal.transition !== 'pending')) {
      continue;
    }
    try {
      await withdraw(withdrawal, kept, state.captureReference, portal, save);
    } catch (error) {
      const info = AppError.from(error).info;
      const decision = decide(info).decision;
      if (decision === 'retry' || decision === 'sign-in') throw error;
      // The portal will not let the customer withdraw it (gone, no permission): it stays for
      // support to close; the comment, if it got there, names the kept request.
      withdrawal.refused = info.message;
      await save();
    }
  }
}

async function withdraw(
  withdrawal: Withdrawal,
  kept: string,
  reference: string,
  portal: OutboxPortal,
  save: () => Promise<void>,
): Promise<void> {
  if (!withdrawal.commented) {
    // Looked for first: a comment whose answer was lost is not posted twice.
    const marker = `duplicate of ${kept}`;
    const existing = await portal.listComments(withdrawal.issueKey);
    if (!existing.some((body) => body.includes(marker))) {
      await portal.addComment(withdrawal.issueKey, withdrawalComment(kept, reference));
    }
    withdrawal.commented = true;
    await save();
  }
  if (withdrawal.transition === 'pending') {
    // Already closed (a transition whose answer was lost, or support was quicker): done.
    if ((await portal.requestStatusCategory(withdrawal.issueKey)) === 'DONE') {
      withdrawal.transition = 'done';
      await save();
      return;
    }
    const transition = pickTransition(await portal.listTransitions(withdrawal.issueKey));
    if (transition) await portal.transition(withdrawal.issueKey, transition.id);
    withdrawal.transition = transition ? 'done' : 'none';
    await save();
  }
}

/** Keys of the duplicates withdrawn (commented) so far. */
export function withdrawnKeys(job: Job): string[] {
  return job.reconcile.withdrawn.filter((w) => w.commented).map((w) => w.issueKey);
}
