/**
 * Visible-area capture in the background: `tabs.captureVisibleTab` returns the window's
 * visible area in device pixels, exactly what the user sees
 * (docs/platform-facts.md#screenshot-pixels).
 */
import { type Browser, browser } from 'wxt/browser';
import { isCapturableUrl } from '../capture/capture';
import { AppError } from '../errors';
import { captureQueue } from './capture-queue';
import {
  dataUrlToBlob,
  type EncodeBudget,
  type Encoded,
  encodeWithinBudget,
  pngSize,
} from './encode';

export async function getTab(tabId: number): Promise<Browser.tabs.Tab> {
  const tab = await browser.tabs.get(tabId).catch((error: unknown) => {
    throw new AppError(
      {
        code: 'no-tab',
        message: 'That tab is gone. Open the page again and retry.',
        messageKey: 'error_tabGone',
      },
      { cause: error },
    );
  });
  if (!isCapturableUrl(tab.url ?? '')) {
    throw new AppError({
      code: 'unsupported-page',
      message:
        'The browser does not let extensions take pictures of this page. Open the page with the problem and try again.',
      messageKey: 'error_pictureNotAllowed',
    });
  }
  return tab;
}

/** Waits until the tab has painted a frame (after it was brought to the front). */
async function waitForPaint(tabId: number): Promise<void> {
  try {
    await browser.scripting.executeScript({
      target: { tabId },
      func: () =>
        new Promise<void>((resolve) => {
          requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
          setTimeout(resolve, 300);
        }),
    });
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

let frontLock: Promise<unknown> = Promise.resolve();

/**
 * Runs `task` with the tab as the active tab of its window, then gives the front back to the
 * tab that had it. captureVisibleTab takes whatever tab is active, so when the popup is
 * opened as a page for another tab, that page itself would be in the picture
 * (docs/platform-facts.md#screenshot-of-the-active-tab). Tasks run one at a time so that two
 * captures cannot swap the front under each other.
 */
export function withTabInFront<T>(tabId: number, task: (tab: Browser.tabs.Tab) => Promise<T>) {
  const result = frontLock.then(async () => {
    const tab = await getTab(tabId);
    if (tab.active) return task(tab);
    const [previous] = await browser.tabs.query({ active: true, windowId: tab.windowId });
    await browser.tabs.update(tabId, { active: true });
    await waitForPaint(tabId);
    try {
      return await task(tab);
    } finally {
      if (previous?.id !== undefined) {
        await browser.tabs.update(previous.id, { active: true }).catch(() => undefined);
      }
    }
  });
  frontLock = result.catch(() => undefined);
  return result;
}

function permissionError(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('activeTab') || message.includes('permission')) {
    return new AppError(
      {
        code: 'permission-denied',
        message:
          'The extension may not take a picture of this page. Open the popup from the toolbar button on that tab and try again.',
        messageKey: 'error_pictureNoAccess',
      },
      { cause: error },
    );
  }
  return AppError.from(error);
}

/** One visible capture as a PNG, through the rate-limited queue. */
export function captureVisiblePng(windowId: number): Promise<Blob> {
  return captureQueue
    .run(() => browser.tabs.captureVisibleTab(windowId, { format: 'png' }))
    .then(dataUrlToBlob, (error: unknown) => {
      throw permissionError(error);
    });
}

/** Decodes lazily: the common case (a small PNG) needs no decoding at all. */
function bitmapEncoder(blob: Blob, size: { width: number; height: number }) {
  let bitmap: Promise<ImageBitmap> | undefined;
  return async (scale: number, type: string, quality?: number) => {
    bitmap ??= createImageBitmap(blob);
    const image = await bitmap;
    const width = Math.max(1, Math.round(size.width * scale));
    const height = Math.max(1, Math.round(size.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) {
      throw new AppError({
        code: 'internal',
        message: 'No canvas to encode the image.',
        messageKey: 'error_noCanvas',
      });
    }
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(image, 0, 0, width, height);
    return canvas.convertToBlob({ type, quality });
  };
}

/** Captures the visible area of `tabId` and encodes it within the budget. */
export async function captureVisibleImage(tabId: number, budget: EncodeBudget = {}) {
  const png = await withTabInFront(tabId, (tab) => captureVisiblePng(tab.windowId));
  const size = await pngSize(png);
  if (!size) {
    throw new AppError({
      code: 'internal',
      message: 'The browser returned no image.',
      messageKey: 'error_noImage',
    });
  }
  const encoded: Encoded = await encodeWithinBudget(size, bitmapEncoder(png, size), budget, png);
  return encoded;
}
