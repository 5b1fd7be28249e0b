import { beforeEach, describe, expect, it } from 'vitest';
import { UPLOADS_OF } from '@/utils/field-kinds/registry';
import { createJob, type Job } from '@/utils/outbox/job';
import { type RunnerDeps, runJob } from '@/utils/outbox/runner';
import { duplicates, FakeBlobs, FakePortal, input } from './fake-portal';

let clock: number;
let portal: FakePortal;
let blobs: FakeBlobs;

function deps(): RunnerDeps {
  return { portal, blobs, save: async () => {}, now: () => clock, random: () => 1 };
}

beforeEach(() => {
  clock = 1_000_000;
  portal = new FakePortal();
  blobs = new FakeBlobs();
});

function jobWithField(files: ReturnType<FakeBlobs['add']>[], atCreate: string[]): Job {
  const base = input();
  return createJob(
    {
      ...base,
      attachments: files,
      requestFieldValues: { ...base.requestFieldValues, attachment: { [UPLOADS_OF]: atCreate } },
    },
    'job-1',
    clock,
  );
}

describe('an attachment field on the form', () => {
  it('uploads first and creates with the temporary ids; the other files are attached after', async () => {
    const files = [blobs.add('shot', 100), blobs.add('log', 50)];
    const job = await runJob(jobWithField(files, ['shot.png']), deps());
    expect(job.status).toBe('delivered');
    const ops = portal.calls.map((call) => call.op);
    expect(ops.indexOf('upload')).toBeLessThan(ops.indexOf('create'));
    const create = portal.calls.find((call) => call.op === 'create')?.args as {
      requestFieldValues: Record<string, unknown>;
    };
    expect(create.requestFieldValues.attachment).toEqual([expect.stringMatching(/^temp/)]);
    expect(JSON.stringify(create.requestFieldValues)).not.toContain(UPLOADS_OF);
    // Only the file not given at create is attached afterwards.
    const attach = portal.calls.filter((call) => call.op === 'attach');
    expect(attach).toHaveLength(1);
    expect(JSON.stringify(attach[0]?.args)).not.toContain(
      JSON.stringify(create.requestFieldValues.attachment).slice(2, -2),
    );
    expect(job.result.attached.sort()).toEqual(['log', 'shot']);
    expect(duplicates(portal)).toEqual([]);
  });

  it('sends no attachment value when every file was given at create, and attaches nothing after', async () => {
    const files = [blobs.add('shot', 100)];
    const job = await runJob(jobWithField(files, ['shot.png']), deps());
    expect(job.status).toBe('delivered');
    expect(portal.count('attach')).toBe(0);
    expect(job.result.attached).toEqual(['shot']);
  });
});
