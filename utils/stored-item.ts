/**
 * A stored item: its area and key (one of utils/storage-keys.ts), its zod schema, its fallback
 * and its version. Reads are parsed; a value that does not fit (an old or corrupted one) yields
 * the fallback instead of crashing the reader, and is reported in the console. The items
 * themselves are defined by their owners (utils/<feature>/items.ts).
 */
import { storage } from 'wxt/utils/storage';
import type * as z from 'zod/mini';
import type { StoredKey } from './storage-keys';

export interface StoredItem<T> {
  readonly key: StoredKey;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  /** Calls back with the new value and the one it replaced. */
  watch(callback: (value: T, previous: T) => void): () => void;
}

interface ItemOptions<T> {
  fallback: T;
  version?: number;
  migrations?: Record<number, (old: unknown) => unknown>;
}

export function defineStoredItem<S extends z.ZodMiniType>(
  key: StoredKey,
  schema: S,
  options: ItemOptions<z.infer<S>>,
): StoredItem<z.infer<S>> {
  type T = z.infer<S>;
  const item = storage.defineItem<T>(key, {
    fallback: options.fallback,
    version: options.version ?? 1,
    migrations: options.migrations as Record<number, (old: T) => T> | undefined,
  });
  const parse = (raw: unknown): T => {
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    console.warn(`Stored "${key}" did not fit its schema; using the default.`, result.error);
    return options.fallback;
  };
  return {
    key,
    get: async () => parse(await item.getValue()),
    set: (value) => item.setValue(schema.parse(value) as T),
    remove: () => item.removeValue(),
    watch: (callback) => item.watch((value, previous) => callback(parse(value), parse(previous))),
  };
}
