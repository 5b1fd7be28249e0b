/** Imported vendor profiles and the organisation's managed policy. */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { defineStoredItem } from '../stored-item';
import { StoredProfilesSchema } from './merge';
import { type PolicyRead, parseManagedPolicy } from './policy';

/** Vendor profiles the user imported, and which profile is active (utils/profile/active.ts). */
export const vendorProfilesItem = defineStoredItem('local:vendorProfiles', StoredProfilesSchema, {
  fallback: { imported: {} },
});

/**
 * The organisation's policy, `storage.managed` (read-only; schema in public/managed-schema.json).
 * Read here alone; utils/profile/merge.ts decides where it wins over the user's settings.
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
