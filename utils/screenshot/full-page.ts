/**
 * Full-page capture, run by the background. The page is rendered from its DOM by
 * html2canvas-pro (injected on demand); where a rendering cannot be right (frames from other
 * sites, canvas and video, very large pages) or fails or takes too long, the page is captured
 * screen by screen with captureVisibleTab and joined, within the 2-per-second quota; and when
 * that fails too, the visible area is taken. The result says which method was used.
 */
import { AppError } from '../errors';
import type { EncodeBudget } from './encode';
import { inspectPage, renderFromDom } from './full-page-dom';
import { checkCancelled, type FullPageJob, type Progress } from './full-page-job';
import {
  DEFAULT_LIMITS,
  type FullPageLimits,
  type PageFacts,
  planFullPage,
} from './full-page-plan';
import { stitch } from './full-page-stitch';
import { addImage } from './library';
import type { NoteWords, Screenshot } from './model';
import { captureVisibleImage, getTab, withTabInFront } from './visible';

const joinNotes = (...notes: (string | undefined)[]) =>
  notes.filter((note) => note !== undefined).join(' ') || undefined;

/** Takes a full-page screenshot of the tab and stores it; says in `note` how it was made. */
async function captureFullPage(job: FullPageJob): Promise<Screenshot> {
  const limits = job.limits ?? DEFAULT_LIMITS;
  await getTab(job.tabId);
  job.onProgress({ phase: 'inspecting', done: 0, total: 1 });
  const facts = await inspectPage(job.tabId);
  const plan = planFullPage(facts, limits);
  checkCancelled(job.signal);

  if (plan.method === 'dom') {
    job.onProgress({ phase: 'rendering', done: 0, total: 1 });
    try {
      // In front: a background tab's timers are throttled, which stalls the rendering.
      const picture = await withTabInFront(job.tabId, () => renderFromDom(job, limits));
      return addImage(job.tabId, {
        ...picture,
        source: 'full-page',
        note: picture.note,
        noteWords: picture.noteWords ? [picture.noteWords] : undefined,
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'cancelled') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      return stitchOrVisible(
        job,
        facts,
        limits,
        `The page rendering failed (${reason}), so the page was taken screen by screen.`,
        { key: 'screenshot_noteRenderFailed' },
      );
    }
  }
  if (plan.method === 'stitch') {
    return stitchOrVisible(job, facts, limits, plan.note, { key: plan.noteKey });
  }
  const visible = await captureVisibleImage(job.tabId, job.budget);
  return addImage(job.tabId, {
    ...visible,
    source: 'visible',
    note: plan.note,
    noteWords: [{ key: plan.noteKey }],
  });
}

async function stitchOrVisible(
  job: FullPageJob,
  facts: PageFacts,
  limits: FullPageLimits,
  note: string,
  words: NoteWords,
): Promise<Screenshot> {
  try {
    const picture = await stitch(job, facts, limits);
    return addImage(job.tabId, {
      ...picture,
      source: 'stitched',
      note: joinNotes(note, picture.note),
      noteWords: picture.noteWords ? [words, picture.noteWords] : [words],
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'cancelled') throw error;
    checkCancelled(job.signal);
    const visible = await captureVisibleImage(job.tabId, job.budget);
    return addImage(job.tabId, {
      ...visible,
      source: 'visible',
      note: 'The full page could not be taken, so only the visible area was.',
      noteWords: [{ key: 'screenshot_noteVisibleOnly' }],
    });
  }
}

const jobs = new Map<string, AbortController>();

/** Background entry: runs a job under `jobId` so that `cancelFullPage(jobId)` can stop it. */
export async function runFullPageJob(
  tabId: number,
  jobId: string,
  onProgress: (progress: Progress) => void,
  budget?: EncodeBudget,
): Promise<Screenshot> {
  const controller = new AbortController();
  jobs.set(jobId, controller);
  try {
    return await captureFullPage({ tabId, signal: controller.signal, onProgress, budget });
  } finally {
    jobs.delete(jobId);
  }
}

export function cancelFullPage(jobId: string): boolean {
  const controller = jobs.get(jobId);
  controller?.abort();
  return controller !== undefined;
}
