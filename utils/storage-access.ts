/**
 * Keeps the extension's storage out of content scripts' reach. Credentials, drafts and the
 * outbox live in `storage.local`, which by default every content script may read and write.
 * `setAccessLevel` closes it to trusted contexts (background, extension pages) where the browser
 * lets it: Chromium accepts it for `storage.local` since 2024 (extensions/browser/api/storage),
 * older Chromium and Firefox accept it for `storage.session` only and reject it for `local`.
 * `storage.session` is trusted-only by default in both, so it is not touched. Content scripts
 * get what they need by message (utils/capture/page-settings.ts). Where `local` stays open, the
 * credentials live in the extension origin's IndexedDB instead (utils/secret-item.ts).
 */
type AccessLevel = 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS';
interface LockableArea {
  setAccessLevel?: (options: { accessLevel: AccessLevel }) => Promise<void>;
}

/** Whether `storage.local` is now closed to content scripts (false where unsupported). */
export async function lockStorageToTrustedContexts(): Promise<boolean> {
  const area = browser.storage.local as unknown as LockableArea;
  if (typeof area.setAccessLevel !== 'function') return false;
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    // Not supported for this area here: the extension keeps working as before.
    return false;
  }
}

let locked: Promise<boolean> | undefined;

/** Whether `storage.local` is closed to content scripts here: asked once per context. */
export function localStorageLocked(): Promise<boolean> {
  locked ??= lockStorageToTrustedContexts();
  return locked;
}
