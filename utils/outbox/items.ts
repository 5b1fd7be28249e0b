/** The outbox's stored items: delivery jobs and saved colleagues. */
import * as z from 'zod/mini';
import { defineStoredItem } from '../stored-item';
import { ColleagueSchema, MAX_SAVED_COLLEAGUES } from './people';

/**
 * The outbox's delivery jobs, keyed by job id. Each record is parsed on its own by
 * utils/outbox/store.ts (one record of an older shape must not hide every other job); the
 * files are in IndexedDB.
 */
export const outboxJobsItem = defineStoredItem(
  'local:outboxJobs',
  z.record(z.string(), z.unknown()),
  { fallback: {} },
);

/** Colleagues the user shared requests with, newest first: offered again by "Share". */
export const savedColleaguesItem = defineStoredItem(
  'local:savedColleagues',
  z.array(ColleagueSchema).check(z.maxLength(MAX_SAVED_COLLEAGUES)),
  { fallback: [] },
);
