/** The composer's stored items: drafts, the last choice of request type, saved mappings. */
import * as z from 'zod/mini';
import { defineStoredItem } from '../stored-item';
import { SavedMappingsSchema } from '../ticket/draft';
import { StoredDraftRecordsSchema } from './draft-record';

/**
 * Ticket drafts being composed, keyed by tab and page URL, in `storage.local` so they survive a
 * browser restart; removed once their request is delivered. Each record is parsed on its own
 * by utils/composer/drafts.ts.
 */
export const composerDraftsItem = defineStoredItem(
  'local:composerDrafts',
  StoredDraftRecordsSchema,
  { fallback: {} },
);

/** The service desk and request type the user chose last, preselected next time. */
export const composerChoiceItem = defineStoredItem(
  'local:composerChoice',
  z.object({ serviceDeskId: z.optional(z.string()), requestTypeId: z.optional(z.string()) }),
  { fallback: {} },
);

/** Field mappings the user saved, per service desk and request type (`mappingKey`). */
export const savedMappingsItem = defineStoredItem('local:savedMappings', SavedMappingsSchema, {
  fallback: {},
});

/**
 * The background's cache of the portal's desks, request types and fields (utils/composer/
 * fields-cache.ts), in `storage.session` so a restarted worker answers the popup at once.
 */
const CacheEntrySchema = z.object({ value: z.unknown(), at: z.number() });
const PortalMetaCacheSchema = z.record(z.string(), CacheEntrySchema);
export type PortalMetaCache = z.infer<typeof PortalMetaCacheSchema>;

export const portalMetaCacheItem = defineStoredItem(
  'session:portalMetaCache',
  PortalMetaCacheSchema,
  { fallback: {} },
);
