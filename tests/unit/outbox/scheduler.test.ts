import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/utils/errors';
import type { Job } from '@/utils/outbox/job';
import { TIMINGS } from '@/utils/outbox/retry-policy';
import { createOutbox, jobView, type Outbox } from '@/utils/outbox/scheduler';

type OutboxEnv = Parameters<typeof createOutbox>[0];

import { createJobStore } from '@/utils/outbox/store';
import { duplicates, errors, FakeBlobs, FakePortal, input } from './fake-portal';
import { memoryRecordMap } from './memory-record-map';

let portal: FakePortal;
let blobs: FakeBlobs;
let map: ReturnType<typeof memoryRecordMap>;
let alarms: (number | null)[];
let delivered: Job[];
let badge: number[];
let ids: number;

function env(overrides: Partial<OutboxEnv> = {}): OutboxEnv {
  return {
    store: createJobStore(map),
    portal: async () => portal,
    blobs,
    now: () => Date.now(),
    random: () => 0,
    newId: () => `job-${++ids}`,
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    setAlarm: async (when) => {
      alarms.push(when);
    },
    onDelivered: (job) => {
      delivered.push(job);
    },
    onChange: (jobs) => {
      badge.push(
        jobs.filter((job) => job.status !== 'delivered' && job.status !== 'cancelled').length,
      );
    },
    ...overrides,
  };
}

async function settle(outbox: Outbox) {
  await outbox.kick();
}

