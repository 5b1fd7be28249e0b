import { describe, expect, it } from 'vitest';
import { CaptureQueue } from '@/utils/screenshot/capture-queue';

const QUOTA = new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');

/** A fake clock: sleeping advances time, so spacing is checked without real waits. */
function clock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe('CaptureQueue', () => {
  it('spaces calls to at most two per second', async () => {
    const time = clock();
    const queue = new CaptureQueue({ ...time, marginMs: 0 });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        queue.run(async () => {
          starts.push(time.now());
          return i;
        }),
      ),
    );
    expect(starts).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it('retries a call refused for the quota instead of failing', async () => {
    const time = clock();
    const queue = new CaptureQueue(time);
    let calls = 0;
    const result = await queue.run(async () => {
      calls += 1;
      if (calls < 3) throw QUOTA;
      return 'image';
    });
    expect(result).toBe('image');
    expect(calls).toBe(3);
  });

  it('passes other errors on and keeps serving the next calls', async () => {
    const queue = new CaptureQueue(clock());
    await expect(queue.run(() => Promise.reject(new Error('No tab')))).rejects.toThrow('No tab');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });

  it('recognises the quota error by its message: other refusals are not retried', async () => {
    const queue = new CaptureQueue(clock());
    let calls = 0;
    const busy = queue.run(async () => {
      calls += 1;
      throw new Error('Tabs cannot be edited right now');
    });
    await expect(busy).rejects.toThrow('Tabs cannot be edited right now');
    expect(calls).toBe(1);
  });
});
