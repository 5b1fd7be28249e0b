/**
 * The settings in force, for every extension context (background, popup, options, editor):
 * the built-in profile < an imported profile < the user's settings < the organisation's
 * policy, merged by `mergeSettings` alone. Each context reads them here and applies the
 * redaction they carry before it redacts (`followEffectiveSettings`). Content scripts read only
 * the capture settings (utils/capture/settings-sync.ts), so no policy code runs in a page.
 */
import { browser } from 'wxt/browser';
import { allowedOriginsItem, captureSettingsItem, environmentRulesItem } from '../capture/items';
import { AppError } from '../errors';
import type { ConnectionInForce } from '../portal/connection-in-force';
import { portalSettingsItem } from '../portal/items';
import type { PortalSettings } from '../portal/settings';
import { configureRedaction } from '../privacy/redact';
import { type FieldProblem, parseProfileJson } from '../profile/import';
import { managedPolicy, vendorProfilesItem } from '../profile/items';
import type { VendorProfile } from '../profile/vendor-profiles';
import {
  availableProfiles,
  type EffectiveSettings,
  effectivePortalSettings,
  mergeSettings,
} from './merge';

export async function getEffectiveSettings(): Promise<EffectiveSettings> {
  const [portal, allowedOrigins, environmentRules, profiles, capture, policy] = await Promise.all([
    portalSettingsItem.get(),
    allowedOriginsItem.get(),
    environmentRulesItem.get(),
    vendorProfilesItem.get(),
    captureSettingsItem.get(),
    managedPolicy.get(),
  ]);
  return mergeSettings({ portal, allowedOrigins, environmentRules, profiles, capture }, policy);
}

/**
 * Reads the settings in force, makes their redaction (e-mail masking, the user's patterns)
 * this context's `redact()`, and does both again on every change. Returns a function that
 * stops following.
 */
export function followEffectiveSettings(
  onChange: (settings: EffectiveSettings) => void = () => {},
): () => void {
  const apply = (settings: EffectiveSettings) => {
    configureRedaction(settings.capture);
    onChange(settings);
  };
  const stop = watchEffectiveSettings(apply);
  void getEffectiveSettings().then(apply);
  return stop;
}

/** Calls back (debounced to one call per change burst) whenever any merged input changes. */
export function watchEffectiveSettings(
  callback: (settings: EffectiveSettings) => void,
): () => void {
  let pending = false;
  const changed = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      void getEffectiveSettings().then(callback);
    });
  };
  const stops = [
    portalSettingsItem.watch(changed),
    allowedOriginsItem.watch(changed),
    environmentRulesItem.watch(changed),
    vendorProfilesItem.watch(changed),
    captureSettingsItem.watch(changed),
    managedPolicy.watch(changed),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/** The portal connection in force: the saved one with the policy's portal and sign-in method. */
export async function readPortalSettings(): Promise<PortalSettings | null> {
  const [saved, settings] = await Promise.all([portalSettingsItem.get(), getEffectiveSettings()]);
  return effectivePortalSettings(saved, settings.portal);
}

/** How the portal service reads the connection in force (the background wires it in). */
export const connectionReader: ConnectionInForce = {
  read: readPortalSettings,
  managed: async () => (await getEffectiveSettings()).portal,
};

function lockedError(): AppError {
  return new AppError({
    code: 'locked',
    message: 'Your organisation sets the vendor profile. Ask your IT administrator to change it.',
    messageKey: 'error_profileLocked',
  });
}

/**
 * Imports a profile file and makes it active. Everything is checked first and then written
 * in one storage write, so a bad file changes nothing. Throws a `validation` error whose
 * `fields` name each bad field (path -> what is wrong).
 */
export async function importProfile(text: string): Promise<VendorProfile> {
  if ((await getEffectiveSettings()).locked.profile) throw lockedError();
  const parsed = parseProfileJson(text);
  if (!parsed.ok) throw profileError(parsed.problems);
  const stored = await vendorProfilesItem.get();
  await vendorProfilesItem.set({
    activeId: parsed.profile.id,
    imported: { ...stored.imported, [parsed.profile.id]: parsed.profile },
  });
  return parsed.profile;
}

function profileError(problems: readonly FieldProblem[]): AppError {
  const count = problems.length;
  return new AppError({
    code: 'validation',
    message: `The profile was not imported: ${count} field${count === 1 ? ' is' : 's are'} wrong. Fix ${count === 1 ? 'it' : 'them'} in the file and import it again; nothing was changed.`,
    messageKey: count === 1 ? 'error_profileNotImported_one' : 'error_profileNotImported_other',
    values: [String(count)],
    fields: Object.fromEntries(problems.map((p) => [p.path || '(file)', p.message])),
    fieldWords: Object.fromEntries(
      problems.flatMap((p) => (p.words ? [[p.path || '(file)', p.words]] : [])),
    ),
  });
}

/** Makes a built-in or imported profile active. */
export async function setActiveProfile(id: string): Promise<void> {
  if ((await getEffectiveSettings()).locked.profile) throw lockedError();
  const stored = await vendorProfilesItem.get();
  if (!availableProfiles(stored).some((profile) => profile.id === id)) {
    throw new AppError({
      code: 'not-found',
      message: `There is no profile "${id}". Import its file first.`,
      messageKey: 'error_profileUnknown',
      values: [id],
    });
  }
  await vendorProfilesItem.set({ ...stored, activeId: id });
}

/** Profiles the user may choose from, for the options page. */
export async function listProfiles(): Promise<VendorProfile[]> {
  return availableProfiles(await vendorProfilesItem.get());
}

/**
 * Always-on capture origins in force whose host access the browser granted. Policy cannot
 * grant optional host permissions (ExtensionSettings' runtime_allowed_hosts only exempts hosts
 * from runtime_blocked_hosts), so an organisation's site waits for one click on the options
 * page, unless the build already holds the access.
 * https://chromeenterprise.google/policies/#ExtensionSettings
 */
export async function captureOrigins(settings?: EffectiveSettings): Promise<{
  granted: string[];
  missing: string[];
}> {
  const { allowedOrigins } = settings ?? (await getEffectiveSettings());
  const granted: string[] = [];
  const missing: string[] = [];
  for (const { origin } of allowedOrigins) {
    const url = new URL(origin);
    const pattern = `${url.protocol}//${url.hostname}/*`;
    const ok = await browser.permissions.contains({ origins: [pattern] }).catch(() => false);
    (ok ? granted : missing).push(origin);
  }
  return { granted, missing };
}
