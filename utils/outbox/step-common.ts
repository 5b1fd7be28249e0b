/** What the delivery steps share: their signature, error info, the created request's key. */
import { AppError, type ErrorInfo } from '../errors';
import type { Job } from './job';
import type { RunnerDeps } from './ports';

/** One step of the job (runner.ts); `save` persists the job (write-ahead). */
export type StepRunner = (state: Job, deps: RunnerDeps, save: () => Promise<void>) => Promise<void>;

export function toInfo(error: unknown): ErrorInfo {
  return AppError.from(error).info;
}

export function issueKeyOf(state: Job): string {
  const key = state.result.issueKey;
  if (!key) {
    throw new AppError({
      code: 'internal',
      message:
        'The delivery lost track of the request it created. Check "My requests" in the portal.',
      messageKey: 'error_createdLost',
    });
  }
  return key;
}
