/**
 * What a page-side script needs of the user's settings. Content scripts get it by message
 * (utils/messages/from-page.ts, utils/messages/content.ts), never from storage, so storage can
 * stay closed to them (utils/storage-access.ts).
 */
import * as z from 'zod/mini';
import { CaptureSettingsSchema } from './settings';

export const PageSettingsSchema = z.object({
  captureSettings: CaptureSettingsSchema,
  /** Whether this page's exact origin (scheme, host and port) records the user's steps. */
  recordSteps: z.boolean(),
});

export type PageSettings = z.infer<typeof PageSettingsSchema>;
