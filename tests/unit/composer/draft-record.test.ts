import { describe, expect, it } from 'vitest';
import {
  type DraftRecords,
  deliveredReferences,
  draftKey,
  findDraftRecord,
  newDraftRecord,
  putDraftRecord,
  withoutDrafts,
} from '@/utils/composer/draft-record';
import { draft } from '../ticket/fixtures';

const URL_A = 'https://console.example.com/apps/billing';
const d1 = draft({ captureRef: 'SC-AAAAAA' });
const d2 = draft({ captureRef: 'SC-BBBBBB' });

describe('draft records', () => {
  it('finds a tab’s own draft by tab and URL', () => {
    const records = putDraftRecord({}, newDraftRecord(3, URL_A, d1, 10));
    expect(Object.keys(records)).toEqual([draftKey(3, URL_A)]);
    expect(findDraftRecord(records, 3, URL_A)?.draft.captureRef).toBe('SC-AAAAAA');
    expect(findDraftRecord(records, 3, `${URL_A}/other`)).toBeUndefined();
  });

  it('after a restart (new tab id) finds the newest draft of the URL whose tab is gone', () => {
    let records: DraftRecords = {};
    records = putDraftRecord(records, newDraftRecord(3, URL_A, d1, 10));
    records = putDraftRecord(records, newDraftRecord(4, URL_A, d2, 20));
    expect(findDraftRecord(records, 99, URL_A)?.draft.captureRef).toBe('SC-BBBBBB');
    // Tab 4 is still open: its draft is its own; the closed tab 3's is taken.
    expect(findDraftRecord(records, 99, URL_A, (id) => id === 4)?.draft.captureRef).toBe(
      'SC-AAAAAA',
    );
    expect(findDraftRecord(records, 99, URL_A, () => true)).toBeUndefined();
  });

  it('a draft adopted by a new tab keeps one record, under the new key', () => {
    let records = putDraftRecord({}, newDraftRecord(3, URL_A, d1, 10));
    records = putDraftRecord(records, newDraftRecord(7, URL_A, d1, 20));
    expect(Object.keys(records)).toEqual([draftKey(7, URL_A)]);
  });

  it('keeps the newest drafts within the bound', () => {
    let records: DraftRecords = {};
    for (let i = 0; i < 5; i++) {
      records = putDraftRecord(
        records,
        newDraftRecord(i, `${URL_A}/${i}`, draft({ captureRef: `SC-AAAAA${i + 2}` }), i),
        3,
      );
    }
    expect(
      Object.values(records)
        .map((r) => r.tabId)
        .sort(),
    ).toEqual([2, 3, 4]);
  });

  it('removes drafts by capture reference, and finds delivered jobs’ references', () => {
    let records = putDraftRecord({}, newDraftRecord(3, URL_A, d1, 10));
    records = putDraftRecord(records, newDraftRecord(4, URL_A, d2, 20));
    expect(Object.keys(withoutDrafts(records, ['SC-AAAAAA']))).toEqual([draftKey(4, URL_A)]);
    expect(
      deliveredReferences({
        a: { captureReference: 'SC-AAAAAA', status: 'delivered', other: 1 },
        b: { captureReference: 'SC-BBBBBB', status: 'running' },
        c: 'garbage',
      }),
    ).toEqual(['SC-AAAAAA']);
  });
});
