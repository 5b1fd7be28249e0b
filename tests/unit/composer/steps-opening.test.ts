import { describe, expect, it } from 'vitest';
import { initialSteps, repeatsOpening } from '@/utils/ticket/draft';
import { T0 } from '../ticket/fixtures';

const URL_A = 'http://127.0.0.1:4000/console';

describe('recorded steps after the opening line', () => {
  it('drops a first "Opened" step that names the page the opening line opens', () => {
    const steps = initialSteps(
      URL_A,
      T0,
      '1. Opened /console (5 s before the error)\n2. Clicked button "Scale" (1 s before the error)\n3. Error in the console: boom',
    );
    expect(steps.split('\n')).toEqual([
      `1. Open ${URL_A} (captured 2026-05-04 11:22:05 UTC)`,
      '2. Clicked button "Scale" (1 s before the error)',
      '3. Error in the console: boom',
      '4. ',
    ]);
  });

  it('keeps a first step on another page, and later "Opened" steps', () => {
    expect(repeatsOpening('Opened /login (1 min before the error)', URL_A)).toBe(false);
    expect(repeatsOpening('Opened /console#/x (3 s before the error)', URL_A)).toBe(true);
    expect(repeatsOpening('Reloaded /console', URL_A)).toBe(true);
    expect(repeatsOpening('Clicked "Opened /console"', URL_A)).toBe(false);
    const steps = initialSteps(URL_A, T0, '1. Clicked "Go"\n2. Opened /console');
    expect(steps).toContain('3. Opened /console');
  });
});
