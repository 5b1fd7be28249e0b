/**
 * The summary as sent: one line, redacted, ending with the capture reference in brackets
 * (` [SC-7F3K9Q]`) within Jira's 255 characters. JSM's request search matches the summary
 * (`searchTerm`, docs/jsm-portal.md#request-search), so the outbox finds a request again by
 * this suffix.
 */
import { redact } from '../privacy/redact';

const MAX_SUMMARY = 255;

function referenceSuffix(reference: string): string {
  return ` [${reference}]`;
}

export function summaryWithReference(summary: string, reference: string): string {
  const suffix = referenceSuffix(reference);
  let text = redact(summary.replace(/\s*[\r\n]+\s*/g, ' ').trim());
  if (text.endsWith(suffix)) text = text.slice(0, -suffix.length);
  const room = MAX_SUMMARY - suffix.length;
  if (text.length > room) text = `${text.slice(0, room - 1).trimEnd()}…`;
  return `${text}${suffix}`;
}
