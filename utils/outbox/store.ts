/**
 * Where jobs live: one record map in `storage.local` keyed by job id (see `outboxJobsItem` in
 * utils/storage.ts). Each record is parsed on its own, so one record that does not fit the
 * schema (an old version) is ignored and kept, instead of losing every job.
 *
 * Writes go through one promise chain: the runner, a cancel and a submit may all write while
 * the worker lives, and a read-modify-write of the map must not interleave.
 */
import { storageWriteError } from '../storage-errors';
import { type Job, JobSchema } from './job';

/** The raw storage of the record map (the stored item, or a Map in tests). */
interface RecordMapStorage {
  get(): Promise<Record<string, unknown>>;
  set(value: Record<string, unknown>): Promise<void>;
}

export interface JobStore {
  list(): Promise<Job[]>;
  get(id: string): Promise<Job | undefined>;
  save(job: Job): Promise<void>;
  /** Reads, changes and writes one job atomically (relative to the other writes). */
  update(id: string, change: (job: Job) => Job | undefined): Promise<Job | undefined>;
  remove(ids: readonly string[]): Promise<void>;
}

function parseAll(raw: Record<string, unknown>): Job[] {
  const jobs: Job[] = [];
  for (const [id, value] of Object.entries(raw)) {
    const parsed = JobSchema.safeParse(value);
    if (parsed.success) jobs.push(parsed.data);
    else console.warn(`Outbox job ${id} did not fit the schema; it is kept but not run.`);
  }
  return jobs.sort((a, b) => a.createdAt - b.createdAt);
}

export function createJobStore(storage: RecordMapStorage): JobStore {
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task, task);
    chain = run.catch(() => undefined);
    return run;
  };
  const write = async (change: (map: Record<string, unknown>) => void) => {
    const map = { ...(await storage.get()) };
    change(map);
    try {
      await storage.set(map);
    } catch (cause) {
      throw storageWriteError('outbox', cause);
    }
  };

  return {
    list: async () => parseAll(await storage.get()),
    get: async (id) => {
      const parsed = JobSchema.safeParse((await storage.get())[id]);
      return parsed.success ? parsed.data : undefined;
    },
    save: (job) =>
      serial(() =>
        write((map) => {
          map[job.id] = JobSchema.parse(job);
        }),
      ),
    update: (id, change) =>
      serial(async () => {
        let next: Job | undefined;
        await write((map) => {
          const parsed = JobSchema.safeParse(map[id]);
          if (!parsed.success) return;
          next = change(parsed.data);
          if (next) map[id] = JobSchema.parse(next);
        });
        return next;
      }),
    remove: (ids) =>
      serial(() =>
        write((map) => {
          for (const id of ids) delete map[id];
        }),
      ),
  };
}
