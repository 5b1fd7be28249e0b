/** The portal's secret, stored apart so that nothing but the background imports it. */
import * as z from 'zod/mini';
import { defineSecretItem } from '../secret-item';
import { PortalCredentialsSchema } from './settings';

/**
 * The portal API token. Never `sync`, read by the background alone: a unit test fails if
 * anything outside utils/portal/ and entrypoints/background.ts imports it. Out of content
 * scripts' reach: `storage.local` closed to them where the browser can, else the extension's
 * IndexedDB (utils/secret-item.ts).
 */
export const portalCredentialsItem = defineSecretItem(
  'local:portalCredentials',
  z.nullable(PortalCredentialsSchema),
  { fallback: null },
);
