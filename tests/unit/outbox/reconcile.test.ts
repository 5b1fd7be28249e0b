import { beforeEach, describe, expect, it } from 'vitest';
import { createJob, type Job } from '@/utils/outbox/job';
import { pickKept, pickTransition, withdrawalComment } from '@/utils/outbox/reconcile';
import { TIMINGS } from '@/utils/outbox/retry-policy';
import { type RunnerDeps, runJob } from '@/utils/outbox/runner';
import { createJobStore } from '@/utils/outbox/store';
import { duplicates, errors, FakeBlobs, FakePortal, input } from './fake-portal';
import { memoryRecordMap } from './memory-record-map';

let clock: number;
let portal: FakePortal;
let blobs: FakeBlobs;

function deps(overrides: Partial<RunnerDeps> = {}): RunnerDeps {
  return {
    portal,
    blobs,
    save: async () => {},
    now: () => clock,
    random: () => 1,
    ...overrides,
  };
}

/** Runs the job like the scheduler: at each due time, until nothing is due any more. */
async function runAll(job: Job, d = deps(), maxRuns = 40): Promise<Job> {
  let current = job;
  for (let i = 0; i < maxRuns; i++) {
    current = await runJob(current, d);
    if (current.nextAttemptAt === null) return current;
    if (current.status === 'paused-auth' || current.status === 'failed') return current;
    clock = Math.max(clock, current.nextAttemptAt);
  }
  return current;
}

function newJob(overrides = {}): Job {
  return createJob(input(overrides), 'job-1', clock);
}

beforeEach(() => {
  clock = 1_000_000;
  portal = new FakePortal();
  portal.clock = () => clock;
  blobs = new FakeBlobs();
});

