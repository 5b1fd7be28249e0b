import { beforeEach, describe, expect, it } from 'vitest';
import { createJob, type Job } from '@/utils/outbox/job';
import { TIMINGS } from '@/utils/outbox/retry-policy';
import { type RunnerDeps, runJob } from '@/utils/outbox/runner';
import { createJobStore } from '@/utils/outbox/store';
import { duplicates, errors, FakeBlobs, FakePortal, input } from './fake-portal';
import { memoryRecordMap } from './memory-record-map';

let clock: number;
let portal: FakePortal;
let blobs: FakeBlobs;
let saved: Job[];
let log: string[];

function deps(overrides: Partial<RunnerDeps> = {}): RunnerDeps {
  return {
    portal,
    blobs,
    save: async (job) => {
      saved.push(structuredClone(job));
      log.push(`save:${job.status}`);
    },
    now: () => clock,
    // Upper end of the jitter: delays are deterministic in these tests.
    random: () => 1,
    ...overrides,
  };
}

/** Runs the job until it is delivered or stops for a reason other than a timed retry. */
async function runToEnd(job: Job, d = deps(), maxRuns = 20): Promise<Job> {
  let current = job;
  for (let i = 0; i < maxRuns; i++) {
    current = await runJob(current, d);
    if (current.status !== 'waiting-retry') return current;
    clock = current.nextAttemptAt as number;
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
  saved = [];
  log = [];
  const original = portal.createRequest.bind(portal);
  portal.createRequest = (request) => {
    log.push('create');
    return original(request);
  };
});

describe('runJob: the happy path', () => {
  it('persists the job before the first network call, then delivers every step once', async () => {
    const files = [blobs.add('a', 100), blobs.add('b', 200)];
    const job = await runJob(
      newJob({ attachments: files, participants: ['acc-1', 'acc-2'] }),
      deps(),
    );

    expect(log.indexOf('save:running')).toBeLessThan(log.indexOf('create'));
    expect(job.status).toBe('delivered');
    expect(job.result).toMatchObject({
      issueKey: 'SUP-1',
      webUrl: 'http://127.0.0.1/servicedesk/customer/portal/1/SUP-1',
      attached: ['a', 'b'],
      participantsAdded: ['acc-1', 'acc-2'],
    });
    expect(job.progress).toEqual({ bytesUploaded: 300, bytesTotal: 300 });
    expect(portal.requests).toHaveLength(1);
    expect(portal.requests[0]?.attachments).toEqual(['a.png', 'b.png']);
    expect(portal.requests[0]?.participants).toEqual(['acc-1', 'acc-2']);
    expect(portal.calls.find((c) => c.op === 'upload')?.args).toMatchObject({ serviceDeskId: '1' });
    expect(duplicates(portal)).toEqual([]);
  });

  it('records each step result before the next step starts', async () => {
    const files = [blobs.add('a', 100)];
    await runJob(newJob({ attachments: files, participants: ['acc-1'] }), deps());
    const uploadCall = portal.calls.findIndex((c) => c.op === 'upload');
    expect(uploadCall).toBeGreaterThan(0);
    // The first save that shows the upload step pending has the issue key already.
    const firstUploadState = saved.find((job) => job.steps.create === 'done');
    expect(firstUploadState?.result.issueKey).toBe('SUP-1');
    const firstAttachState = saved.find((job) => job.steps.upload === 'done');
    expect(firstAttachState?.result.uploads).toHaveLength(1);
  });
});

