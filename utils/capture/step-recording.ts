import type { EarlyInput } from './early-collector';
import type { Breadcrumb } from './steps/breadcrumb';
import { type BreadcrumbRecorder, startBreadcrumbRecorder } from './steps/recorder';

/**
 * Records the user's steps in this page while the background says so (`setRecording`): the
 * exact origin has always-on capture and the user did not turn step recording off for it.
 * Turning it off stops recording and forgets the trail. Nothing is recorded until told.
 *
 * Started by the ISOLATED-world page-context script. On allowed origins the early collector
 * ran from `document_start`, so the trail starts with the page load (`loadStartedAt`). Injected on demand into a page of an allowed
 * origin that was open before (the popup opened), recording starts then, without a load step.
 * On origins that are not allowed it never records.
 */
export function startStepRecording(
  doc: Document,
  loadStartedAt?: number,
  earlyInputs: readonly EarlyInput[] = [],
) {
  // Started by the early collector's page load, or by a script that itself runs at load.
  const atLoad = loadStartedAt !== undefined || doc.readyState === 'loading';
  const loadTime = loadStartedAt ?? Date.now();
  let hasOrigin = false;
  try {
    hasOrigin = doc.location.origin !== '' && doc.location.origin !== 'null';
  } catch {
    // No location (detached document): never record.
  }
  let on = false;
  let recorder: BreadcrumbRecorder | undefined;
  let started = false;
  let stopped = false;

  const apply = () => {
    if (stopped) return;
    if (on && !recorder) {
      // Only the first start can claim the page load; a later one starts from now.
      recorder = startBreadcrumbRecorder(doc, {
        loadTime,
        recordLoad: atLoad && !started,
        // What the user did before this script was injected (after the load event).
        earlyInputs: started ? [] : earlyInputs,
      });
      started = true;
    } else if (!on && recorder) {
      recorder.stop();
      recorder = undefined;
    }
  };

  return {
    /** The trail, oldest first; empty when not recording. */
    snapshot(): Breadcrumb[] {
      return recorder?.snapshot() ?? [];
    },
    get recording(): boolean {
      return recorder !== undefined;
    },
    /** The background's word for this page (utils/capture/page-settings.ts). */
    setRecording(record: boolean) {
      on = record && hasOrigin;
      apply();
    },
    stop() {
      stopped = true;
      recorder?.stop();
      recorder = undefined;
    },
  };
}

export type StepRecording = ReturnType<typeof startStepRecording>;
