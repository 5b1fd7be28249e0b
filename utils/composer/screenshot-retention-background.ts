/**
 * The background applies the screenshot retention rule (utils/composer/screenshot-retention.ts): when a
 * tab closes, when the stored drafts change, at browser start-up and after an install or
 * update (closings may have been missed while the worker was being replaced).
 */
import { browser } from 'wxt/browser';
import { screenshotTabIds } from '../screenshot/items';
import * as library from '../screenshot/library';
import { type DraftRecords, parseDraftRecords } from './draft-record';
import { rewriteDraftRecords } from './drafts';
import { composerDraftsItem } from './items';
import {
  afterDraftsChanged,
  draftTabs,
  type Move,
  parkForRestart,
  unusedTabs,
} from './screenshot-retention';

const readDrafts = async () => parseDraftRecords(await composerDraftsItem.get());

// One clean-up at a time: a start-up's moves finish before the draft watcher looks again.
let queue: Promise<unknown> = Promise.resolve();
function serially(task: () => Promise<void>): Promise<void> {
  const run = queue
    .then(task)
    .catch((error: unknown) => console.warn('Screenshot clean-up failed', error));
  queue = run;
  return run;
}

async function apply(moves: readonly Move[], release: readonly number[]): Promise<void> {
  for (const { from, to } of moves) await library.moveTabScreenshots(from, to);
  for (const tabId of release) await library.clearTabScreenshots(tabId);
}

/** A tab closed: its screenshots go unless a stored draft names it. */
export function tabClosed(tabId: number): Promise<void> {
  return serially(async () => {
    if (!draftTabs(await readDrafts()).has(tabId)) await library.clearTabScreenshots(tabId);
  });
}

/** The stored drafts changed: a draft taken over moves its list, a finished one frees it. */
function draftsChanged(before: DraftRecords, after: DraftRecords): Promise<void> {
  return serially(async () => {
    const { moves, release } = afterDraftsChanged(before, after);
    // A released tab that is still open keeps nothing: its draft is done.
    await apply(moves, release);
  });
}

/** Deletes every list whose tab is not in `open` and that no draft names, and stray bytes. */
async function sweep(open: ReadonlySet<number>): Promise<void> {
  const unused = unusedTabs(await screenshotTabIds(), open, await readDrafts());
  await apply([], unused);
  await library.deleteOrphanBlobs();
}

/** Browser start-up: tab ids start again, so the drafts' lists are parked, the rest deleted. */
export function browserStarted(): Promise<void> {
  return serially(async () => {
    const { before, after } = await rewriteDraftRecords(parkForRestart);
    await apply(afterDraftsChanged(before, after).moves, []);
    await sweep(new Set());
  });
}

/** Installed or updated: tabs may have closed unseen; the open ones keep theirs. */
export function sweepClosedTabs(): Promise<void> {
  return serially(async () => {
    const open = (await browser.tabs.query({})).flatMap((tab) =>
      tab.id === undefined ? [] : [tab.id],
    );
    await sweep(new Set(open));
  });
}

/** Installs the listeners (synchronously, at the worker's start). */
export function startScreenshotRetention(): void {
  browser.tabs.onRemoved.addListener((tabId) => void tabClosed(tabId));
  browser.runtime.onStartup.addListener(() => void browserStarted());
  browser.runtime.onInstalled.addListener(() => void sweepClosedTabs());
  composerDraftsItem.watch(
    (after, before) => void draftsChanged(parseDraftRecords(before), parseDraftRecords(after)),
  );
}
