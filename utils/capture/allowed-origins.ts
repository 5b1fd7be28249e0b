import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { requiredOrigins } from '../portal/settings';
import { captureOrigins, getEffectiveSettings, readPortalSettings } from '../settings/effective';
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
      messageKey: 'error_alwaysOnLocked',
    });
  }
  const granted = await browser.permissions.contains({ origins: [originPattern(normalized)] });
  if (!granted) {
    throw new AppError({
      code: 'permission-denied',
      message: `The browser has not granted access to ${normalized}. Click "Always capture on this site" and accept the prompt.`,
      messageKey: 'error_alwaysOnNotGranted',
      values: [normalized],
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
      messageKey: 'error_alwaysOnPolicy',
      values: [normalized],
    });
  }
  const next = (await allowedOriginsItem.get()).filter((item) => item !== normalized);
  await allowedOriginsItem.set(next);
  await syncAllowedRegistration();
  // Give the host permission back unless the portal or another capture site still needs it.
  const portal = await readPortalSettings();
  const stillNeeded = [
    ...(portal ? requiredOrigins(portal) : []),
    ...(await getEffectiveSettings()).allowedOrigins.map((item) => originPattern(item.origin)),
  ];
  const release = releasablePatterns(normalized, stillNeeded);
  if (release.length > 0) {
    await browser.permissions.remove({ origins: release }).catch(() => false);
  }
  return next;
}

/**
 * The host patterns to give back when capture on `origin` ends: its pattern, unless a pattern
 * still needed (the portal's, another capture site's) is the same. Match patterns carry no
 * port, so `https://host` and `https://host:8443` share one grant.
 */
export function releasablePatterns(origin: string, stillNeeded: readonly string[]): string[] {
  const pattern = originPattern(origin);
  return stillNeeded.includes(pattern) ? [] : [pattern];
}
