/**
 * A stored item for secrets (the portal credentials): in `storage.local` where the browser
 * closes it to content scripts (Chromium), else in the extension origin's IndexedDB (Firefox,
 * where `setAccessLevel` is refused for `local`; see utils/storage-access.ts). A value left in
 * `storage.local` by an earlier version, or before the choice was known, is moved over (written
 * there, then deleted) on the next read or write. Same interface as utils/stored-item.ts.
 *
 * Only the background reads and writes secrets (a unit test keeps it so), so in IndexedDB the
 * watchers of this context hear every change; in `storage.local` they follow `onChanged`.
 */
import { browser } from 'wxt/browser';
import type * as z from 'zod/mini';
import { indexedDbSecretStore, moveSecret, type SecretStore } from './secret-store';
import { localStorageLocked } from './storage-access';
import type { StoredKey } from './storage-keys';
import { defineStoredItem, type StoredItem } from './stored-item';

export type SecretPlace = 'storage-local' | 'indexeddb';

export interface SecretItemDeps {
  /** Whether `storage.local` is closed to content scripts in this browser. */
  locked: () => Promise<boolean>;
  /** The extension origin's store, used where it is not. */
  secrets: SecretStore;
  /** `storage.local` as a store (the fake browser's in tests). */
  local: SecretStore;
}

/** Where secrets go: `storage.local` only when content scripts cannot read it. */
export function secretPlace(locked: boolean): SecretPlace {
  return locked ? 'storage-local' : 'indexeddb';
}

const localStore: SecretStore = {
  get: async (name) => (await browser.storage.local.get(name))[name],
  set: (name, value) => browser.storage.local.set({ [name]: value }),
  delete: (name) => browser.storage.local.remove(name),
};

export function defineSecretItem<S extends z.ZodMiniType>(
  key: StoredKey & `local:${string}`,
  schema: S,
  options: { fallback: z.infer<S> },
  deps: SecretItemDeps = {
    locked: localStorageLocked,
    secrets: indexedDbSecretStore(),
    local: localStore,
  },
): StoredItem<z.infer<S>> {
  type T = z.infer<S>;
  const name = key.slice('local:'.length);
  const inLocal = defineStoredItem(key, schema, options);
  const listeners = new Set<(value: T, previous: T) => void>();
  let place: SecretPlace | undefined;
  let warned = false;

  const parse = (raw: unknown): T => {
    const result = schema.safeParse(raw ?? options.fallback);
    if (result.success) return result.data;
    console.warn(`Stored "${key}" did not fit its schema; using the default.`, result.error);
    return options.fallback;
  };

  /** The store in force, with a value still in `storage.local` moved into IndexedDB first. */
  const store = async (): Promise<SecretStore> => {
    place = secretPlace(await deps.locked());
    if (place === 'storage-local') return deps.local;
    try {
      // Opens the database first, so a failing one is noticed before anything is moved.
      await deps.secrets.get(name);
      await moveSecret(deps.local, deps.secrets, name);
      return deps.secrets;
    } catch (cause) {
      // IndexedDB cannot be opened (disk full, a damaged profile): keep working from
      // storage.local rather than lose the connection; the move is retried next time.
      if (!warned)
        console.warn('The extension database is unavailable; credentials stay in storage.', cause);
      warned = true;
      place = 'storage-local';
      return deps.local;
    }
  };

  const get = async (): Promise<T> => parse(await (await store()).get(name));

  /** Writes `value` (undefined removes it); in IndexedDB, tells this context's watchers. */
  const write = async (value: T | undefined) => {
    const target = await store();
    const previous = target === deps.secrets && listeners.size > 0 ? await get() : undefined;
    if (value == null) await target.delete(name);
    else await target.set(name, value);
    if (target !== deps.secrets) return;
    const next = parse(value);
    if (JSON.stringify(next) === JSON.stringify(previous)) return;
    for (const listener of listeners) listener(next, previous as T);
  };

  return {
    key,
    get,
    set: (value) => write(schema.parse(value)),
    remove: () => write(undefined),
    watch: (callback) => {
      listeners.add(callback);
      // In storage.local: the area's own events (also for writes of other contexts).
      const stop = inLocal.watch((value, previous) => {
        if (place !== 'indexeddb') callback(value, previous);
      });
      return () => {
        listeners.delete(callback);
        stop();
      };
    },
  };
}
