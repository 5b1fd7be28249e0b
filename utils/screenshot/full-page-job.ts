/** What the parts of a full-page capture share: the job, its progress, its picture. */
import { AppError } from '../errors';
import type { EncodeBudget } from './encode';
import type { FullPageLimits } from './full-page-plan';
import type { NoteWords } from './model';

export type Progress = {
  phase: 'inspecting' | 'rendering' | 'stitching' | 'encoding';
  done: number;
  total: number;
};

export interface FullPageJob {
  tabId: number;
  signal: AbortSignal;
  onProgress: (progress: Progress) => void;
  budget?: EncodeBudget;
  limits?: FullPageLimits;
}

export function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new AppError({
      code: 'cancelled',
      message: 'The full-page capture was cancelled.',
      messageKey: 'error_fullPageCancelled',
    });
  }
}

export interface Picture {
  blob: Blob;
  width: number;
  height: number;
  note?: string;
  noteWords?: NoteWords;
}
