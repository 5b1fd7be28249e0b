import { describe, expect, it } from 'vitest';
import { BreadcrumbTrail } from '@/utils/capture/steps/trail';

describe('BreadcrumbTrail', () => {
  it('folds identical consecutive actions and bounds count and age', () => {
    let now = 1_000;
    const trail = new BreadcrumbTrail({ maxCrumbs: 3, maxAgeMs: 10_000, now: () => now });
    const clickAt = (time: number, label: string) =>
      trail.push({ kind: 'click', time, label, role: 'button', location: '/' });
    clickAt(1_000, 'Save');
    clickAt(2_000, 'Save');
    clickAt(3_000, 'Save');
    expect(trail.snapshot()).toEqual([
      expect.objectContaining({ label: 'Save', count: 3, time: 1_000, lastTime: 3_000 }),
    ]);
    clickAt(4_000, 'A');
    clickAt(5_000, 'B');
    clickAt(6_000, 'C');
    expect(trail.snapshot().map((crumb) => crumb.label)).toEqual(['A', 'B', 'C']);
    expect(trail.dropped).toBe(1);
    now = 15_500;
    expect(trail.snapshot().map((crumb) => crumb.label)).toEqual(['C']);
  });

  it('does not fold the same click far apart in time, nor routes and loads', () => {
    const trail = new BreadcrumbTrail();
    trail.push({ kind: 'click', time: 0, label: 'Save', location: '/' });
    trail.push({ kind: 'click', time: 60_000, label: 'Save', location: '/' });
    trail.push({ kind: 'route', time: 60_001, location: '/a' });
    trail.push({ kind: 'route', time: 60_002, location: '/a' });
    expect(trail.size).toBe(4);
  });

  it('folds scrolls however far apart, and clears', () => {
    const trail = new BreadcrumbTrail({ now: () => 100_000 });
    trail.push({ kind: 'scroll', time: 0, location: '/' });
    trail.push({ kind: 'scroll', time: 60_000, location: '/' });
    expect(trail.snapshot()).toEqual([
      { kind: 'scroll', time: 0, lastTime: 60_000, count: 2, label: '', location: '/' },
    ]);
    trail.clear();
    expect(trail.size).toBe(0);
    expect(trail.dropped).toBe(0);
  });

  it('hands out copies', () => {
    const trail = new BreadcrumbTrail();
    trail.push({ kind: 'click', time: Date.now(), label: 'Save', location: '/' });
    const [copy] = trail.snapshot();
    if (copy) copy.label = 'changed';
    expect(trail.snapshot()[0]?.label).toBe('Save');
  });
});
