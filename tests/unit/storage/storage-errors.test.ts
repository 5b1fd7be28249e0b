import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import de from '@/public/_locales/de/messages.json';
import en from '@/public/_locales/en/messages.json';
import { historyWriteFailure, readTabRecord, recordPageEvents } from '@/utils/capture/tab-store';
import { newDraftRecord } from '@/utils/composer/draft-record';
import { saveDraftRecord } from '@/utils/composer/drafts';
import { createJobStore } from '@/utils/outbox/store';
import {
  type StorageFailure,
  type StoredData,
  storageErrorInfo,
  storageFailureOf,
  storageWriteError,
} from '@/utils/storage-errors';
import { memoryRecordMap } from '../outbox/memory-record-map';
import { draft } from '../ticket/fixtures';

describe('telling a full storage from another refused write', () => {
  it.each([
    // Chrome's storage.local and storage.sync
    new Error('QUOTA_BYTES quota exceeded'),
    new Error('Resource::kQuotaBytes quota exceeded'),
    // Chrome's storage.session
    new Error('Session storage quota bytes exceeded. Values were not stored.'),
    // Firefox (IndexedDB underneath)
    new DOMException(
      'The current transaction exceeded its quota limitations.',
      'QuotaExceededError',
    ),
    Object.assign(new Error('storage.session API call exceeded its quota limitations.'), {
      name: 'QuotaExceededError',
    }),
    { message: 'Error: No space left on device' },
  ])('%s is a full storage', (cause) => {
    expect(storageFailureOf(cause)).toBe('quota');
  });

  it.each([
    new Error('IO error: .../LOCK: File currently in use'),
    new TypeError('Failed to execute set: object could not be cloned'),
    'Database is corrupted',
    undefined,
  ])('%s is another failure', (cause) => {
    expect(storageFailureOf(cause)).toBe('write');
  });
});

describe('the storage errors the user sees', () => {
  const kinds: [StoredData, StorageFailure][] = (['capture', 'draft', 'outbox'] as const).flatMap(
    (data) =>
      (['quota', 'write'] as const).map(
        (failure) => [data, failure] as [StoredData, StorageFailure],
      ),
  );

  it.each(kinds)('%s / %s has code storage and words in English and German', (data, failure) => {
    const info = storageErrorInfo(data, failure);
    expect(info.code).toBe('storage');
    const key = info.messageKey as keyof typeof en;
    expect(en[key].message).toBe(info.message);
    expect((de as Record<string, { message: string }>)[key]?.message).toMatch(/\w/);
    // Each says what to do next.
    expect(info.message).toMatch(/reload|submit|close|free/i);
  });

  it('keeps an error that already is a storage error', () => {
    const first = storageWriteError('outbox', new Error('QUOTA_BYTES quota exceeded'));
    expect(storageWriteError('draft', first)).toBe(first);
    expect(first.info.messageKey).toBe('storage_outbox_quota');
  });
});

describe('failed writes are reported, not lost silently', () => {
  it('a tab whose history cannot be stored says so until a write succeeds again', async () => {
    fakeBrowser.reset();
    const forward = {
      pageId: 'a',
      url: 'https://c.example.com/a',
      since: 1,
      events: [
        {
          kind: 'console-error' as const,
          message: 'x',
          url: 'https://c.example.com/a',
          time: 1,
          count: 1,
        },
      ],
      dropped: 0,
    };
    const set = vi
      .spyOn(fakeBrowser.storage.session, 'set')
      .mockRejectedValueOnce(
        new Error('Session storage quota bytes exceeded. Values were not stored.'),
      );
    await expect(recordPageEvents(4, forward)).rejects.toMatchObject({
      code: 'storage',
      info: { messageKey: 'storage_capture_quota' },
    });
    expect(historyWriteFailure(4)).toBe('quota');
    expect(historyWriteFailure(5)).toBeUndefined();

    await recordPageEvents(4, forward);
    expect(set).toHaveBeenCalledTimes(2);
    expect(historyWriteFailure(4)).toBeUndefined();
    expect((await readTabRecord(4)).loads).toHaveLength(1);
  });

  it('a draft that cannot be saved rejects with the draft storage error', async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(
      new Error('IO error: database is locked'),
    );
    const record = newDraftRecord(1, 'https://console.example.com/apps/billing', draft(), 1);
    const saved = saveDraftRecord(record).catch((cause: unknown) =>
      storageWriteError('draft', cause),
    );
    await expect(saved).resolves.toMatchObject({
      code: 'storage',
      info: { messageKey: 'storage_draft_write' },
    });
  });

  it('an outbox write refused for the quota says storage is full', async () => {
    const map = memoryRecordMap();
    const store = createJobStore({
      get: map.get,
      set: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')),
    });
    await expect(store.remove(['nothing'])).rejects.toMatchObject({
      code: 'storage',
      info: { messageKey: 'storage_outbox_quota' },
    });
  });
});
