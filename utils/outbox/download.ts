/**
 * Saves a report from an extension page: a Blob behind a temporary object URL and a click on
 * an `<a download>`. Pages only: the service worker has no DOM and no `URL.createObjectURL`.
 */
import type { Report } from './protocol';

export function saveReport(report: Report, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([report.content], { type: report.mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = report.fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoked later: Chromium starts the download asynchronously from the URL.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
