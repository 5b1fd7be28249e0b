/**
 * Full-page rendering inside the page (the unlisted script `full-page-render.js`, injected
 * only when the user asks for a full page, so html2canvas-pro never weighs on the popup).
 *
 * html2canvas-pro rather than html2canvas 1.4.1: 1.4.1 throws "Attempting to parse an
 * unsupported color function "oklch"" on the colours Tailwind 4 emits by default
 * (https://github.com/niklasvh/html2canvas/issues/3148), measured on our oklch page; the fork
 * keeps the API and renders it. See README.md#why-html2canvas-pro-and-not-html2canvas-141.
 */
import html2canvas from 'html2canvas-pro';
import * as z from 'zod/mini';
import { type EncodeBudget, encodeWithinBudget, scaledSize } from './encode';

const RenderRequestSchema = z.object({
  /** Rendering stops this far down (CSS px): beyond, the image is unreadable once uploaded. */
  maxHeightCss: z.int().check(z.minimum(1)),
  maxDeviceHeight: z.int().check(z.minimum(1)),
  budgetBytes: z.optional(z.int()),
  uploadLimitBytes: z.optional(z.int()),
});
export type RenderRequest = z.infer<typeof RenderRequestSchema>;

export const RenderResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    dataUrl: z.string(),
    width: z.int(),
    height: z.int(),
    /** The page's full height in CSS px, and the part rendered. */
    pageHeight: z.int(),
    renderedHeight: z.int(),
    ms: z.number(),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
type RenderResult = z.infer<typeof RenderResultSchema>;

/** The name under which the injected script leaves its renderer in the isolated world. */
export const RENDERER_GLOBAL = '__supportCaptureRenderFullPage';

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function pageBackground(): string {
  for (const element of [document.body, document.documentElement]) {
    if (!element) continue;
    const colour = getComputedStyle(element).backgroundColor;
    if (colour && colour !== 'transparent' && colour !== 'rgba(0, 0, 0, 0)') return colour;
  }
  return '#ffffff';
}

async function renderFullPage(request: RenderRequest): Promise<RenderResult> {
  const started = performance.now();
  const root = document.documentElement;
  const pageHeight = Math.max(root.scrollHeight, document.body?.scrollHeight ?? 0);
  const pageWidth = Math.max(root.clientWidth, Math.min(root.scrollWidth, 4 * innerWidth));
  const scale = devicePixelRatio || 1;
  const renderedHeight = Math.min(
    pageHeight,
    request.maxHeightCss,
    Math.floor(request.maxDeviceHeight / scale),
  );
  const { scrollX, scrollY } = window;
  // Render from the top: html2canvas places the page by the current scroll position.
  window.scrollTo(0, 0);
  try {
    const canvas = await html2canvas(root, {
      scale,
      width: pageWidth,
      height: renderedHeight,
      windowWidth: innerWidth,
      windowHeight: innerHeight,
      x: 0,
      y: 0,
      scrollX: 0,
      scrollY: 0,
      logging: false,
      useCORS: true,
      backgroundColor: pageBackground(),
      // Elements wholly below the rendered part are not cloned nor styled: on long pages this
      // is most of the work (a 14,000-element table: 4.5 s whole, far less when cut).
      ignoreElements:
        renderedHeight < pageHeight
          ? (element) => element.getBoundingClientRect().top > renderedHeight
          : undefined,
    });
    const size = { width: canvas.width, height: canvas.height };
    const budget: EncodeBudget = {
      budgetBytes: request.budgetBytes,
      uploadLimitBytes: request.uploadLimitBytes,
    };
    const encoded = await encodeWithinBudget(
      size,
      (k, type, quality) => {
        let source: HTMLCanvasElement = canvas;
        if (k !== 1) {
          const out = scaledSize(size, k);
          source = document.createElement('canvas');
          source.width = out.width;
          source.height = out.height;
          source.getContext('2d')?.drawImage(canvas, 0, 0, out.width, out.height);
        }
        return new Promise<Blob>((resolve, reject) =>
          source.toBlob(
            (blob) => (blob ? resolve(blob) : reject(new Error('The page could not be encoded.'))),
            type,
            quality,
          ),
        );
      },
      budget,
    );
    return {
      ok: true,
      dataUrl: await readAsDataUrl(encoded.blob),
      width: encoded.width,
      height: encoded.height,
      pageHeight,
      renderedHeight,
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    window.scrollTo(scrollX, scrollY);
  }
}

/** Called by the injected script: leaves the renderer where a later `executeScript` finds it. */
export function installFullPageRenderer(): void {
  Object.assign(globalThis, { [RENDERER_GLOBAL]: renderFullPage });
}
