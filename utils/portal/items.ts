/** The portal connection as stored (not secret; the token is in ./credentials-item.ts). */
import * as z from 'zod/mini';
import { defineStoredItem } from '../stored-item';
import { PortalSettingsSchema } from './settings';

/** The portal connection (URL, sign-in method, email): not secret. */
export const portalSettingsItem = defineStoredItem(
  'local:portalSettings',
  z.nullable(PortalSettingsSchema),
  { fallback: null },
);
