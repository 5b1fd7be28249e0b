/**
 * "Download report" without a portal connection: the delivery module's report page, built
 * here from a job that was never filed. Loaded with `import()` when the user asks for it.
 */
import { getBlob } from '@/utils/blob-store';
import { offlineJobInput } from '@/utils/composer/submit';
import { saveReport } from '@/utils/outbox/download';
import { type AttachmentRef, createJob } from '@/utils/outbox/job';
import { buildReportHtml, type ReportFile, reportFileName } from '@/utils/outbox/report';
import type { Draft } from '@/utils/ticket/draft';

export async function downloadOfflineReport(
  draft: Draft,
  attachments: readonly AttachmentRef[],
): Promise<void> {
  const job = createJob(offlineJobInput(draft, attachments), draft.captureRef, Date.now());
  const files: ReportFile[] = [];
  for (const file of job.attachments) {
    const stored = await getBlob(file.blobId);
    if (stored) files.push({ name: file.name, type: file.type, data: stored.blob });
  }
  saveReport({
    fileName: reportFileName(job),
    mimeType: 'text/html',
    content: await buildReportHtml(job, files),
  });
}
