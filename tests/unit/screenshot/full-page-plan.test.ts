import { describe, expect, it } from 'vitest';
import { type PageFacts, planFullPage, stitchPositions } from '@/utils/screenshot/full-page-plan';

const page = (over: Partial<PageFacts>): PageFacts => ({
  pageHeight: 2160,
  pageWidth: 1280,
  viewportHeight: 720,
  viewportWidth: 1280,
  devicePixelRatio: 1,
  elements: 200,
  foreignFrames: 0,
  drawnMedia: 0,
  ...over,
});

describe('planFullPage', () => {
  it.each([
    [page({}), 'dom'],
    [page({ pageHeight: 720 }), 'visible'],
    [page({ foreignFrames: 1 }), 'stitch'],
    [page({ drawnMedia: 2 }), 'stitch'],
    [page({ elements: 100_000 }), 'stitch'],
  ])('%o -> %s', (facts, method) => {
    const plan = planFullPage(facts);
    expect(plan.method).toBe(method);
    if (method !== 'dom') expect(plan.note).toBeTruthy();
  });
});

describe('stitchPositions', () => {
  it('covers the page a screen at a time, the last flush with the end', () => {
    expect(stitchPositions(2000, 720, 10)).toEqual([0, 720, 1280]);
    expect(stitchPositions(2160, 720, 10)).toEqual([0, 720, 1440]);
    expect(stitchPositions(600, 720, 10)).toEqual([0]);
  });

  it('stops at the frame limit', () => {
    expect(stitchPositions(100_000, 720, 3)).toEqual([0, 720, 1440]);
  });
});
