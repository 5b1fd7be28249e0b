/** Stored screenshot lists, one per tab. */
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { defineStoredItem } from '../stored-item';
import { ScreenshotSchema } from './model';

/**
 * A tab's screenshots and attached files, in the order taken (metadata and annotations; the
 * bytes are in IndexedDB, see utils/blob-store.ts). Written by the background only; the
 * ticket draft adopts this list.
 */
export function tabScreenshotsItem(tabId: number) {
  return defineStoredItem(
    `local:tabScreenshots:${tabId}`,
    z.array(ScreenshotSchema).check(z.maxLength(50)),
    { fallback: [] },
  );
}

/** Tabs that have a stored screenshot list (for the clean-up, utils/composer/screenshot-retention.ts). */
export async function screenshotTabIds(): Promise<number[]> {
  const keys = Object.keys(await browser.storage.local.get(null));
  return keys.flatMap((key) => {
    const match = /^tabScreenshots:(-?\d+)$/.exec(key);
    return match ? [Number(match[1])] : [];
  });
}
