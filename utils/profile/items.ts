/** Imported vendor profiles and the organisation's managed policy. */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { defineStoredItem } from '../stored-item';
import { type PolicyRead, parseManagedPolicy } from './policy';
import { VendorProfileSchema } from './vendor-profiles';

/** The user's profiles: those imported, and which one is active (a built-in's or an import's id). */
const StoredProfilesSchema = z.object({
  activeId: z.optional(z.string()),
  imported: z._default(z.record(z.string(), VendorProfileSchema), {}),
});
export type StoredProfiles = z.infer<typeof StoredProfilesSchema>;

/** Vendor profiles the user imported, and which profile is active (utils/settings/effective.ts). */
export const vendorProfilesItem = defineStoredItem('local:vendorProfiles', StoredProfilesSchema, {
  fallback: { imported: {} },
});

/**
 * The organisation's policy, `storage.managed` (read-only; schema in public/managed-schema.json).
 * Read here alone; utils/settings/merge.ts decides where it wins over the user's settings.
 */
export const managedPolicy = {
  async get(): Promise<PolicyRead> {
    try {
      return parseManagedPolicy(await storage.snapshot('managed'));
    } catch {
      // No policy: Firefox rejects when no managed storage manifest is installed.
      return parseManagedPolicy({});
    }
  },
  watch(callback: () => void): () => void {
    const listener = (_changes: unknown, area: string) => {
      if (area === 'managed') callback();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};
