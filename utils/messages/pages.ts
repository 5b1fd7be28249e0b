/** The extension pages' protocol (popup, editor): what the background tells them. */
import * as z from 'zod/mini';
import { CaptureProgressSchema } from '../screenshot/protocol';
import { createSender, type Handlers, message, onMessages } from './core';

export const pagesProtocol = {
  // Background -> extension pages: how far a full-page capture got.
  captureProgress: message(['background'], CaptureProgressSchema, z.object({})),
} as const;

type PagesProtocol = typeof pagesProtocol;

/** Sends to the open extension pages. */
export const sendMessage = createSender(pagesProtocol);

/** Installs an extension page's handlers: one per message of its protocol. */
export const onPageMessages = (handlers: Handlers<PagesProtocol>) =>
  onMessages(pagesProtocol, handlers);
