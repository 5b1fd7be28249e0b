/**
 * The full-page steps that run in the tab through scripting: measuring the page and rendering
 * it from its DOM with html2canvas-pro (entrypoints/full-page-render.ts, injected on demand).
 */
import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { dataUrlToBlob } from './encode';
import type { FullPageJob, Picture } from './full-page-job';
import { type FullPageLimits, type PageFacts, PageFactsSchema } from './full-page-plan';
import { RENDERER_GLOBAL, type RenderRequest, RenderResultSchema } from './render-page';

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new AppError({
            code: 'timeout',
            message: 'The page rendering took too long.',
            messageKey: 'error_pageRenderTimeout',
          }),
        ),
      timeoutMs,
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(
        new AppError({
          code: 'cancelled',
          message: 'The full-page capture was cancelled.',
          messageKey: 'error_fullPageCancelled',
        }),
      );
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

export async function inspectPage(tabId: number): Promise<PageFacts> {
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
    throw new AppError({
      code: 'unsupported-page',
      message: 'The page could not be measured.',
      messageKey: 'error_pageNotMeasured',
    });
  }
  return facts.data;
}

export async function renderFromDom(job: FullPageJob, limits: FullPageLimits): Promise<Picture> {
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
    ...(renderedHeight < pageHeight
      ? {
          noteWords: {
            key: 'screenshot_notePartRendered',
            values: [String(pageHeight), String(renderedHeight)],
          },
        }
      : {}),
  };
}
