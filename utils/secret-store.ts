/**
 * Secrets kept in the extension origin's IndexedDB, where `storage.local` cannot be closed to
 * content scripts (Firefox, utils/storage-access.ts). Content scripts run in the page's origin
 * and cannot open the extension's databases; only the extension's own pages and its background
 * can. A database apart from the blobs' (utils/blob-store.ts), so neither schema moves the other.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** A key-value store of secrets: IndexedDB here, `storage.local` or a Map elsewhere. */
export interface SecretStore {
  get(name: string): Promise<unknown>;
  set(name: string, value: unknown): Promise<void>;
  delete(name: string): Promise<void>;
}

interface SecretDb extends DBSchema {
  secrets: { key: string; value: unknown };
}

export const SECRET_DB_NAME = 'support-capture-secrets';

export function indexedDbSecretStore(name = SECRET_DB_NAME): SecretStore {
  let open: Promise<IDBPDatabase<SecretDb>> | undefined;
  const db = () => {
    open ??= openDB<SecretDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore('secrets');
      },
      // Another context upgraded the schema: reopen on next use instead of blocking it.
      blocking() {
        void open?.then((database) => database.close());
        open = undefined;
      },
    }).catch((error: unknown) => {
      open = undefined;
      throw error;
    });
    return open;
  };
  return {
    get: async (key) => (await db()).get('secrets', key),
    set: async (key, value) => {
      await (await db()).put('secrets', value, key);
    },
    delete: async (key) => {
      await (await db()).delete('secrets', key);
    },
  };
}

/** Moves `name` from one store to another (written there, then deleted here); keeps a newer one. */
export async function moveSecret(from: SecretStore, to: SecretStore, name: string): Promise<void> {
  const value = await from.get(name);
  if (value === undefined) return;
  if ((await to.get(name)) === undefined) await to.set(name, value);
  await from.delete(name);
}