describe('reconcile: choosing and withdrawing', () => {
  it('keeps the one with files, else the oldest', () => {
    const a = { issueKey: 'A-1', issueId: '1', created: 1, attachments: 0 };
    const b = { issueKey: 'A-2', issueId: '2', created: 2, attachments: 1 };
    const c = { issueKey: 'A-3', issueId: '3', created: 3, attachments: 0 };
    expect(pickKept([a, b, c])?.issueKey).toBe('A-2');
    expect(pickKept([c, a])?.issueKey).toBe('A-1');
    expect(pickKept([a, c], { issueKey: 'A-3', hasFiles: true })?.issueKey).toBe('A-3');
  });

  it('picks the customer transition that cancels, else one that resolves, else none', () => {
    expect(
      pickTransition([
        { id: '1', name: 'Resolve this issue' },
        { id: '2', name: 'Cancel request' },
      ])?.id,
    ).toBe('2');
    expect(pickTransition([{ id: '1', name: 'Close Request' }])?.id).toBe('1');
    expect(pickTransition([{ id: '1', name: 'Escalate Request' }])).toBeUndefined();
  });

  it('the browser re-sent the create: the unseen copy is withdrawn, the one with the files kept', async () => {
    portal.resendCreates = 1;
    const files = [blobs.add('a', 100), blobs.add('b', 100)];
    let job = await runJob(newJob({ attachments: files, participants: ['acc-1'] }), deps());
    // Filed at once; the check waits for the index.
    expect(job).toMatchObject({ status: 'delivered', result: { issueKey: 'SUP-2' } });
    expect(job.steps.reconcile).toBe('pending');
    expect(job.nextAttemptAt).toBe((job.lastCreateAt as number) + TIMINGS.indexLagMs);
    expect(portal.count('search')).toBe(0);

    job = await runAll(job);
    expect(job.steps.reconcile).toBe('done');
    expect(job.result.issueKey).toBe('SUP-2');
    expect(job.reconcile.withdrawn).toEqual([
      { issueKey: 'SUP-1', commented: true, transition: 'done' },
    ]);
    const [first, second] = portal.requests;
    expect(first?.comments).toEqual([withdrawalComment('SUP-2', 'SC-7F3K9Q')]);
    expect(first?.statusCategory).toBe('DONE');
    expect(second?.attachments).toEqual(['a.png', 'b.png']);
    expect(second?.participants).toEqual(['acc-1']);
    expect(duplicates(portal)).toEqual([]);
    // Two passes: after the index lag and once more later.
    expect(portal.count('search')).toBe(2);
  });

  it('an index slower than the first pass: the confirming pass finds the duplicate', async () => {
    portal.resendCreates = 1;
    portal.indexLagMs = TIMINGS.indexLagMs * 3;
    const job = await runAll(await runJob(newJob({ attachments: [blobs.add('a', 10)] }), deps()));
    expect(job.reconcile.passes).toBeGreaterThanOrEqual(2);
    expect(job.reconcile.sawKept).toBe(true);
    expect(job.reconcile.withdrawn.map((w) => w.issueKey)).toEqual(['SUP-1']);
    expect(duplicates(portal)).toEqual([]);
  });

  it('lost create answer and a lagging index: waits for the index before looking, no second request', async () => {
    portal.indexLagMs = TIMINGS.indexLagMs / 2;
    portal.fail('create', { when: 'after', error: errors.timeout });
    let job = await runJob(newJob({ attachments: [blobs.add('a', 10)] }), deps());
    expect(job).toMatchObject({ status: 'waiting-retry', uncertain: 'create' });
    clock = job.nextAttemptAt as number;
    job = await runJob(job, deps());
    // Not yet: the index may not list it.
    expect(portal.count('search')).toBe(0);
    expect(job.nextAttemptAt).toBe((job.lastCreateAt as number) + TIMINGS.indexLagMs);
    job = await runAll(job);
    expect(job.result).toMatchObject({ issueKey: 'SUP-1', foundBySearch: true });
    expect(portal.count('create')).toBe(1);
    expect(portal.requests[0]?.attachments).toEqual(['a.png']);
  });

  it('two copies without files: the oldest is kept; files and participants go to it', async () => {
    // Lost answer, an index slower than the wait: a second create follows; both exist.
    portal.indexLagMs = TIMINGS.indexLagMs * 2;
    portal.fail('create', { when: 'after', error: errors.network });
    const job = await runAll(await runJob(newJob({ participants: ['acc-2'] }), deps()));
    expect(portal.count('create')).toBe(2);
    expect(job.result.issueKey).toBe('SUP-1');
    expect(job.reconcile.withdrawn.map((w) => w.issueKey)).toEqual(['SUP-2']);
    expect(portal.requests[0]?.participants).toEqual(['acc-2']);
    expect(portal.requests[1]?.comments[0]).toContain('duplicate of SUP-1');
    expect(duplicates(portal)).toEqual([]);
  });

  it('a kept request that changes gets every file once (uploads again what the other one took)', async () => {
    portal.indexLagMs = TIMINGS.indexLagMs * 2;
    portal.fail('create', { when: 'after', error: errors.network });
    // The copy the job did not hear of is older and has no files; ours has them: ours is kept.
    const job = await runAll(await runJob(newJob({ attachments: [blobs.add('a', 10)] }), deps()));
    expect(job.result.issueKey).toBe('SUP-2');
    expect(portal.requests[1]?.attachments).toEqual(['a.png']);
    expect(portal.requests[0]?.attachments).toEqual([]);
    expect(duplicates(portal)).toEqual([]);
  });

  it('a comment whose answer was lost is not posted twice; a stopped worker resumes', async () => {
    portal.resendCreates = 1;
    portal.fail('comment', { when: 'after', error: errors.network });
    const map = memoryRecordMap();
    const store = createJobStore(map);
    const job = await runAll(await runJob(newJob({ attachments: [blobs.add('a', 10)] }), deps()), {
      ...deps(),
      save: (j) => store.save(j),
    });
    expect(job.steps.reconcile).toBe('done');
    expect(portal.requests[0]?.comments).toHaveLength(1);
    expect(portal.requests[0]?.statusCategory).toBe('DONE');
    // Every step of the withdrawal was recorded in the stored job.
    expect((await store.get('job-1'))?.reconcile.withdrawn).toEqual([
      { issueKey: 'SUP-1', commented: true, transition: 'done' },
    ]);
  });

  it('no customer transition offered: the comment alone withdraws it', async () => {
    portal.resendCreates = 1;
    portal.transitions = [{ id: '11', name: 'Escalate request' }];
    const job = await runAll(await runJob(newJob({ attachments: [blobs.add('a', 10)] }), deps()));
    expect(job.reconcile.withdrawn).toEqual([
      { issueKey: 'SUP-1', commented: true, transition: 'none' },
    ]);
    expect(portal.count('transition')).toBe(0);
  });

  it('two copies, none with files (a request without attachments): the oldest is kept', async () => {
    portal.resendCreates = 1;
    const job = await runAll(await runJob(newJob(), deps()));
    expect(job.result.issueKey).toBe('SUP-1');
    expect(job.reconcile.withdrawn.map((w) => w.issueKey)).toEqual(['SUP-2']);
    expect(duplicates(portal)).toEqual([]);
  });

  it('a failing check never takes the filing back: retried later, still delivered', async () => {
    portal.fail('search', { when: 'before', error: errors.server });
    let job = await runJob(newJob(), deps());
    clock = job.nextAttemptAt as number;
    job = await runJob(job, deps());
    expect(job.status).toBe('delivered');
    expect(job.steps.reconcile).toBe('pending');
    job = await runAll(job);
    expect(job.steps.reconcile).toBe('done');
  });
});

