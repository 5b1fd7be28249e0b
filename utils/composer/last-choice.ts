import { nativeBrowser as browser } from '../native-browser';
import type { StoredKey } from '../storage-keys';

/** The key of `composerChoiceItem` (./items.ts); typed, so a renamed key fails here too. */
const KEY = 'local:composerChoice' satisfies StoredKey;

/**
 * The last request type chosen, read without the stored-item layer and its schemas: the
 * popup's first JavaScript asks for that type's fields with it (entrypoints/popup/main.tsx).
 * Anything but two strings counts as no choice; the composer reads the item properly later.
 */
export async function readLastChoice(): Promise<{
  serviceDeskId?: string;
  requestTypeId?: string;
}> {
  const name = KEY.slice('local:'.length);
  try {
    const stored: Record<string, unknown> = await browser.storage.local.get(name);
    const value = stored[name] as { serviceDeskId?: unknown; requestTypeId?: unknown } | undefined;
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return { serviceDeskId: text(value?.serviceDeskId), requestTypeId: text(value?.requestTypeId) };
  } catch {
    return {};
  }
}
