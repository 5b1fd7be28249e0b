/**
 * The connection in force (the saved one under the organisation's policy) is merged by
 * utils/settings/, which reads the portal's stored connection to do it. So the portal does
 * not import the settings: the background hands it their reader at start, the way the
 * settings configure the redaction (utils/settings/effective.ts, `connectionReader`).
 */
import type { AuthMethod, PortalSettings } from './settings';

export interface ConnectionInForce {
  /** The saved connection with the organisation's portal and sign-in method; null when none. */
  read(): Promise<PortalSettings | null>;
  /** What the organisation sets: a saved connection may not contradict it. */
  managed(): Promise<{ portalUrl?: string; authMethod?: AuthMethod }>;
}

let reader: ConnectionInForce | undefined;

/** Called once by the background at start (and by tests of the portal service). */
export function readConnectionWith(source: ConnectionInForce): void {
  reader = source;
}

export function connectionInForce(): ConnectionInForce {
  if (!reader) {
    throw new Error(
      'The portal service ran before the background handed it the settings (readConnectionWith).',
    );
  }
  return reader;
}
