/** The background's screenshot handlers, one function per message. */
import type { AnnotationDoc } from './annotations';
import { cancelFullPage, runFullPageJob } from './full-page';
import * as library from './library';
import type { Screenshot } from './model';
import type { CaptureProgress } from './protocol';
import { captureVisibleImage } from './visible';

export async function captureVisible(
  tabId: number,
  uploadLimitBytes?: number,
): Promise<Screenshot> {
  const image = await captureVisibleImage(tabId, { uploadLimitBytes });
  return library.addImage(tabId, { ...image, source: 'visible' });
}

/** `tell` carries the progress to the extension pages (the background wires it to them). */
export function captureFullPage(
  tabId: number,
  jobId: string,
  tell: (progress: CaptureProgress) => Promise<unknown>,
  uploadLimitBytes?: number,
): Promise<Screenshot> {
  return runFullPageJob(
    tabId,
    jobId,
    (progress) => {
      // Nobody may be listening (the popup closed): the job goes on and its result is stored.
      tell({ jobId, tabId, ...progress }).catch(() => undefined);
    },
    { uploadLimitBytes },
  );
}

export const cancelCapture = (jobId: string) => ({ cancelled: cancelFullPage(jobId) });

export const listScreenshots = async (tabId: number) => ({
  screenshots: await library.listScreenshots(tabId),
});

export const saveAnnotations = (
  tabId: number,
  id: string,
  annotations: AnnotationDoc,
  uploadLimitBytes?: number,
) => library.saveAnnotations(tabId, id, annotations, { uploadLimitBytes });

export const addFile = (tabId: number, blobId: string) => library.addFile(tabId, blobId);

export const removeScreenshot = async (tabId: number, id: string) => ({
  screenshots: await library.removeScreenshot(tabId, id),
});