describe('runJob: exactly once at create', () => {
  it('network drop before the portal committed: searches, finds nothing, creates once', async () => {
    portal.fail('create', { when: 'before', error: errors.network });
    let job = await runJob(newJob(), deps());
    expect(job.status).toBe('waiting-retry');
    expect(job.uncertain).toBe('create');

    job = await runToEnd(job);
    expect(job.status).toBe('delivered');
    expect(portal.count('search')).toBe(1);
    expect(portal.count('create')).toBe(2);
    expect(portal.requests).toHaveLength(1);
    expect(job.result.foundBySearch).toBe(false);
  });

  it('connection dropped after the portal committed: the search finds it, no second create', async () => {
    portal.fail('create', { when: 'after', error: errors.network });
    const job = await runToEnd(newJob());
    expect(job.status).toBe('delivered');
    expect(portal.count('create')).toBe(1);
    expect(portal.requests).toHaveLength(1);
    expect(job.result).toMatchObject({ issueKey: 'SUP-1', foundBySearch: true });
  });

  it('a timeout after commit and a failing search: never creates until the search answers', async () => {
    portal.fail('create', { when: 'after', error: errors.timeout });
    portal.fail(
      'search',
      { when: 'before', error: errors.network },
      { when: 'before', error: errors.server },
    );
    let job = await runJob(newJob(), deps());
    for (let i = 0; i < 2; i++) {
      clock = job.nextAttemptAt as number;
      job = await runJob(job, deps());
      expect(job.status).toBe('waiting-retry');
      expect(job.uncertain).toBe('create');
    }
    expect(portal.count('create')).toBe(1);
    job = await runToEnd(job);
    expect(job.status).toBe('delivered');
    expect(portal.count('create')).toBe(1);
    expect(portal.requests).toHaveLength(1);
  });

  it('a 500 on create is treated as unknown outcome too (a gateway may answer after commit)', async () => {
    portal.fail('create', { when: 'after', error: errors.server });
    const job = await runToEnd(newJob());
    expect(job.status).toBe('delivered');
    expect(portal.requests).toHaveLength(1);
  });

  it('a definitive refusal (429) clears the flag: no search needed before the next create', async () => {
    portal.fail('create', { when: 'before', error: errors.rateLimited(2) });
    const job = await runJob(newJob(), deps());
    expect(job.uncertain).toBeNull();
    const done = await runToEnd(job);
    expect(done.status).toBe('delivered');
    expect(portal.count('search')).toBe(0);
  });
});