/** Lets the index lag and the duplicate check pass (the alarm's work), then runs the outbox. */
async function afterChecks(outbox: Outbox) {
  for (let i = 0; i < 4; i++) {
    await vi.advanceTimersByTimeAsync(TIMINGS.confirmAfterMs);
    await outbox.kick();
  }
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-27T10:00:00Z') });
  portal = new FakePortal();
  portal.clock = () => Date.now();
  blobs = new FakeBlobs();
  map = memoryRecordMap();
  alarms = [];
  delivered = [];
  badge = [];
  ids = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('outbox scheduler', () => {
  it('persists on submit, delivers, notifies once and clears the badge and the alarm', async () => {
    const outbox = createOutbox(env());
    const job = await outbox.submit(input({ attachments: [blobs.add('a', 10)] }));
    expect(map.data[job.id]).toBeDefined();
    await settle(outbox);
    expect(delivered.map((j) => j.result.issueKey)).toEqual(['SUP-1']);
    expect(badge.at(-1)).toBe(0);
    // Filed; the duplicate check is due once the portal's index has caught up.
    const [filed] = await outbox.list();
    expect(jobView(filed as Job, Date.now())).toMatchObject({ checking: true, withdrawn: [] });
    expect(alarms.at(-1)).toBe((filed?.lastCreateAt as number) + TIMINGS.indexLagMs);
    await afterChecks(outbox);
    expect((await outbox.list())[0]?.steps.reconcile).toBe('done');
    expect(portal.count('search')).toBe(2);
    expect(delivered).toHaveLength(1);
    expect(alarms.at(-1)).toBeNull();
  });

  it('a duplicate the browser filed by itself is withdrawn; notified again with the kept key', async () => {
    portal.resendCreates = 1;
    const outbox = createOutbox(env());
    await outbox.submit(input({ attachments: [blobs.add('a', 10)] }));
    await settle(outbox);
    expect(delivered.map((j) => j.result.issueKey)).toEqual(['SUP-2']);
    await afterChecks(outbox);
    const [job] = await outbox.list();
    expect(jobView(job as Job, Date.now())).toMatchObject({
      issueKey: 'SUP-2',
      checking: false,
      withdrawn: ['SUP-1'],
    });
    expect(delivered.map((j) => j.reconcile.withdrawn.map((w) => w.issueKey))).toEqual([
      [],
      ['SUP-1'],
    ]);
    expect(duplicates(portal)).toEqual([]);
    expect(portal.requests[0]?.statusCategory).toBe('DONE');
    expect(portal.requests[0]?.comments[0]).toContain('duplicate of SUP-2');
  });

  it('a token without the scopes: failed, no timer; a newly saved connection resumes it', async () => {
    portal.fail('create', { when: 'before', error: errors.scope });
    const outbox = createOutbox(env());
    await outbox.submit(input());
    await settle(outbox);
    const [job] = await outbox.list();
    expect(job).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(job?.lastError).toMatchObject({ code: 'scope', messageKey: 'error_scope' });
    expect(alarms.at(-1)).toBeNull();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    await outbox.kick();
    expect(portal.count('create')).toBe(1);
    await outbox.resumeAfterSignIn();
    expect((await outbox.list())[0]?.status).toBe('delivered');
    expect(portal.count('create')).toBe(2);
  });

  it('refuses a submit whose files are not in the blob store (nothing is sent)', async () => {
    const outbox = createOutbox(env());
    await expect(
      outbox.submit(
        input({ attachments: [{ blobId: 'x', name: 'x.png', size: 1, type: 'image/png' }] }),
      ),
    ).rejects.toMatchObject({ code: 'storage' });
    expect(portal.calls).toEqual([]);
    expect(map.data).toEqual({});
  });

  it('refuses a submission without its capture reference in the text, or without a portal', async () => {
    const outbox = createOutbox(env());
    await expect(
      outbox.submit(input({ requestFieldValues: { summary: 'x', description: 'no reference' } })),
    ).rejects.toThrow(/lacks its capture reference/);
    await expect(outbox.submit({ ...input(), portal: undefined })).rejects.toMatchObject({
      code: 'not-configured',
    });
    expect(map.data).toEqual({});
  });

  it('429 Retry-After 2 s: no attempt before 2 s (timer while the worker lives), then once', async () => {
    portal.fail('create', { when: 'before', error: errors.rateLimited(2) });
    const outbox = createOutbox(env());
    await outbox.submit(input());
    await settle(outbox);
    expect(portal.count('create')).toBe(1);
    // An alarm as a backstop in case the worker is stopped (>= 30 s in Chrome).
    expect(alarms.at(-1)).toBeGreaterThanOrEqual(Date.now() + 30_000);

    await vi.advanceTimersByTimeAsync(1_999);
    expect(portal.count('create')).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle(outbox);
    expect(portal.count('create')).toBe(2);
    expect(portal.requests).toHaveLength(1);
    expect(delivered).toHaveLength(1);
  });

  it('an alarm or start-up after the worker was stopped resumes a waiting job', async () => {
    portal.fail('create', { when: 'before', error: errors.network });
    const first = createOutbox(env());
    await first.submit(input());
    await settle(first);
    // The worker dies: its timers are gone. A new one starts from storage.
    vi.clearAllTimers();
    const second = createOutbox(env());
    await second.recover();
    await vi.advanceTimersByTimeAsync(60_000);
    await second.kick(); // what the alarm handler does
    expect((await second.list())[0]?.status).toBe('delivered');
    expect(portal.requests).toHaveLength(1);
  });

  it('start-up turns a job left running by a stopped worker back into queued, exactly once', async () => {
    portal.fail('create', { when: 'hang' });
    const first = createOutbox(env());
    const job = await first.submit(input());
    await vi.advanceTimersByTimeAsync(10);
    expect(map.data[job.id]).toMatchObject({ status: 'running', uncertain: 'create' });

    const second = createOutbox(env());
    await second.recover();
    await second.kick();
    // It looks for the lost create only once the index had time to list it.
    expect((await second.list())[0]?.status).toBe('waiting-retry');
    expect(portal.count('search')).toBe(0);
    await vi.advanceTimersByTimeAsync(TIMINGS.indexLagMs);
    await second.kick();
    const [done] = await second.list();
    expect(done?.status).toBe('delivered');
    expect(portal.count('search')).toBe(1);
    expect(portal.requests).toHaveLength(1);
  });

  it('runs one job at a time, in order', async () => {
    let active = 0;
    let maxActive = 0;
    const create = portal.createRequest.bind(portal);
    portal.createRequest = async (request) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 50));
      active -= 1;
      return create(request);
    };
    const outbox = createOutbox(env());
    await outbox.submit(input({ captureReference: 'SC-AAAAAA' }));
    await outbox.submit(input({ captureReference: 'SC-BBBBBB' }));
    await outbox.submit(input({ captureReference: 'SC-CCCCCC' }));
    await vi.advanceTimersByTimeAsync(500);
    await settle(outbox);
    expect(maxActive).toBe(1);
    expect(delivered.map((j) => j.captureReference)).toEqual([
      'SC-AAAAAA',
      'SC-BBBBBB',
      'SC-CCCCCC',
    ]);
  });

  it('cancel before create: cancelled and never sent', async () => {
    portal.fail('create', { when: 'before', error: errors.network });
    const outbox = createOutbox(env());
    const job = await outbox.submit(input());
    await settle(outbox);
    // The network failed before sending: the outcome is unknown, so cancel is refused...
    await expect(outbox.cancel(job.id)).rejects.toMatchObject({ code: 'cancelled' });

    // ...while a job that never reached the portal can be cancelled.
    const offline = createOutbox(env({ portal: async () => new Promise(() => {}) }));
    const queued = await offline.submit(input({ captureReference: 'SC-QQQQQQ' }));
    const cancelled = await createOutbox(env()).cancel(queued.id);
    expect(cancelled.status).toBe('cancelled');
    const again = createOutbox(env());
    await again.kick();
    expect(portal.requests.filter((r) => r.text.includes('SC-QQQQQQ'))).toEqual([]);
  });

  it('a cancel that arrives while the outbox is getting ready wins over the run', async () => {
    let release: (value: FakePortal) => void = () => {};
    const outbox = createOutbox(
      env({ portal: () => new Promise((resolve) => (release = resolve)) }),
    );
    const job = await outbox.submit(input());
    await vi.advanceTimersByTimeAsync(0);
    await outbox.cancel(job.id);
    release(portal);
    await settle(outbox);
    expect((await outbox.list())[0]?.status).toBe('cancelled');
    expect(portal.calls).toEqual([]);
  });

  it('a queued job whose portal answered 429 can be cancelled (nothing was filed)', async () => {
    portal.fail('create', { when: 'before', error: errors.rateLimited(60) });
    const outbox = createOutbox(env());
    const job = await outbox.submit(input());
    await settle(outbox);
    const cancelled = await outbox.cancel(job.id);
    expect(cancelled.status).toBe('cancelled');
    await vi.advanceTimersByTimeAsync(120_000);
    await settle(outbox);
    expect(portal.count('create')).toBe(1);
    expect(portal.requests).toEqual([]);
  });

  it('a delivered job cannot be cancelled', async () => {
    const outbox = createOutbox(env());
    const job = await outbox.submit(input());
    await settle(outbox);
    await expect(outbox.cancel(job.id)).rejects.toThrow(/already filed as SUP-1/);
  });

  it('401 pauses; resumeAfterSignIn completes it with nothing lost', async () => {
    portal.fail('upload', { when: 'before', error: errors.auth });
    const outbox = createOutbox(env());
    const job = await outbox.submit(
      input({ attachments: [blobs.add('a', 10)], participants: ['acc-1'] }),
    );
    await settle(outbox);
    expect((await outbox.list())[0]?.status).toBe('paused-auth');
    await outbox.resumeAfterSignIn();
    const [done] = await outbox.list();
    expect(done?.status).toBe('delivered');
    expect(jobView(done as Job, Date.now())).toMatchObject({
      id: job.id,
      issueKey: 'SUP-1',
      step: 'reconcile',
      participantsAdded: ['acc-1'],
    });
    expect(duplicates(portal)).toEqual([]);
    expect(portal.requests[0]?.attachments).toEqual(['a.png']);
  });

  it('online(): a network-failed job does not wait out its backoff', async () => {
    portal.fail('create', { when: 'before', error: errors.network });
    const outbox = createOutbox(env({ random: () => 1 }));
    await outbox.submit(input());
    await settle(outbox);
    const waiting = (await outbox.list())[0] as Job;
    await outbox.online();
    // No backoff, but the index lag before looking for the maybe-filed create still holds.
    expect((await outbox.list())[0]?.nextAttemptAt).toBe(
      (waiting.lastCreateAt as number) + TIMINGS.indexLagMs,
    );
    await vi.advanceTimersByTimeAsync(TIMINGS.indexLagMs);
    await outbox.kick();
    expect((await outbox.list())[0]?.status).toBe('delivered');
    expect(portal.count('create')).toBe(2);
  });

  it('online() never overrides a Retry-After', async () => {
    portal.fail('create', { when: 'before', error: errors.rateLimited(120) });
    const outbox = createOutbox(env());
    await outbox.submit(input());
    await settle(outbox);
    await outbox.online();
    expect(portal.count('create')).toBe(1);
  });

  it('no portal configured: the job fails with the reason and runs again on retryNow', async () => {
    let configured = false;
    const outbox = createOutbox(
      env({
        portal: async () => {
          if (!configured)
            throw new AppError({ code: 'not-configured', message: 'Connect a portal.' });
          return portal;
        },
      }),
    );
    const job = await outbox.submit(input());
    await settle(outbox);
    expect((await outbox.list())[0]).toMatchObject({
      status: 'failed',
      lastError: { code: 'not-configured' },
    });
    configured = true;
    await outbox.retryNow(job.id);
    expect((await outbox.list())[0]?.status).toBe('delivered');
  });

  it('a resubmitted draft after needs-edit replaces the old job', async () => {
    portal.fail('create', { when: 'before', error: errors.validation({ summary: 'Required' }) });
    const outbox = createOutbox(env());
    const first = await outbox.submit(input());
    await settle(outbox);
    expect((await outbox.list())[0]?.status).toBe('needs-edit');
    await outbox.submit(input(), first.id);
    await settle(outbox);
    const statuses = (await outbox.list()).map((j) => j.status);
    expect(statuses).toEqual(['cancelled', 'delivered']);
    expect(portal.requests).toHaveLength(1);
  });

  it('share() adds colleagues to a delivered request; 403 says sharing is not permitted', async () => {
    const outbox = createOutbox(env());
    const job = await outbox.submit(input());
    await settle(outbox);
    expect(await outbox.share(job.id, ['acc-2'])).toEqual({
      added: ['acc-2'],
      rejected: [],
      notPermitted: false,
    });
    portal.fail('participants', { when: 'before', error: errors.forbidden });
    expect(await outbox.share(job.id, ['acc-3'])).toMatchObject({ notPermitted: true });
    expect(portal.requests[0]?.participants).toEqual(['acc-2']);
  });

  it('keeps finished jobs for a while, then removes them and their files', async () => {
    const outbox = createOutbox(env());
    await outbox.submit(input({ attachments: [blobs.add('a', 10)] }));
    await settle(outbox);
    await afterChecks(outbox);
    expect(blobs.deleted).toEqual([]);
    await vi.advanceTimersByTimeAsync(8 * 24 * 3600_000);
    await outbox.kick();
    expect(await outbox.list()).toEqual([]);
    expect(blobs.deleted).toEqual(['a']);
  });
});

