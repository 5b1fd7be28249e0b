import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { captureOrigins, getEffectiveSettings } from '../settings/effective';
import { originPattern } from './capture';
import { allowedOriginsItem } from './items';
import { syncCaptureRegistration } from './registration';

/**
 * Registers always-on capture for the origins in force (the organisation's and the user's)
 * that the browser granted access to. Called on start-up, when a list or the policy changes,
 * and when a permission is granted.
 */
export async function syncAllowedRegistration(): Promise<void> {
  const { granted } = await captureOrigins();
  await syncCaptureRegistration(granted);
}

/** Whether an origin has always-on capture in force (listed and granted). */
export async function isCaptureOrigin(origin: string): Promise<boolean> {
  const { granted } = await captureOrigins();
  return granted.includes(origin);
}

/** Adds an origin the user granted from a click; the grant is checked here, not trusted. */
export async function allowOrigin(origin: string): Promise<string[]> {
  const normalized = new URL(origin).origin;
  const effective = await getEffectiveSettings();
  const fromPolicy = effective.allowedOrigins.some(
    (item) => item.origin === normalized && item.source === 'policy',
  );
  if (effective.locked.allowedOrigins && !fromPolicy) {
    throw new AppError({
      code: 'locked',
      message:
        'Your organisation decides which sites have always-on capture. Ask your IT administrator to add this one.',
    });
  }
  const granted = await browser.permissions.contains({ origins: [originPattern(normalized)] });
  if (!granted) {
    throw new AppError({
      code: 'permission-denied',
      message: `The browser has not granted access to ${normalized}. Click "Always capture on this site" and accept the prompt.`,
    });
  }
  const origins = await allowedOriginsItem.get();
  // An organisation's site needs only the grant; it stays off the user's own list.
  const next = fromPolicy || origins.includes(normalized) ? origins : [...origins, normalized];
  if (next !== origins) await allowedOriginsItem.set(next);
  await syncAllowedRegistration();
  return next;
}

export async function removeOrigin(origin: string): Promise<string[]> {
  const normalized = new URL(origin).origin;
  const effective = await getEffectiveSettings();
  if (effective.allowedOrigins.some((i) => i.origin === normalized && i.source === 'policy')) {
    throw new AppError({
      code: 'locked',
      message: `Your organisation set always-on capture for ${normalized}. Ask your IT administrator to remove it.`,
    });
  }
  const next = (await allowedOriginsItem.get()).filter((item) => item !== normalized);
  await allowedOriginsItem.set(next);
  await syncAllowedRegistration();
  // Give the host permission back unless the portal still needs it (the portal owns that).
  await browser.permissions.remove({ origins: [originPattern(normalized)] }).catch(() => false);
  return next;
}
