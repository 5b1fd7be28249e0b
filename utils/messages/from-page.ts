/**
 * What a content script sends to the background (part of the background's protocol). The
 * page-context script sends these through page-side.ts, which checks the answers without zod.
 */
import * as z from 'zod/mini';
import { PageSettingsSchema } from '../capture/page-settings-schema';
import { PageEventsForwardSchema } from '../capture/tab-record';
import { message } from './core';

export const fromPageProtocol = {
  // Content script -> background: new events of this tab, to keep across navigations.
  pageEvents: message(['content-script'], PageEventsForwardSchema, z.object({ stored: z.int() })),
  // Content script -> background: the settings for this page's origin, since content scripts
  // cannot read storage (utils/storage-access.ts). The origin is the browser's, not the page's.
  getPageSettings: message(['content-script'], z.object({}), PageSettingsSchema),
} as const;
