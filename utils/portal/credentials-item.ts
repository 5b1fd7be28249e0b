/** The portal's secret, stored apart so that nothing but the background imports it. */
import * as z from 'zod/mini';
import { defineStoredItem } from '../stored-item';
import { PortalCredentialsSchema } from './settings';

/**
 * The portal API token. `storage.local` only (never `sync`), read by the background alone: a
 * unit test fails if anything outside utils/portal/ and entrypoints/background.ts imports it.
 */
export const portalCredentialsItem = defineStoredItem(
  'local:portalCredentials',
  z.nullable(PortalCredentialsSchema),
  { fallback: null },
);
