/**
 * Screenshot retention: the decisions (pure), and the background applying them to stored
 * lists and to an in-memory stand-in for the IndexedDB blob store.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BlobInfo, putBlob } from '@/utils/blob-store';
import { type DraftRecords, draftKey, newDraftRecord } from '@/utils/composer/draft-record';
import {
  discardDraft,
  loadDraftRecord,
  saveDraftRecord,
  watchDeliveriesForDrafts,
} from '@/utils/composer/drafts';
import {
  afterDraftsChanged,
  parkForRestart,
  unusedTabs,
} from '@/utils/composer/screenshot-retention';
import {
  browserStarted,
  startScreenshotRetention,
  sweepClosedTabs,
  tabClosed,
} from '@/utils/composer/screenshot-retention-background';
import { outboxJobsItem } from '@/utils/outbox/items';
import { screenshotTabIds } from '@/utils/screenshot/items';
import { addImage, listScreenshots } from '@/utils/screenshot/library';
import { draft } from '../ticket/fixtures';

// No IndexedDB here: the blob store is a map with the same functions.
const blobs = vi.hoisted(() => new Map<string, { owner: string }>());
vi.mock('@/utils/blob-store', () => ({
  putBlob: async (input: Parameters<typeof putBlob>[0]): Promise<BlobInfo> => {
    const id = input.id ?? crypto.randomUUID();
    blobs.set(id, { owner: input.owner });
    return {
      id,
      owner: input.owner,
      name: input.name ?? 'file',
      type: input.blob.type,
      size: input.blob.size,
      createdAt: 0,
    };
  },
  getBlob: async (id: string) => blobs.get(id),
  deleteBlob: async (id: string) => void blobs.delete(id),
  deleteOwner: async (owner: string) => {
    for (const [id, blob] of blobs) if (blob.owner === owner) blobs.delete(id);
  },
  moveOwner: async (from: string, to: string) => {
    for (const blob of blobs.values()) if (blob.owner === from) blob.owner = to;
  },
  listOwners: async () => [...new Set([...blobs.values()].map((blob) => blob.owner))],
}));

const URL_A = 'https://console.example.com/apps/billing';
const URL_B = 'https://console.example.com/apps/users';

const record = (tabId: number, url: string, captureRef: string, savedAt = 1) =>
  newDraftRecord(tabId, url, draft({ captureRef }), savedAt);

const records = (...list: ReturnType<typeof record>[]): DraftRecords =>
  Object.fromEntries(list.map((r) => [draftKey(r.tabId, r.url), r]));

const shoot = (tabId: number) =>
  addImage(tabId, {
    blob: new Blob(['png'], { type: 'image/png' }),
    width: 1,
    height: 1,
    source: 'visible',
  });

const owners = () => [...blobs.values()].map((blob) => blob.owner).sort();

describe('retention decisions', () => {
  it('keeps lists of open tabs and of tabs a draft names, and nothing else', () => {
    const drafts = records(record(3, URL_A, 'SC-AAAAAA'));
    expect(unusedTabs([1, 2, 3, -1], new Set([1]), drafts)).toEqual([2, -1]);
  });

  it('a draft taken over by another tab moves its list; a finished one releases it', () => {
    const before = records(record(3, URL_A, 'SC-AAAAAA'), record(4, URL_B, 'SC-BBBBBB'));
    const after = records(record(9, URL_A, 'SC-AAAAAA', 2));
    expect(afterDraftsChanged(before, after)).toEqual({
      moves: [{ from: 3, to: 9 }],
      release: [4],
    });
  });

  it('a finished draft does not release a tab another draft still names', () => {
    const before = records(record(4, URL_A, 'SC-AAAAAA'), record(4, URL_B, 'SC-BBBBBB'));
    const after = records(record(4, URL_B, 'SC-BBBBBB'));
    expect(afterDraftsChanged(before, after)).toEqual({ moves: [], release: [] });
  });

  it('at restart every draft tab becomes a negative id, one per old tab', () => {
    const parked = parkForRestart(
      records(
        record(4, URL_A, 'SC-AAAAAA'),
        record(4, URL_B, 'SC-BBBBBB'),
        record(-1, URL_A, 'SC-CCCCCC'),
      ),
    );
    const tabs = Object.values(parked).map((r) => [r.draft.captureRef, r.tabId]);
    expect(Object.fromEntries(tabs)).toEqual({ 'SC-AAAAAA': -2, 'SC-BBBBBB': -2, 'SC-CCCCCC': -1 });
    expect(Object.keys(parked)).toContain(draftKey(-2, URL_A));
    // The draft is found again by its URL from a new tab with the old number.
    expect(parkForRestart(parked)).toEqual(parked);
  });
});

describe('retention in the background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    blobs.clear();
  });

  it('a closed tab without a draft loses its screenshots; one with a draft keeps them', async () => {
    await shoot(1);
    await shoot(2);
    await saveDraftRecord(record(2, URL_A, 'SC-AAAAAA'));
    await tabClosed(1);
    await tabClosed(2);
    expect(await screenshotTabIds()).toEqual([2]);
    expect(owners()).toEqual(['tab:2']);
  });

  it('a delivered or discarded draft takes its screenshots with it', async () => {
    startScreenshotRetention();
    await shoot(5);
    await shoot(6);
    await saveDraftRecord(record(5, URL_A, 'SC-AAAAAA'));
    await saveDraftRecord(record(6, URL_B, 'SC-BBBBBB'));
    await discardDraft('SC-AAAAAA');
    await vi.waitFor(async () => expect(await listScreenshots(5)).toEqual([]));
    expect(await listScreenshots(6)).toHaveLength(1);
    expect(owners()).toEqual(['tab:6']);
    watchDeliveriesForDrafts();
    await outboxJobsItem.set({ job: { captureReference: 'SC-BBBBBB', status: 'delivered' } });
    await vi.waitFor(async () => expect(await listScreenshots(6)).toEqual([]));
    await vi.waitFor(() => expect(owners()).toEqual([]));
  });

  it('after a restart a new tab with an old id starts empty, and the draft found by URL shows its screenshots', async () => {
    startScreenshotRetention();
    const kept = await shoot(4);
    await shoot(7);
    await saveDraftRecord(record(4, URL_A, 'SC-AAAAAA'));

    await browserStarted();
    // Tab 4 of the new session is another tab: it has no screenshots.
    expect(await listScreenshots(4)).toEqual([]);
    expect(await listScreenshots(7)).toEqual([]);
    const found = await loadDraftRecord(4, URL_A, (id) => id === 4);
    expect(found?.tabId).toBeLessThan(0);
    expect(owners()).toEqual([`tab:${found?.tabId}`]);

    // The popup of new tab 4 takes the draft over: its screenshots follow.
    if (!found) throw new Error('draft lost');
    await saveDraftRecord({ ...found, tabId: 4, savedAt: 2 });
    await vi.waitFor(async () => expect(await listScreenshots(4)).toEqual([kept]));
    expect(owners()).toEqual(['tab:4']);
    // The old list goes right after the new one is written.
    await vi.waitFor(async () => expect(await screenshotTabIds()).toEqual([4]));
  });

  it('after an install or update, lists of tabs that closed unseen go', async () => {
    const tab = await fakeBrowser.tabs.create({ url: URL_A });
    await shoot(tab.id ?? 0);
    await shoot(99);
    blobs.set('stray', { owner: 'tab:55' });
    await sweepClosedTabs();
    expect(await screenshotTabIds()).toEqual([tab.id]);
    expect(owners()).toEqual([`tab:${tab.id}`]);
  });
});
