/**
 * "Download report": the request text and its files as one self-contained HTML page (images
 * inline as data URLs, other files as download links), for when the portal cannot be reached
 * or the user wants to send it another way. HTML rather than a zip: it opens anywhere, shows
 * the screenshots at once, and needs no library in the bundle.
 *
 * Every string comes from the job, which holds what the composer built from redacted
 * captures; it is escaped here, never interpreted.
 */
import type { Job } from './job';

export interface ReportFile {
  name: string;
  type: string;
  data: Blob;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

async function dataUrl(blob: Blob, type: string): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  // Only image types render inline; anything else is offered as a download.
  const safeType = /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : 'application/octet-stream';
  return `data:${safeType};base64,${btoa(binary)}`;
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

/** A file name for the report: the issue key or the capture reference, made safe. */
export function reportFileName(job: Pick<Job, 'captureReference' | 'result'>): string {
  const base = job.result.issueKey ?? job.captureReference;
  return `support-report-${base.replace(/[^\w-]/g, '_')}.html`;
}

export async function buildReportHtml(job: Job, files: readonly ReportFile[]): Promise<string> {
  const fields = Object.entries(job.requestFieldValues)
    .map(
      ([id, value]) =>
        `<dt>${escapeHtml(id)}</dt><dd><pre>${escapeHtml(fieldText(value))}</pre></dd>`,
    )
    .join('\n');
  const parts: string[] = [];
  for (const file of files) {
    const url = await dataUrl(file.data, file.type);
    const name = escapeHtml(file.name);
    parts.push(
      /^image\/(png|jpeg|gif|webp)$/.test(file.type)
        ? `<figure><img src="${url}" alt="${name}"><figcaption>${name}</figcaption></figure>`
        : `<p><a download="${name}" href="${url}">${name}</a> (${file.data.size} bytes)</p>`,
    );
  }
  const filed = job.result.issueKey
    ? `<p>Filed as <a href="${escapeHtml(job.result.webUrl ?? '#')}">${escapeHtml(job.result.issueKey)}</a>.</p>`
    : '<p>Not filed in the portal yet.</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(job.summary || job.captureReference)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{white-space:pre-wrap}img{max-width:100%;border:1px solid #ccc}dt{font-weight:600}</style>
</head>
<body>
<h1>${escapeHtml(job.summary || 'Support request')}</h1>
<p>Capture reference: ${escapeHtml(job.captureReference)}</p>
${filed}
<h2>Request</h2>
<dl>
${fields}
</dl>
<h2>Attachments</h2>
${parts.join('\n') || '<p>None.</p>'}
</body>
</html>
`;
}
