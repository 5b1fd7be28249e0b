/**
 * What a content script sends to the background. Kept apart from the background's other
 * messages so the script that runs inside web pages bundles only these schemas.
 */
import * as z from 'zod/mini';
import { PageEventsForwardSchema } from '../capture/tab-record';
import { createSender, message } from './core';

export const fromPageProtocol = {
  // Content script -> background: new events of this tab, to keep across navigations.
  pageEvents: message(['content-script'], PageEventsForwardSchema, z.object({ stored: z.int() })),
} as const;

/** Sends one of `fromPageProtocol`'s messages to the background. */
export const sendMessage = createSender(fromPageProtocol);