describe('runJob: retries and Retry-After', () => {
  it('429 with Retry-After 2 s: never attempted before 2 s', async () => {
    portal.fail('create', { when: 'before', error: errors.rateLimited(2) });
    const start = clock;
    let job = await runJob(newJob(), deps({ random: () => 0 }));
    expect(job.status).toBe('waiting-retry');
    expect(job.nextAttemptAt).toBeGreaterThanOrEqual(start + 2000);

    clock = start + 1999;
    job = await runJob(job, deps());
    expect(portal.count('create')).toBe(1);
    expect(job.status).toBe('waiting-retry');

    clock = job.nextAttemptAt as number;
    job = await runJob(job, deps());
    expect(job.status).toBe('delivered');
    expect(portal.count('create')).toBe(2);
    expect(portal.requests).toHaveLength(1);
  });

  it('500 on attach (before commit): retried, every attachment exactly once', async () => {
    const files = [blobs.add('a', 10), blobs.add('b', 10), blobs.add('c', 10)];
    portal.fail('attach', { when: 'before', error: errors.server });
    const job = await runToEnd(newJob({ attachments: files }));
    expect(job.status).toBe('delivered');
    expect(portal.requests[0]?.attachments.sort()).toEqual(['a.png', 'b.png', 'c.png']);
    expect(duplicates(portal)).toEqual([]);
  });

  it('attach committed but the answer lost: lists the attachments and does not attach again', async () => {
    const files = [blobs.add('a', 10), blobs.add('b', 10)];
    portal.fail('attach', { when: 'after', error: errors.network });
    const job = await runToEnd(newJob({ attachments: files }));
    expect(job.status).toBe('delivered');
    expect(portal.count('listAttachments')).toBe(1);
    expect(portal.count('attach')).toBe(1);
    expect(portal.requests[0]?.attachments).toEqual(['a.png', 'b.png']);
    expect(job.result.attached.sort()).toEqual(['a', 'b']);
  });

  it.each(['before', 'after'] as const)(
    'a portal that cannot list attachments: a %s-commit failure re-sends the same ids; each file once',
    async (when) => {
      portal.listAttachmentNames = async () => undefined;
      const files = [blobs.add('a', 10), blobs.add('b', 10)];
      portal.fail('attach', { when, error: errors.server });
      const job = await runToEnd(newJob({ attachments: files }));
      expect(job.status).toBe('delivered');
      expect(portal.count('upload')).toBe(1);
      const sent = portal.calls
        .filter((c) => c.op === 'attach')
        .map((c) => (c.args as { ids: string[] }).ids);
      expect(sent).toEqual([
        ['temp1', 'temp2'],
        ['temp1', 'temp2'],
      ]);
      expect(portal.requests[0]?.attachments).toEqual(['a.png', 'b.png']);
      expect(job.result.attached).toEqual(['a', 'b']);
    },
  );

  it('a network drop mid-uploads keeps the finished batches and uploads only the rest', async () => {
    const files = [blobs.add('a', 10), blobs.add('b', 10), blobs.add('c', 10)];
    // The first upload call fails on the network; the retry starts again with that batch.
    portal.fail('upload', { when: 'before' });
    const job = await runToEnd(newJob({ attachments: files }), deps({ limits: { maxFiles: 1 } }));
    expect(job.status).toBe('delivered');
    const uploaded = portal.calls
      .filter((c) => c.op === 'upload')
      .map((c) => (c.args as { names: string[] }).names);
    expect(uploaded).toEqual([['a.png'], ['a.png'], ['b.png'], ['c.png']]);
    expect(duplicates(portal)).toEqual([]);
  });

  it('re-uploads temporary files that are too old to trust before attaching', async () => {
    const files = [blobs.add('a', 10)];
    let job = newJob({ attachments: files });
    // Stop right after the upload: a 401 on attach.
    portal.fail('attach', { when: 'before', error: errors.auth });
    job = await runJob(job, deps());
    expect(job.status).toBe('paused-auth');
    clock += TIMINGS.tempFileTtlMs + 1;
    job = await runToEnd({ ...job, status: 'queued', nextAttemptAt: null });
    expect(job.status).toBe('delivered');
    expect(portal.count('upload')).toBe(2);
    expect(portal.requests[0]?.attachments).toEqual(['a.png']);
  });

  it('attach refused for expired temporary ids (400): uploads again and attaches once', async () => {
    const files = [blobs.add('a', 10)];
    portal.fail('attach', { when: 'before', error: errors.validation() });
    const job = await runToEnd(newJob({ attachments: files }));
    expect(job.status).toBe('delivered');
    expect(portal.count('upload')).toBe(2);
    expect(portal.requests[0]?.attachments).toEqual(['a.png']);
    expect(job.attachRefusals).toBe(1);
  });
});

