import {
  type Breadcrumb,
  type BreadcrumbRecorder,
  recordingAllowed,
  startBreadcrumbRecorder,
} from './breadcrumbs';
import type { EarlyInput } from './early-collector';
import { allowedOriginsItem, stepRecordingOffItem } from './items';

/**
 * Records the user's steps in this page while the settings allow it: the origin has always-on
 * capture and the user did not turn step recording off for it. Follows changes of either
 * setting live (turning it off stops recording and forgets the trail).
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
  let origin = '';
  try {
    origin = doc.location.origin;
  } catch {
    // No location (detached document): never record.
  }
  let allowed: readonly string[] = [];
  let off: readonly string[] = [];
  let recorder: BreadcrumbRecorder | undefined;
  let started = false;
  let stopped = false;

  const apply = () => {
    if (stopped) return;
    const on = origin !== '' && recordingAllowed(origin, allowed, off);
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

  const unwatch = [
    allowedOriginsItem.watch((value) => {
      allowed = value;
      apply();
    }),
    stepRecordingOffItem.watch((value) => {
      off = value;
      apply();
    }),
  ];
  void Promise.all([allowedOriginsItem.get(), stepRecordingOffItem.get()])
    .then(([allowedNow, offNow]) => {
      allowed = allowedNow;
      off = offNow;
      apply();
    })
    .catch(() => {
      // Settings unreadable: do not record.
    });

  return {
    /** The trail, oldest first; empty when not recording. */
    snapshot(): Breadcrumb[] {
      return recorder?.snapshot() ?? [];
    },
    get recording(): boolean {
      return recorder !== undefined;
    },
    stop() {
      stopped = true;
      recorder?.stop();
      recorder = undefined;
      for (const stop of unwatch) stop();
    },
  };
}

export type StepRecording = ReturnType<typeof startStepRecording>;

/** Turns step recording on or off for one origin (the options page's switch). */
export async function setStepRecording(origin: string, record: boolean): Promise<string[]> {
  const normalized = new URL(origin).origin;
  const off = (await stepRecordingOffItem.get()).filter((item) => item !== normalized);
  const next = record ? off : [...off, normalized];
  await stepRecordingOffItem.set(next);
  return next;
}
