/**
 * The page taken screen by screen with captureVisibleTab and joined on a canvas, within the
 * capture quota; fixed headers are shown once, and the page is scrolled back afterwards.
 */
import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { encodeWithinBudget } from './encode';
import { checkCancelled, type FullPageJob, type Picture } from './full-page-job';
import { type FullPageLimits, type PageFacts, stitchPositions } from './full-page-plan';
import { captureVisiblePng, withTabInFront } from './visible';

async function scrollPage(tabId: number, y: number, hideFixed: boolean): Promise<number> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    args: [y, hideFixed],
    func: (top: number, hide: boolean) =>
      new Promise<number>((resolve) => {
        // Fixed headers and toolbars would repeat on every screen: show them only once.
        if (hide) {
          for (const element of document.querySelectorAll<HTMLElement>('body *')) {
            const position = getComputedStyle(element).position;
            if ((position === 'fixed' || position === 'sticky') && !element.dataset.scHidden) {
              element.dataset.scHidden = element.style.visibility || 'unset';
              element.style.visibility = 'hidden';
            }
          }
        }
        window.scrollTo(0, top);
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.scrollY)));
        setTimeout(() => resolve(window.scrollY), 300);
      }),
  });
  return typeof injection?.result === 'number' ? injection.result : y;
}

async function restorePage(tabId: number, y: number): Promise<void> {
  await browser.scripting
    .executeScript({
      target: { tabId },
      args: [y],
      func: (top: number) => {
        for (const element of document.querySelectorAll<HTMLElement>('[data-sc-hidden]')) {
          const previous = element.dataset.scHidden;
          element.style.visibility = previous === 'unset' ? '' : (previous ?? '');
          delete element.dataset.scHidden;
        }
        window.scrollTo(0, top);
      },
    })
    .catch(() => undefined);
}

export async function stitch(
  job: FullPageJob,
  facts: PageFacts,
  limits: FullPageLimits,
): Promise<Picture> {
  const dpr = facts.devicePixelRatio;
  const maxCss = Math.min(facts.pageHeight, Math.floor(limits.maxDeviceHeight / dpr));
  const positions = stitchPositions(maxCss, facts.viewportHeight, limits.maxStitchFrames);
  const covered = Math.min(maxCss, (positions.at(-1) ?? 0) + facts.viewportHeight);
  return withTabInFront(job.tabId, async (tab) => {
    const [start] = await browser.scripting.executeScript({
      target: { tabId: job.tabId },
      func: () => window.scrollY,
    });
    let canvas: OffscreenCanvas | undefined;
    let ctx: OffscreenCanvasRenderingContext2D | null = null;
    try {
      for (const [index, y] of positions.entries()) {
        checkCancelled(job.signal);
        job.onProgress({ phase: 'stitching', done: index, total: positions.length });
        const actual = await scrollPage(job.tabId, y, index > 0);
        const frame = await createImageBitmap(await captureVisiblePng(tab.windowId));
        if (!canvas) {
          canvas = new OffscreenCanvas(
            frame.width,
            Math.round(covered * (frame.height / facts.viewportHeight)),
          );
          ctx = canvas.getContext('2d');
        }
        ctx?.drawImage(frame, 0, Math.round(actual * (frame.height / facts.viewportHeight)));
        frame.close();
      }
    } finally {
      await restorePage(job.tabId, typeof start?.result === 'number' ? start.result : 0);
    }
    if (!canvas) {
      throw new AppError({
        code: 'internal',
        message: 'Nothing was captured.',
        messageKey: 'error_nothingCaptured',
      });
    }
    const full = canvas;
    job.onProgress({ phase: 'encoding', done: positions.length, total: positions.length });
    const encoded = await encodeWithinBudget(
      full,
      async (scale, type, quality) => {
        if (scale === 1) return full.convertToBlob({ type, quality });
        const out = new OffscreenCanvas(
          Math.round(full.width * scale),
          Math.round(full.height * scale),
        );
        out.getContext('2d')?.drawImage(full, 0, 0, out.width, out.height);
        return out.convertToBlob({ type, quality });
      },
      job.budget,
    );
    return {
      blob: encoded.blob,
      width: encoded.width,
      height: encoded.height,
      note:
        covered < facts.pageHeight
          ? `The page is ${Math.round(facts.pageHeight)} px tall; its first ${Math.round(covered)} px were taken.`
          : undefined,
      ...(covered < facts.pageHeight
        ? {
            noteWords: {
              key: 'screenshot_notePartTaken',
              values: [String(Math.round(facts.pageHeight)), String(Math.round(covered))],
            },
          }
        : {}),
    };
  });
}
