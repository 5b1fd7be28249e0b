/**
 * How long a tab's screenshots and files are kept. Framework-free decisions over the stored
 * drafts; the background applies them (utils/composer/screenshot-retention-background.ts).
 *
 * The rule: a tab's screenshots belong to the tab and to the stored draft composed in it (the
 * draft record's `tabId`; the popup attaches the tab's list). They are kept while the tab is
 * open or a stored draft names the tab. They are deleted when the tab closes with no draft,
 * and when the draft is done (delivered: the outbox has its own copies since submit; added
 * to an existing request; discarded) unless another stored draft still names the tab. A
 * draft taken over by another tab (same URL, its tab closed) takes its screenshots along. Tab
 * ids start again after a browser restart, so at start-up no stored list belongs to an open
 * tab: the drafts' lists move to negative ids, which no tab has, until the draft is found
 * again by its URL; every other list is deleted.
 */
import { type DraftRecords, draftKey } from './draft-record';

export interface Move {
  from: number;
  to: number;
}

/** Tabs a stored draft names. */
export function draftTabs(records: DraftRecords): Set<number> {
  return new Set(Object.values(records).map((record) => record.tabId));
}

/** Stored lists to delete: their tab is not open and no stored draft names it. */
export function unusedTabs(
  stored: readonly number[],
  open: ReadonlySet<number>,
  records: DraftRecords,
): number[] {
  const named = draftTabs(records);
  return stored.filter((tabId) => !open.has(tabId) && !named.has(tabId));
}

/**
 * What a change of the stored drafts means for screenshots: a draft now under another tab
 * moves its tab's list there; a draft that is gone releases its tab's list, unless a draft
 * still names that tab.
 */
export function afterDraftsChanged(
  before: DraftRecords,
  after: DraftRecords,
): { moves: Move[]; release: number[] } {
  const now = new Map(Object.values(after).map((record) => [record.draft.captureRef, record]));
  const named = draftTabs(after);
  const moves: Move[] = [];
  const release = new Set<number>();
  for (const record of Object.values(before)) {
    const next = now.get(record.draft.captureRef);
    if (!next) {
      if (!named.has(record.tabId)) release.add(record.tabId);
    } else if (
      next.tabId !== record.tabId &&
      !moves.some((move) => move.from === record.tabId && move.to === next.tabId)
    ) {
      moves.push({ from: record.tabId, to: next.tabId });
    }
  }
  return { moves, release: [...release] };
}

/**
 * The drafts after a browser restart: each old tab id becomes a negative one (which no tab
 * has), so a new tab that happens to get the same id neither shows nor deletes them, and the
 * draft is found again by its URL. Drafts already parked stay as they are.
 */
export function parkForRestart(records: DraftRecords): DraftRecords {
  let free = Math.min(0, ...Object.values(records).map((record) => record.tabId)) - 1;
  const parked = new Map<number, number>();
  const next: DraftRecords = {};
  for (const [key, record] of Object.entries(records)) {
    if (record.tabId < 0) {
      next[key] = record;
      continue;
    }
    let tabId = parked.get(record.tabId);
    if (tabId === undefined) {
      tabId = free--;
      parked.set(record.tabId, tabId);
    }
    next[draftKey(tabId, record.url)] = { ...record, tabId };
  }
  return next;
}