describe('errors by meaning', () => {
  it('an edge 400 on create: back to the composer at once, no second create, the field named', async () => {
    portal.fail('create', { when: 'before', error: errors.html400 });
    const job = await runAll(await runJob(newJob(), deps()));
    expect(job.status).toBe('needs-edit');
    expect(job.uncertain).toBeNull();
    expect(portal.count('create')).toBe(1);
    expect(portal.count('search')).toBe(0);
    expect(job.lastError).toMatchObject({
      code: 'refused',
      messageKey: 'error_refusedCreate',
      values: ['description', 'edge-1'],
      // The field's own line in the composer, in the user's words too.
      fieldWords: { description: { key: 'error_refusedBadRequest', values: ['400', 'edge-1'] } },
    });
  });

  it('an edge 413 on upload names the file and delivers the rest', async () => {
    const big = blobs.add('big', 5_000);
    const small = blobs.add('small', 10);
    // The batch of both is refused, then the big file alone.
    portal.fail(
      'upload',
      { when: 'before', error: errors.html413 },
      { when: 'before', error: errors.html413 },
    );
    const job = await runAll(await runJob(newJob({ attachments: [big, small] }), deps()));
    expect(job.status).toBe('delivered');
    expect(job.result.skipped).toEqual([
      { blobId: 'big', name: 'big.png', reason: errors.html413.message },
    ]);
    expect(portal.requests[0]?.attachments).toEqual(['small.png']);
  });

  it('409 is a refusal, not an unknown outcome: failed, nothing searched', async () => {
    portal.fail('create', { when: 'before', error: errors.conflict });
    const job = await runAll(await runJob(newJob(), deps()));
    expect(job).toMatchObject({ status: 'failed', uncertain: null, nextAttemptAt: null });
    expect(portal.count('search')).toBe(0);
  });

  it('unreadable answers past the cap: failed with the report offered, not retried forever', async () => {
    for (let i = 0; i < 10; i++)
      portal.fail('upload', { when: 'before', error: errors.unreadable });
    const job = await runAll(await runJob(newJob({ attachments: [blobs.add('a', 10)] }), deps()));
    expect(job.status).toBe('failed');
    expect(job.lastError).toMatchObject({ messageKey: 'error_unreadableCap', values: ['5', '-'] });
    expect(portal.count('upload')).toBe(5);
  });

  it('a scoped token without the scopes: failed, no timer', async () => {
    portal.fail('create', { when: 'before', error: errors.scope });
    const job = await runJob(newJob(), deps());
    expect(job).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(job.lastError?.code).toBe('scope');
  });

  it('each upload call gets a timeout sized to it', async () => {
    const files = [blobs.add('a', 1_500_000), blobs.add('b', 1_500_000)];
    await runJob(newJob({ attachments: files }), deps());
    const uploads = portal.calls.filter((c) => c.op === 'upload');
    // 2 x 1.5 MB exceed one 2 MiB call: two calls, each with 10 s + 12 s at 1 Mbit/s.
    expect(uploads.map((c) => (c.args as { timeoutMs: number }).timeoutMs)).toEqual([
      22_000, 22_000,
    ]);
  });
});
