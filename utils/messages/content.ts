/** The content script's protocol (page-context): what the background and the popup ask a tab. */
import * as z from 'zod/mini';
import { TabEventsSchema } from '../capture/capture';
import { PageSettingsSchema } from '../capture/page-settings-schema';
import { createSender, type Handlers, message, onMessages } from './core';

export const contentProtocol = {
  // Background or popup -> content script: the page's buffered events.
  getPageEvents: message(['background', 'extension-page'], z.object({}), TabEventsSchema),
  // Background -> content script: the page settings changed (utils/capture/page-settings.ts).
  pageSettings: message(['background'], PageSettingsSchema, z.object({})),
} as const;

type ContentProtocol = typeof contentProtocol;

/** Sends to a tab's content script (`target` names the tab). */
export const sendMessage = createSender(contentProtocol);

/** Installs the content script's handlers: one per message of its protocol. */
export const onContentMessages = (handlers: Handlers<ContentProtocol>) =>
  onMessages(contentProtocol, handlers);
