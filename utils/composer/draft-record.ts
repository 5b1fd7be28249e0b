/**
 * Stored drafts: one record per tab and page URL. Framework-free functions over the record
 * map; utils/composer/drafts.ts reads and writes it in `storage.local`.
 *
 * Why tab + URL, with a fallback by URL alone: tab ids are not stable across a browser
 * restart, so a reopened tab gets a new id; its URL still finds the draft.
 */
import * as z from 'zod/mini';
import { type Draft, DraftSchema } from '../ticket/draft';

const DraftRecordSchema = z.object({
  tabId: z.int(),
  url: z.string(),
  draft: DraftSchema,
  savedAt: z.number(),
  /** The outbox job filed from this draft, once the user sent it. */
  jobId: z.optional(z.string()),
});
export type DraftRecord = z.infer<typeof DraftRecordSchema>;

export type DraftRecords = Record<string, DraftRecord>;

/**
 * Stored records, each parsed on its own: one draft of an older shape must not hide the
 * others. Those that do not fit are left out.
 */
export const StoredDraftRecordsSchema = z.record(z.string(), z.unknown());

export function parseDraftRecords(raw: Readonly<Record<string, unknown>>): DraftRecords {
  const records: DraftRecords = {};
  for (const [key, value] of Object.entries(raw)) {
    const record = DraftRecordSchema.safeParse(value);
    if (record.success) records[key] = record.data;
  }
  return records;
}

/** Drafts kept at most; the oldest go first (each may hold a few tens of KB of logs). */
const MAX_DRAFTS = 30;

export function draftKey(tabId: number, url: string): string {
  return `${tabId} ${url}`;
}

/**
 * The draft for a tab and URL: its own record, else the newest record of the same URL whose
 * tab is gone (a restarted browser gives tabs new ids). A record of a tab that is still open
 * belongs to that tab and is not taken over.
 */
export function findDraftRecord(
  records: DraftRecords,
  tabId: number,
  url: string,
  isTabOpen: (tabId: number) => boolean = () => false,
): DraftRecord | undefined {
  const own = records[draftKey(tabId, url)];
  if (own) return own;
  return Object.values(records)
    .filter((r) => r.url === url && r.tabId !== tabId && !isTabOpen(r.tabId))
    .sort((a, b) => b.savedAt - a.savedAt)[0];
}

/** Records with this one put under its tab and URL (replacing an adopted one), bounded. */
export function putDraftRecord(
  records: DraftRecords,
  record: DraftRecord,
  max = MAX_DRAFTS,
): DraftRecords {
  const next: DraftRecords = {};
  for (const [key, value] of Object.entries(records)) {
    // The same draft adopted by a new tab: one record, under the new key.
    if (value.draft.captureRef !== record.draft.captureRef) next[key] = value;
  }
  next[draftKey(record.tabId, record.url)] = record;
  const keys = Object.keys(next).sort((a, b) => (next[b]?.savedAt ?? 0) - (next[a]?.savedAt ?? 0));
  for (const key of keys.slice(max)) delete next[key];
  return next;
}

/** Records without the drafts of these capture references. */
export function withoutDrafts(records: DraftRecords, captureRefs: Iterable<string>): DraftRecords {
  const refs = new Set(captureRefs);
  const next: DraftRecords = {};
  for (const [key, value] of Object.entries(records)) {
    if (!refs.has(value.draft.captureRef)) next[key] = value;
  }
  return next;
}

/** What the outbox stores of a job that matters here (the rest is the outbox's business). */
const JobStatusViewSchema = z.looseObject({
  captureReference: z.string(),
  status: z.string(),
});

/** Capture references of delivered jobs, from the outbox's stored job records. */
export function deliveredReferences(jobs: Readonly<Record<string, unknown>>): string[] {
  const refs: string[] = [];
  for (const raw of Object.values(jobs)) {
    const job = JobStatusViewSchema.safeParse(raw);
    if (job.success && job.data.status === 'delivered') refs.push(job.data.captureReference);
  }
  return refs;
}

export function newDraftRecord(tabId: number, url: string, draft: Draft, now: number): DraftRecord {
  return { tabId, url, draft, savedAt: now };
}
