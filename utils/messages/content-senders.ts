import type { SenderKind } from './core';

/**
 * Who may send each message of the content script's protocol (content.ts). Apart, without
 * schemas, so the page-side receiver (page-side.ts) checks senders from the same list.
 */
export const CONTENT_SENDERS = {
  getPageEvents: ['background', 'extension-page'],
  pageSettings: ['background'],
} as const satisfies Record<string, readonly SenderKind[]>;