describe('runJob: auth, validation, permissions', () => {
  it('401 in the middle pauses the job; after sign-in it completes with nothing lost', async () => {
    const files = [blobs.add('a', 10), blobs.add('b', 10)];
    portal.fail('attach', { when: 'before', error: errors.auth });
    let job = await runJob(newJob({ attachments: files, participants: ['acc-1'] }), deps());
    expect(job.status).toBe('paused-auth');
    expect(job.lastError?.code).toBe('auth');
    expect(job.result.issueKey).toBe('SUP-1');
    expect(job.result.uploads).toHaveLength(2);

    // Sign-in: the scheduler makes it queued and due.
    job = await runJob({ ...job, status: 'queued', nextAttemptAt: null }, deps());
    expect(job.status).toBe('delivered');
    expect(portal.count('create')).toBe(1);
    expect(portal.count('upload')).toBe(1);
    expect(portal.requests[0]?.attachments).toEqual(['a.png', 'b.png']);
    expect(portal.requests[0]?.participants).toEqual(['acc-1']);
  });

  it('a paused job is looked at again later (a portal sign-in happens in a tab, unseen)', async () => {
    portal.fail('create', { when: 'before', error: errors.auth });
    const job = await runJob(newJob(), deps());
    expect(job.status).toBe('paused-auth');
    expect(job.nextAttemptAt).toBeGreaterThan(clock);
  });

  it('validation at create: back to the composer with the field messages, no retry', async () => {
    portal.fail('create', {
      when: 'before',
      error: errors.validation({ summary: 'Summary is required.' }),
    });
    const job = await runJob(newJob(), deps());
    expect(job.status).toBe('needs-edit');
    expect(job.lastError).toMatchObject({
      code: 'validation',
      fields: { summary: 'Summary is required.' },
    });
    expect(job.nextAttemptAt).toBeNull();
    expect(job.uncertain).toBeNull();
    expect(await runJob(job, deps())).toBe(job);
    expect(portal.count('create')).toBe(1);
  });

  it('403 at create fails the job (a person must act), without retrying', async () => {
    portal.fail('create', { when: 'before', error: errors.forbidden });
    const job = await runJob(newJob(), deps());
    expect(job.status).toBe('failed');
  });

  it('403 on participants: delivered, sharing marked as not permitted', async () => {
    portal.fail('participants', { when: 'before', error: errors.forbidden });
    const job = await runJob(newJob({ participants: ['acc-1'] }), deps());
    expect(job.status).toBe('delivered');
    expect(job.result.sharingNotPermitted).toBe(true);
    expect(job.result.participantsAdded).toEqual([]);
  });

  it('an unknown account (400) is narrowed down; the others are added', async () => {
    const job = await runJob(newJob({ participants: ['acc-1', 'nobody', 'acc-2'] }), deps());
    expect(job.status).toBe('delivered');
    expect(job.result.participantsAdded).toEqual(['acc-1', 'acc-2']);
    expect(job.result.participantsRejected).toEqual(['nobody']);
    expect(portal.requests[0]?.participants).toEqual(['acc-1', 'acc-2']);
  });

  it('participants retried after a lost answer are not duplicated', async () => {
    portal.fail('participants', { when: 'after', error: errors.network });
    const job = await runToEnd(newJob({ participants: ['acc-1'] }));
    expect(job.status).toBe('delivered');
    expect(portal.count('participants')).toBe(2);
    expect(portal.requests[0]?.participants).toEqual(['acc-1']);
  });
});

