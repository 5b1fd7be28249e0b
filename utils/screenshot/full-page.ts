/**
 * Full-page capture, run by the background. The page is rendered from its DOM by
 * html2canvas-pro (injected on demand); where a rendering cannot be right (frames from other
 * sites, canvas and video, very large pages) or fails or takes too long, the page is captured
 * screen by screen with captureVisibleTab and joined, within the 2-per-second quota; and when
 * that fails too, the visible area is taken. The result says which method was used.
 */
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { AppError } from '../errors';
import { dataUrlToBlob, type EncodeBudget, encodeWithinBudget } from './encode';
import { addImage } from './library';
import type { Screenshot } from './model';
import { RENDERER_GLOBAL, type RenderRequest, RenderResultSchema } from './render-page';
import { captureVisibleImage, captureVisiblePng, getTab, withTabInFront } from './visible';

const PageFactsSchema = z.object({
  pageHeight: z.number(),
  pageWidth: z.number(),
  viewportHeight: z.number(),
  viewportWidth: z.number(),
  devicePixelRatio: z.number(),
  elements: z.int(),
  /** iframes whose content a DOM rendering cannot read (other origins). */
  foreignFrames: z.int(),
  /** canvas and video elements, which a DOM rendering draws blank or stale. */
  drawnMedia: z.int(),
});
export type PageFacts = z.infer<typeof PageFactsSchema>;

interface FullPageLimits {
  /** CSS px rendered at most; beyond, an uploaded image is unreadable anyway. */
  maxHeightCss: number;
  /** Canvas limit in device px (Chromium's canvas tops out at 32,767, memory far earlier). */
  maxDeviceHeight: number;
  /** Screens joined at most: each costs half a second under the capture quota. */
  maxStitchFrames: number;
  /** DOM renderings slower than this are abandoned for stitching. */
  renderTimeoutMs: number;
  /** Above this many elements the DOM rendering takes too long. */
  maxElements: number;
}

const DEFAULT_LIMITS: FullPageLimits = {
  // About eight screens: the 14,000-element page renders in < 2.5 s cut here (bench).
  maxHeightCss: 6_000,
  maxDeviceHeight: 16_384,
  maxStitchFrames: 12,
  renderTimeoutMs: 15_000,
  maxElements: 60_000,
};

type FullPagePlan =
  | { method: 'visible'; note: string }
  | { method: 'dom'; note?: string }
  | { method: 'stitch'; note: string };

export function planFullPage(
  facts: PageFacts,
  limits: FullPageLimits = DEFAULT_LIMITS,
): FullPagePlan {
  if (facts.pageHeight <= facts.viewportHeight + 1) {
    return {
      method: 'visible',
      note: 'The whole page fits in the window, so the visible area was taken.',
    };
  }
  if (facts.foreignFrames > 0 || facts.drawnMedia > 0) {
    return {
      method: 'stitch',
      note: 'The page shows frames, charts or video that a page rendering cannot draw, so it was taken screen by screen.',
    };
  }
  if (facts.elements > limits.maxElements) {
    return {
      method: 'stitch',
      note: 'The page is too large to render quickly, so it was taken screen by screen.',
    };
  }
  return { method: 'dom' };
}

/** Scroll positions (CSS px) for stitching: one per screen, the last one flush with the end. */
export function stitchPositions(
  pageHeight: number,
  viewportHeight: number,
  maxFrames: number,
): number[] {
  const positions: number[] = [];
  const last = Math.max(0, pageHeight - viewportHeight);
  for (let y = 0; positions.length < maxFrames; y += viewportHeight) {
    positions.push(Math.min(y, last));
    if (y >= last) break;
  }
  return positions;
}

type Progress = {
  phase: 'inspecting' | 'rendering' | 'stitching' | 'encoding';
  done: number;
  total: number;
};

interface FullPageJob {
  tabId: number;
  signal: AbortSignal;
  onProgress: (progress: Progress) => void;
  budget?: EncodeBudget;
  limits?: FullPageLimits;
}

function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new AppError({ code: 'cancelled', message: 'The full-page capture was cancelled.' });
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new AppError({ code: 'timeout', message: 'The page rendering took too long.' })),
      timeoutMs,
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AppError({ code: 'cancelled', message: 'The full-page capture was cancelled.' }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function inspectPage(tabId: number): Promise<PageFacts> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    func: () => {
      const root = document.documentElement;
      const frames = [...document.querySelectorAll('iframe, frame')].filter((frame) => {
        try {
          return (frame as HTMLIFrameElement).contentDocument === null;
        } catch {
          return true;
        }
      });
      return {
        pageHeight: Math.max(root.scrollHeight, document.body?.scrollHeight ?? 0),
        pageWidth: root.scrollWidth,
        viewportHeight: innerHeight,
        viewportWidth: innerWidth,
        devicePixelRatio: devicePixelRatio || 1,
        elements: document.getElementsByTagName('*').length,
        foreignFrames: frames.length,
        drawnMedia: document.querySelectorAll('canvas, video').length,
      };
    },
  });
  const facts = PageFactsSchema.safeParse(injection?.result);
  if (!facts.success) {
    throw new AppError({ code: 'unsupported-page', message: 'The page could not be measured.' });
  }
  return facts.data;
}

