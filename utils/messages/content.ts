/**
 * The content script's protocol (page-context): what the background and the popup ask a tab.
 * The page-context script receives these through page-side.ts, without zod.
 */
import * as z from 'zod/mini';
import { TabEventsSchema } from '../capture/capture';
import { PageSettingsSchema } from '../capture/page-settings-schema';
import { CONTENT_SENDERS } from './content-senders';
import { createSender, message } from './core';

export const contentProtocol = {
  // Background or popup -> content script: the page's buffered events.
  getPageEvents: message(CONTENT_SENDERS.getPageEvents, z.object({}), TabEventsSchema),
  // Background -> content script: the page settings changed (utils/capture/page-settings.ts).
  pageSettings: message(CONTENT_SENDERS.pageSettings, PageSettingsSchema, z.object({})),
} as const;

export type ContentProtocol = typeof contentProtocol;

/** Sends to a tab's content script (`target` names the tab). */
export const sendMessage = createSender(contentProtocol);
