import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newDraftRecord, parseDraftRecords } from '@/utils/composer/draft-record';
import {
  createAutosave,
  discardDraft,
  loadDraftRecord,
  saveDraftRecord,
  watchDeliveriesForDrafts,
} from '@/utils/composer/drafts';
import { composerDraftsItem } from '@/utils/composer/items';
import { outboxJobsItem } from '@/utils/outbox/items';
import { draft } from '../ticket/fixtures';

const URL_A = 'https://console.example.com/apps/billing';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('draft storage', () => {
  it('saves, loads (also by URL for a new tab), and discards a draft', async () => {
    const d = draft({ impact: 'Billing is down' });
    await saveDraftRecord(newDraftRecord(5, URL_A, d, 1));
    expect((await loadDraftRecord(5, URL_A))?.draft.impact).toBe('Billing is down');
    expect((await loadDraftRecord(6, URL_A))?.draft.impact).toBe('Billing is down');
    await discardDraft(d.captureRef);
    expect(await loadDraftRecord(5, URL_A)).toBeUndefined();
  });

  it('removes the drafts of delivered requests only', async () => {
    const a = draft({ captureRef: 'SC-AAAAAA' });
    const b = draft({ captureRef: 'SC-BBBBBB' });
    await saveDraftRecord(newDraftRecord(1, URL_A, a, 1));
    await saveDraftRecord(newDraftRecord(2, `${URL_A}/b`, b, 2));
    watchDeliveriesForDrafts();
    await outboxJobsItem.set({
      j1: { captureReference: 'SC-AAAAAA', status: 'delivered' },
      j2: { captureReference: 'SC-BBBBBB', status: 'waiting-retry' },
    });
    const left = async () =>
      Object.values(parseDraftRecords(await composerDraftsItem.get())).map(
        (r) => r.draft.captureRef,
      );
    await vi.waitFor(async () => expect(await left()).toEqual(['SC-BBBBBB']));
  });

  it('leaves out a stored draft that does not fit its schema, and keeps the others', async () => {
    await saveDraftRecord(newDraftRecord(1, URL_A, draft(), 1));
    const stored = await fakeBrowser.storage.local.get('composerDrafts');
    await fakeBrowser.storage.local.set({
      composerDrafts: { ...(stored.composerDrafts as object), x: { nonsense: true } },
    });
    expect((await loadDraftRecord(1, URL_A))?.draft.captureRef).toBe('SC-7F3K9Q');
    expect(await loadDraftRecord(1, 'https://other.example/')).toBeUndefined();
  });
});

describe('autosave', () => {
  it('saves the last draft once after the delay, and at once on flush', async () => {
    vi.useFakeTimers();
    const save = vi.fn(async (_draft: unknown) => {});
    const autosave = createAutosave(save, 300);
    autosave.schedule(draft({ impact: 'a' }));
    autosave.schedule(draft({ impact: 'ab' }));
    await vi.advanceTimersByTimeAsync(299);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]?.[0]).toMatchObject({ impact: 'ab' });

    autosave.schedule(draft({ impact: 'abc' }));
    await autosave.flush();
    expect(save).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);

    autosave.schedule(draft({ impact: 'abcd' }));
    autosave.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    await autosave.flush();
    expect(save).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });
});
