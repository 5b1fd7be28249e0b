import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageEvent } from '@/utils/capture/page-event';
import { MAX_TAB_EVENTS } from '@/utils/capture/tab-record';
import {
  forgetTab,
  readTabRecord,
  recordFailedRequest,
  recordPageEvents,
  SESSION_CAPTURE_BUDGET,
  tabsToEvict,
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

describe('the byte budget across tabs', () => {
  it('evicts the least recently active other tabs first, only as many as needed', () => {
    const records = new Map([
      [1, { bytes: 400, lastActivity: 30 }],
      [2, { bytes: 400, lastActivity: 10 }],
      [3, { bytes: 400, lastActivity: 20 }],
      [4, { bytes: 100, lastActivity: 5 }],
    ]);
    expect(tabsToEvict(records, 1, 500, 2000)).toEqual([]);
    expect(tabsToEvict(records, 1, 500, 1000)).toEqual([4, 2]);
    expect(tabsToEvict(records, 1, 500, 800)).toEqual([4, 2, 3]);
    // The tab being written is never evicted for itself.
    expect(tabsToEvict(records, 4, 2000, 1000)).toEqual([2, 3, 1]);
  });

  it('keeps the session records of all tabs within the budget', async () => {
    // Each tab fills close to its own limit; together they would pass the area's quota.
    const big = (tab: number) =>
      Array.from({ length: 80 }, (_, i) => ({
        ...event(`t${tab}-${i}-${'x'.repeat(3_900)}`),
        stack: 's'.repeat(7_900),
        time: tab,
      }));
    const tabs = Array.from({ length: 14 }, (_, i) => 11 + i);
    for (const [index, tab] of tabs.entries()) {
      await recordPageEvents(tab, {
        pageId: 'p',
        url: 'u',
        since: index,
        events: big(tab),
        dropped: 0,
      });
    }
    const all = await fakeBrowser.storage.session.get(null);
    const bytes = new TextEncoder().encode(JSON.stringify(all)).length;
    expect(bytes).toBeLessThanOrEqual(SESSION_CAPTURE_BUDGET);
    // The newest tab is kept, the oldest went first.
    const kept = Object.keys(all).sort();
    expect(kept).toContain('tabCapture:24');
    expect(kept.length).toBeLessThan(tabs.length);
    expect(kept).not.toContain('tabCapture:11');
  });
});
