/** The capture side's stored items: allowed origins, step recording, capture settings, tab records. */
import * as z from 'zod/mini';
import { defineStoredItem } from '../stored-item';
import { CaptureSettingsSchema, DEFAULT_CAPTURE_SETTINGS, EnvironmentRuleSchema } from './settings';
import { EMPTY_TAB_RECORD, TabRecordSchema } from './tab-record';

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
