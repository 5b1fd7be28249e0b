/**
 * Timing figures depend on what else the machine runs: each timing benchmark prints the load
 * average next to its figures, so a reader can tell a quiet run from a busy one.
 */
import { availableParallelism, loadavg } from 'node:os';

export function loadNote(): string {
  const [one = 0] = loadavg();
  const cores = availableParallelism();
  const busy =
    one > cores ? ' (busy: timings are inflated and noisy; compare interleaved figures only)' : '';
  return `Machine load: ${one.toFixed(1)} over the last minute on ${cores} cores${busy}.`;
}
