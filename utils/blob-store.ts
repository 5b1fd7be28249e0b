/**
 * Binary data of the extension (screenshots, attached files, later the outbox's payloads) in
 * IndexedDB, referenced by id from the JSON state in `browser.storage` (which is JSON-only and
 * capped at 10 MB). Every extension context (popup, extension pages, background) shares the
 * extension origin and so the same database; pass ids in messages, not the bytes.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { AppError } from './errors';

export interface BlobInfo {
  id: string;
  /** Who the blob belongs to, e.g. `tab:12` or `job:<uuid>`; lists and clean-up go by owner. */
  owner: string;
  name: string;
  type: string;
  size: number;
  createdAt: number;
}

interface StoredBlob extends BlobInfo {
  blob: Blob;
}

interface BlobDb extends DBSchema {
  blobs: { key: string; value: StoredBlob; indexes: { owner: string } };
}

const BLOB_DB_NAME = 'support-capture';
const DB_VERSION = 1;

let dbPromise: Promise<IDBPDatabase<BlobDb>> | undefined;

function db(): Promise<IDBPDatabase<BlobDb>> {
  dbPromise ??= openDB<BlobDb>(BLOB_DB_NAME, DB_VERSION, {
    upgrade(database) {
      const store = database.createObjectStore('blobs', { keyPath: 'id' });
      store.createIndex('owner', 'owner');
    },
    // Another context upgraded the schema: reopen on next use instead of blocking it.
    blocking() {
      void dbPromise?.then((open) => open.close());
      dbPromise = undefined;
    },
  }).catch((error: unknown) => {
    dbPromise = undefined;
    throw new AppError(
      {
        code: 'storage',
        message:
          'The extension cannot open its local database. Free some disk space or restart the browser, then try again.',
        messageKey: 'error_databaseUnavailable',
      },
      { cause: error },
    );
  });
  return dbPromise;
}

function info({ blob: _blob, ...rest }: StoredBlob): BlobInfo {
  return rest;
}

interface PutBlobInput {
  owner: string;
  blob: Blob;
  name?: string;
  /** Replaces the blob with this id; a new id is made when absent. */
  id?: string;
}

export async function putBlob(input: PutBlobInput): Promise<BlobInfo> {
  const record: StoredBlob = {
    id: input.id ?? crypto.randomUUID(),
    owner: input.owner,
    name: input.name ?? 'file',
    type: input.blob.type || 'application/octet-stream',
    size: input.blob.size,
    createdAt: Date.now(),
    blob: input.blob,
  };
  await (await db()).put('blobs', record);
  return info(record);
}

export async function getBlob(id: string): Promise<StoredBlob | undefined> {
  return (await db()).get('blobs', id);
}

export async function deleteBlob(id: string): Promise<void> {
  await (await db()).delete('blobs', id);
}

/** Removes every blob of an owner (a closed tab's screenshots, a delivered job's files). */
export async function deleteOwner(owner: string): Promise<number> {
  const database = await db();
  const tx = database.transaction('blobs', 'readwrite');
  const keys = await tx.store.index('owner').getAllKeys(owner);
  await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
  return keys.length;
}

/** Gives every blob of an owner to another (a draft's screenshots following it to a new tab). */
export async function moveOwner(from: string, to: string): Promise<number> {
  const database = await db();
  const tx = database.transaction('blobs', 'readwrite');
  const records = await tx.store.index('owner').getAll(from);
  await Promise.all([...records.map((record) => tx.store.put({ ...record, owner: to })), tx.done]);
  return records.length;
}

/** Every owner that has blobs, once each. */
export async function listOwners(): Promise<string[]> {
  const database = await db();
  const owners: string[] = [];
  let cursor = await database
    .transaction('blobs')
    .store.index('owner')
    .openKeyCursor(null, 'nextunique');
  while (cursor) {
    owners.push(cursor.key);
    cursor = await cursor.continue();
  }
  return owners;
}
