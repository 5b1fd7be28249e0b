import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { allowedOriginsItem } from '../storage';
import { originPattern } from './capture';
import { syncCaptureRegistration } from './registration';

/** Adds an origin the user granted from a click; the grant is checked here, not trusted. */
export async function allowOrigin(origin: string): Promise<string[]> {
  const normalized = new URL(origin).origin;
  const granted = await browser.permissions.contains({ origins: [originPattern(normalized)] });
  if (!granted) {
    throw new AppError({
      code: 'permission-denied',
      message: `The browser has not granted access to ${normalized}. Click "Always capture on this site" and accept the prompt.`,
    });
  }
  const origins = await allowedOriginsItem.get();
  const next = origins.includes(normalized) ? origins : [...origins, normalized];
  await allowedOriginsItem.set(next);
  await syncCaptureRegistration(next);
  return next;
}

export async function removeOrigin(origin: string): Promise<string[]> {
  const normalized = new URL(origin).origin;
  const next = (await allowedOriginsItem.get()).filter((item) => item !== normalized);
  await allowedOriginsItem.set(next);
  await syncCaptureRegistration(next);
  // Give the host permission back unless the portal still needs it (the portal owns that).
  await browser.permissions.remove({ origins: [originPattern(normalized)] }).catch(() => false);
  return next;
}
