/**
 * How a full page is taken, decided from the page's measurements alone (utils/screenshot/
 * full-page.ts runs the plan): the visible area, a DOM rendering, or screens joined.
 */
import * as z from 'zod/mini';
import type { ScreenshotNoteKey } from './model';

export const PageFactsSchema = z.object({
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

export interface FullPageLimits {
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

export const DEFAULT_LIMITS: FullPageLimits = {
  // About eight screens: the 14,000-element page renders in < 2.5 s cut here (bench).
  maxHeightCss: 6_000,
  maxDeviceHeight: 16_384,
  maxStitchFrames: 12,
  renderTimeoutMs: 15_000,
  maxElements: 60_000,
};

type FullPagePlan =
  | { method: 'visible'; note: string; noteKey: ScreenshotNoteKey }
  | { method: 'dom'; note?: string }
  | { method: 'stitch'; note: string; noteKey: ScreenshotNoteKey };

export function planFullPage(
  facts: PageFacts,
  limits: FullPageLimits = DEFAULT_LIMITS,
): FullPagePlan {
  if (facts.pageHeight <= facts.viewportHeight + 1) {
    return {
      method: 'visible',
      note: 'The whole page fits in the window, so the visible area was taken.',
      noteKey: 'screenshot_notePageFits',
    };
  }
  if (facts.foreignFrames > 0 || facts.drawnMedia > 0) {
    return {
      method: 'stitch',
      note: 'The page shows frames, charts or video that a page rendering cannot draw, so it was taken screen by screen.',
      noteKey: 'screenshot_noteFramesStitched',
    };
  }
  if (facts.elements > limits.maxElements) {
    return {
      method: 'stitch',
      note: 'The page is too large to render quickly, so it was taken screen by screen.',
      noteKey: 'screenshot_noteTooLargeStitched',
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
