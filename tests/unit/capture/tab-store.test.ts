import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageEvent } from '@/utils/capture/page-event';
import { MAX_TAB_EVENTS } from '@/utils/capture/tab-record';
import {
  forgetTab,
  readTabRecord,
  recordFailedRequest,
  recordPageEvents,
} from '@/utils/capture/tab-store';

const event = (message: string, count = 1): PageEvent => ({
  kind: 'console-error',
  message,
  url: 'https://c.example.com/a',
  time: 1,
  count,
});

beforeEach(() => fakeBrowser.reset());

describe('the per-tab history', () => {
  it('merges forwards of one load with cumulative counts and keeps loads apart', async () => {
    await recordPageEvents(7, {
      pageId: 'a',
      url: 'https://c.example.com/a',
      since: 1,
      events: [event('x')],
      dropped: 0,
    });
    await recordPageEvents(7, {
      pageId: 'a',
      url: 'https://c.example.com/a',
      since: 1,
      events: [event('x', 5)],
      dropped: 0,
    });
    await recordPageEvents(7, {
      pageId: 'b',
      url: 'https://c.example.com/b?token=t0k3nV4lue9X',
      since: 2,
      events: [event('y')],
      dropped: 0,
    });
    const record = await readTabRecord(7);
    expect(
      record.loads.map((load) => [load.url, load.events.map((e) => [e.message, e.count])]),
    ).toEqual([
      ['https://c.example.com/a', [['x', 5]]],
      ['https://c.example.com/b?token=[redacted:secret]', [['y', 1]]],
    ]);
  });

  it('stays within its bounds and forgets a closed tab', async () => {
    const many = Array.from({ length: 400 }, (_, i) => event(`e${i}`));
    await recordPageEvents(3, {
      pageId: 'a',
      url: 'u',
      since: 1,
      events: many.slice(0, 200),
      dropped: 0,
    });
    await recordPageEvents(3, {
      pageId: 'b',
      url: 'u',
      since: 2,
      events: many.slice(200),
      dropped: 0,
    });
    const record = await readTabRecord(3);
    const total = record.loads.reduce((sum, load) => sum + load.events.length, 0);
    expect(total).toBe(MAX_TAB_EVENTS);
    expect(record.loads[0]?.dropped).toBe(100);
    await forgetTab(3);
    expect((await readTabRecord(3)).loads).toEqual([]);
  });

  it('does not lose concurrent updates', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordFailedRequest(9, {
          source: 'network',
          method: 'GET',
          url: `https://a.example/${i}`,
          status: 500,
          time: i,
          requestIds: [],
          count: 1,
        }),
      ),
    );
    expect((await readTabRecord(9)).requests).toHaveLength(20);
  });
});
