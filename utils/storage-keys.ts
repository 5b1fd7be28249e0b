/**
 * Every key the extension stores, in one list: a stored item (utils/stored-item.ts) takes its
 * key from here, so two owners cannot take the same key by accident, and this file tells what
 * the extension keeps. The items are defined by their owners (utils/<feature>/items.ts).
 */
export const STORAGE_KEYS = [
  'local:allowedOrigins',
  'local:stepRecordingOff',
  'local:captureSettings',
  'local:environmentRules',
  'local:portalSettings',
  'local:portalCredentials',
  'local:outboxJobs',
  'local:savedColleagues',
  'local:composerDrafts',
  'local:composerChoice',
  'local:savedMappings',
  'local:vendorProfiles',
  'session:portalMetaCache',
] as const;

/** Keys with one item per tab: `<prefix>:<tabId>`. */
export const PER_TAB_KEY_PREFIXES = ['session:tabCapture', 'local:tabScreenshots'] as const;

export type StoredKey =
  | (typeof STORAGE_KEYS)[number]
  | `${(typeof PER_TAB_KEY_PREFIXES)[number]}:${number}`;