interface Picture {
  blob: Blob;
  width: number;
  height: number;
  note?: string;
}

async function renderFromDom(job: FullPageJob, limits: FullPageLimits): Promise<Picture> {
  await browser.scripting.executeScript({
    target: { tabId: job.tabId },
    files: ['/full-page-render.js'],
  });
  const request: RenderRequest = {
    maxHeightCss: limits.maxHeightCss,
    maxDeviceHeight: limits.maxDeviceHeight,
    budgetBytes: job.budget?.budgetBytes,
    uploadLimitBytes: job.budget?.uploadLimitBytes,
  };
  const run = browser.scripting.executeScript({
    target: { tabId: job.tabId },
    args: [RENDERER_GLOBAL, request],
    func: (name: string, options: RenderRequest) => {
      const render = (globalThis as unknown as Record<string, (o: RenderRequest) => unknown>)[name];
      return render ? render(options) : { ok: false, error: 'The renderer did not load.' };
    },
  });
  const [injection] = await untilAborted(run, job.signal, limits.renderTimeoutMs);
  const result = RenderResultSchema.safeParse(injection?.result);
  if (!result.success) throw new Error('The page rendering returned nothing.');
  if (!result.data.ok) throw new Error(result.data.error);
  const { dataUrl, width, height, pageHeight, renderedHeight } = result.data;
  return {
    blob: dataUrlToBlob(dataUrl),
    width,
    height,
    note:
      renderedHeight < pageHeight
        ? `The page is ${pageHeight} px tall; its first ${renderedHeight} px were rendered.`
        : undefined,
  };
}

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

async function stitch(
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
    if (!canvas) throw new AppError({ code: 'internal', message: 'Nothing was captured.' });
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
    };
  });
}

const joinNotes = (...notes: (string | undefined)[]) =>
  notes.filter((note) => note !== undefined).join(' ') || undefined;

/** Takes a full-page screenshot of the tab and stores it; says in `note` how it was made. */
async function captureFullPage(job: FullPageJob): Promise<Screenshot> {
  const limits = job.limits ?? DEFAULT_LIMITS;
  await getTab(job.tabId);
  job.onProgress({ phase: 'inspecting', done: 0, total: 1 });
  const facts = await inspectPage(job.tabId);
  const plan = planFullPage(facts, limits);
  checkCancelled(job.signal);

  if (plan.method === 'dom') {
    job.onProgress({ phase: 'rendering', done: 0, total: 1 });
    try {
      // In front: a background tab's timers are throttled, which stalls the rendering.
      const picture = await withTabInFront(job.tabId, () => renderFromDom(job, limits));
      return addImage(job.tabId, { ...picture, source: 'full-page', note: picture.note });
    } catch (error) {
      if (error instanceof AppError && error.code === 'cancelled') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      return stitchOrVisible(
        job,
        facts,
        limits,
        `The page rendering failed (${reason}), so the page was taken screen by screen.`,
      );
    }
  }
  if (plan.method === 'stitch') return stitchOrVisible(job, facts, limits, plan.note);
  const visible = await captureVisibleImage(job.tabId, job.budget);
  return addImage(job.tabId, { ...visible, source: 'visible', note: plan.note });
}

async function stitchOrVisible(
  job: FullPageJob,
  facts: PageFacts,
  limits: FullPageLimits,
  note: string,
): Promise<Screenshot> {
  try {
    const picture = await stitch(job, facts, limits);
    return addImage(job.tabId, {
      ...picture,
      source: 'stitched',
      note: joinNotes(note, picture.note),
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'cancelled') throw error;
    checkCancelled(job.signal);
    const visible = await captureVisibleImage(job.tabId, job.budget);
    return addImage(job.tabId, {
      ...visible,
      source: 'visible',
      note: 'The full page could not be taken, so only the visible area was.',
    });
  }
}

const jobs = new Map<string, AbortController>();

/** Background entry: runs a job under `jobId` so that `cancelFullPage(jobId)` can stop it. */
export async function runFullPageJob(
  tabId: number,
  jobId: string,
  onProgress: (progress: Progress) => void,
  budget?: EncodeBudget,
): Promise<Screenshot> {
  const controller = new AbortController();
  jobs.set(jobId, controller);
  try {
    return await captureFullPage({ tabId, signal: controller.signal, onProgress, budget });
  } finally {
    jobs.delete(jobId);
  }
}

export function cancelFullPage(jobId: string): boolean {
  const controller = jobs.get(jobId);
  controller?.abort();
  return controller !== undefined;
}
