/**
 * How the background reaches the page script of a tab. The content-script protocol
 * (utils/messages/content.ts) is declared with capture's schemas, so capture does not import
 * it back: the background's wiring connects the two (`connectPagePort` at start).
 */
import { AppError } from '../errors';
import type { TabEvents } from './capture';
import type { PageSettings } from './page-settings-schema';

export interface PagePort {
  /** What the page script of the tab holds now. */
  getPageEvents(tabId: number): Promise<TabEvents>;
  /** Hands the tab's page script its settings. */
  sendPageSettings(tabId: number, settings: PageSettings): Promise<unknown>;
}

let connected: PagePort | undefined;

export function connectPagePort(port: PagePort): void {
  connected = port;
}

export function pagePort(): PagePort {
  if (!connected) {
    throw new AppError({
      code: 'internal',
      message: 'The capture is not connected to the pages. Reload the extension and try again.',
      messageKey: 'error_captureNotConnected',
    });
  }
  return connected;
}