describe('a storage that refuses the outbox’s writes', () => {
  /** Refuses (quota) every write that records a filed request, while `full` is set. */
  const fullAfterCreate = () => {
    const state = { full: true };
    const set = map.set;
    map.set = async (value) => {
      const filed = Object.values(value).some((job) => (job as Job).steps?.create === 'done');
      if (state.full && filed) throw new Error('QUOTA_BYTES quota exceeded');
      await set(value);
    };
    return state;
  };

  it('a request filed but not recorded waits, says why once, and is not filed twice', async () => {
    const refused: string[] = [];
    const outbox = createOutbox(
      env({ onStorageFailure: (_job, error) => void refused.push(error.messageKey ?? '') }),
    );
    const job = await outbox.submit(input());
    const storage = fullAfterCreate();
    await settle(outbox);
    // Filed on the portal; the stored job still says the create is unconfirmed.
    expect(portal.requests).toHaveLength(1);
    expect(refused).toEqual(['storage_delivery_quota']);
    const [waiting] = await outbox.list();
    expect(jobView(waiting as Job, Date.now())).toMatchObject({
      id: job.id,
      status: 'waiting-retry',
      lastError: { code: 'storage', messageKey: 'storage_delivery_quota' },
    });
    expect(alarms.at(-1)).toBe(Date.now() + TIMINGS.storageRetryMs);
    // Still full a minute later: it waits again and is not announced twice.
    await vi.advanceTimersByTimeAsync(TIMINGS.storageRetryMs);
    await outbox.kick();
    expect(refused).toHaveLength(1);
    // The storage takes writes again: the job finds its request and completes, filed once.
    storage.full = false;
    await vi.advanceTimersByTimeAsync(TIMINGS.storageRetryMs);
    await outbox.kick();
    await afterChecks(outbox);
    expect(portal.requests).toHaveLength(1);
    expect(duplicates(portal)).toEqual([]);
    const [done] = await outbox.list();
    expect(done).toMatchObject({ status: 'delivered', result: { issueKey: 'SUP-1' } });
    expect(delivered.map((j) => j.result.issueKey)).toEqual(['SUP-1']);
  });
});
