import { describe, expect, it } from 'vitest';
import { initialSteps } from '@/utils/ticket/draft';
import { T0 } from '../ticket/fixtures';

const URL_A = 'http://127.0.0.1:4000/console';

describe('steps in the order they happened', () => {
  it('starts where the recorded trail starts, then the actions, then the error', () => {
    const steps = initialSteps(
      URL_A,
      T0,
      '1. Opened /login (12 s before the first error)\n2. Clicked link "Console" and went to /console\n3. Clicked button "Scale"\n4. Error in the console: boom',
    );
    expect(steps.split('\n')).toEqual([
      '1. Opened /login (12 s before the first error)',
      '2. Clicked link "Console" and went to /console',
      '3. Clicked button "Scale"',
      '4. Error in the console: boom',
      '5. ',
    ]);
  });

  it('opens with the captured page when the user stayed on it', () => {
    const steps = initialSteps(
      URL_A,
      T0,
      '1. Clicked button "Scale"\n2. Error in the console: boom',
    );
    expect(steps.split('\n')).toEqual([
      `1. Open ${URL_A} (captured 2026-05-04 11:22:05 UTC)`,
      '2. Clicked button "Scale"',
      '3. Error in the console: boom',
      '4. ',
    ]);
    expect(initialSteps(URL_A, T0)).toBe(
      `1. Open ${URL_A} (captured 2026-05-04 11:22:05 UTC)\n2. `,
    );
  });
});
