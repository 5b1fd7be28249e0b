/**
 * Every stored item, defined once: its area and key, its zod schema, its fallback and its
 * version. Reads are parsed; a value that does not fit (an old or corrupted one) yields the
 * fallback instead of crashing the reader, and is reported in the console.
 */
import { browser } from 'wxt/browser';
import { type StorageItemKey, storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import {
  CaptureSettingsSchema,
  DEFAULT_CAPTURE_SETTINGS,
  EnvironmentRuleSchema,
} from './capture/settings';
import { EMPTY_TAB_RECORD, TabRecordSchema } from './capture/tab-record';
import { StoredDraftRecordsSchema } from './composer/draft-record';
import { ColleagueSchema, MAX_SAVED_COLLEAGUES } from './outbox/people';
import { PortalCredentialsSchema, PortalSettingsSchema } from './portal/settings';
import { StoredProfilesSchema } from './profile/merge';
import { type PolicyRead, parseManagedPolicy } from './profile/policy';
import { ScreenshotSchema } from './screenshot/model';
import { SavedMappingsSchema } from './ticket/draft';

export interface StoredItem<T> {
  readonly key: StorageItemKey;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  /** Calls back with the new value and the one it replaced. */
  watch(callback: (value: T, previous: T) => void): () => void;
}

interface ItemOptions<T> {
  fallback: T;
  version?: number;
  migrations?: Record<number, (old: unknown) => unknown>;
}

export function defineStoredItem<S extends z.ZodMiniType>(
  key: StorageItemKey,
  schema: S,
  options: ItemOptions<z.infer<S>>,
): StoredItem<z.infer<S>> {
  type T = z.infer<S>;
  const item = storage.defineItem<T>(key, {
    fallback: options.fallback,
    version: options.version ?? 1,
    migrations: options.migrations as Record<number, (old: T) => T> | undefined,
  });
  const parse = (raw: unknown): T => {
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    console.warn(`Stored "${key}" did not fit its schema; using the default.`, result.error);
    return options.fallback;
  };
  return {
    key,
    get: async () => parse(await item.getValue()),
    set: (value) => item.setValue(schema.parse(value) as T),
    remove: () => item.removeValue(),
    watch: (callback) => item.watch((value, previous) => callback(parse(value), parse(previous))),
  };
}

/** Origins (scheme://host) where the user allowed always-on capture. */
export const allowedOriginsItem = defineStoredItem(
  'local:allowedOrigins',
  z.array(z.string().check(z.regex(/^(https?):\/\/[^/]+$/))),
  { fallback: [] },
);

/** Allowed origins where the user turned step recording (breadcrumbs) off. */
export const stepRecordingOffItem = defineStoredItem(
  'local:stepRecordingOff',
  z.array(z.string().check(z.regex(/^(https?):\/\/[^/]+$/))),
  { fallback: [] },
);

/** The portal connection (URL, sign-in method, email): not secret. */
export const portalSettingsItem = defineStoredItem(
  'local:portalSettings',
  z.nullable(PortalSettingsSchema),
  { fallback: null },
);

/**
 * The portal API token. `storage.local` only (never `sync`), read by the background alone: a
 * unit test fails if anything outside utils/portal/ and entrypoints/background.ts imports it.
 */
export const portalCredentialsItem = defineStoredItem(
  'local:portalCredentials',
  z.nullable(PortalCredentialsSchema),
  { fallback: null },
);

/** Capture and privacy settings: warnings on/off, e-mail masking, the user's own patterns. */
export const captureSettingsItem = defineStoredItem(
  'local:captureSettings',
  CaptureSettingsSchema,
  {
    fallback: DEFAULT_CAPTURE_SETTINGS,
  },
);

/** The user's ordered environment and product rules (host/path pattern -> environment). */
export const environmentRulesItem = defineStoredItem(
  'local:environmentRules',
  z.array(EnvironmentRuleSchema).check(z.maxLength(200)),
  { fallback: [] },
);

/**
 * A tab's recent page events and failed requests, kept by the background in `storage.session`
 * so they survive navigations and worker restarts; removed when the tab closes.
 */
export function tabCaptureItem(tabId: number) {
  return defineStoredItem(`session:tabCapture:${tabId}`, TabRecordSchema, {
    fallback: EMPTY_TAB_RECORD,
  });
}

/**
 * A tab's screenshots and attached files, in the order taken (metadata and annotations; the
 * bytes are in IndexedDB, see utils/blob-store.ts). Written by the background only; the
 * ticket draft adopts this list.
 */
export function tabScreenshotsItem(tabId: number) {
  return defineStoredItem(
    `local:tabScreenshots:${tabId}`,
    z.array(ScreenshotSchema).check(z.maxLength(50)),
    { fallback: [] },
  );
}

/** Tabs that have a stored screenshot list (for the clean-up, utils/screenshot/retention.ts). */
export async function screenshotTabIds(): Promise<number[]> {
  const keys = Object.keys(await browser.storage.local.get(null));
  return keys.flatMap((key) => {
    const match = /^tabScreenshots:(-?\d+)$/.exec(key);
    return match ? [Number(match[1])] : [];
  });
}

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