describe('runJob: batching and upload limits', () => {
  it('uploads at most 60 files per call and attaches them all once', async () => {
    const files = Array.from({ length: 130 }, (_, i) => blobs.add(`f${i}`, 1));
    const job = await runJob(newJob({ attachments: files }), deps());
    expect(job.status).toBe('delivered');
    const sizes = portal.calls
      .filter((c) => c.op === 'upload')
      .map((c) => (c.args as { names: string[] }).names.length);
    expect(sizes).toEqual([60, 60, 10]);
    const attachSizes = portal.calls
      .filter((c) => c.op === 'attach')
      .map((c) => (c.args as { ids: string[] }).ids.length);
    expect(Math.max(...attachSizes)).toBeLessThanOrEqual(60);
    expect(portal.requests[0]?.attachments).toHaveLength(130);
    expect(duplicates(portal)).toEqual([]);
  });

  it('skips a file over the upload limit the portal states, and delivers the rest', async () => {
    portal.limit = 1000;
    const files = [blobs.add('small', 10), blobs.add('huge', 5000)];
    const job = await runJob(newJob({ attachments: files }), deps());
    expect(job.status).toBe('delivered');
    expect(job.result.skipped).toEqual([
      { blobId: 'huge', name: 'huge.png', reason: expect.stringContaining('upload limit') },
    ]);
    expect(portal.requests[0]?.attachments).toEqual(['small.png']);
    expect(portal.calls.filter((c) => c.op === 'upload')).toHaveLength(1);
  });

  it('without a stated limit, a 400 on a batch is narrowed down to the file that is too big', async () => {
    portal.limit = 1000;
    portal.uploadLimit = async () => undefined;
    const files = [
      blobs.add('a', 10),
      blobs.add('b', 5000),
      blobs.add('c', 10),
      blobs.add('d', 10),
    ];
    const job = await runJob(newJob({ attachments: files }), deps());
    expect(job.status).toBe('delivered');
    expect(job.result.skipped.map((s) => s.name)).toEqual(['b.png']);
    expect(portal.requests[0]?.attachments.sort()).toEqual(['a.png', 'c.png', 'd.png']);
  });

  it('a file no longer in the blob store is reported, not fatal', async () => {
    const files = [
      blobs.add('a', 10),
      { blobId: 'gone', name: 'gone.txt', size: 3, type: 'text/plain' },
    ];
    const job = await runJob(newJob({ attachments: files }), deps());
    expect(job.status).toBe('delivered');
    expect(job.result.skipped.map((s) => s.name)).toEqual(['gone.txt']);
  });

  it('makes attachment names unique, since attached files are recognised by name', () => {
    const job = newJob({
      attachments: [
        { blobId: '1', name: 'shot.png', size: 1, type: 'image/png' },
        { blobId: '2', name: 'shot.png', size: 1, type: 'image/png' },
        { blobId: '3', name: 'SHOT.png', size: 1, type: 'image/png' },
      ],
    });
    expect(job.attachments.map((f) => f.name)).toEqual([
      'shot.png',
      'shot (2).png',
      'SHOT (3).png',
    ]);
  });
});

describe('runJob: a worker stopped mid-upload', () => {
  it('resumes from storage and completes once, without re-uploading finished batches', async () => {
    const map = memoryRecordMap();
    const store = createJobStore(map);
    const files = [blobs.add('a', 10), blobs.add('b', 10), blobs.add('c', 10)];
    const job = newJob({ attachments: files });
    await store.save(job);
    // The second upload call never answers: the worker is "stopped" while it waits.
    let uploads = 0;
    const upload = portal.uploadTemporaryFiles.bind(portal);
    portal.uploadTemporaryFiles = (deskId, batch) => {
      uploads += 1;
      return uploads === 2 ? new Promise(() => {}) : upload(deskId, batch);
    };
    void runJob(job, { ...deps({ limits: { maxFiles: 1 } }), save: (j) => store.save(j) });
    await new Promise((resolve) => setTimeout(resolve, 10));

    // A new worker: only what is in storage survives.
    const stored = (await store.get('job-1')) as Job;
    expect(stored.status).toBe('running');
    expect(stored.result.uploads.map((u) => u.blobId)).toEqual(['a']);
    expect(stored.progress.bytesUploaded).toBe(10);

    const resumed = await runJob(
      { ...stored, status: 'queued' },
      { ...deps({ limits: { maxFiles: 1 } }), save: (j) => store.save(j) },
    );
    expect(resumed.status).toBe('delivered');
    expect(portal.requests).toHaveLength(1);
    expect(portal.requests[0]?.attachments.sort()).toEqual(['a.png', 'b.png', 'c.png']);
    expect(duplicates(portal)).toEqual([]);
  });

  it('a worker stopped during create resumes by searching first (write-ahead flag)', async () => {
    const map = memoryRecordMap();
    const store = createJobStore(map);
    portal.fail('create', { when: 'hang' });
    void runJob(newJob(), { ...deps(), save: (j) => store.save(j) });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const stored = (await store.get('job-1')) as Job;
    expect(stored.uncertain).toBe('create');
    const resumed = await runToEnd(
      { ...stored, status: 'queued' },
      { ...deps(), save: (j) => store.save(j) },
    );
    expect(resumed.status).toBe('delivered');
    expect(portal.count('search')).toBe(1);
    expect(portal.count('create')).toBe(2);
  });
});
