/**
 * A stored item: its area and key (one of utils/storage-keys.ts), its zod schema, its fallback
 * and its version. Reads are parsed; a value that does not fit (an old or corrupted one) yields
 * the fallback instead of crashing the reader, and is reported in the console. The items
 * themselves are defined by their owners (utils/<feature>/items.ts).
 *
 * Written on `browser.storage` directly, with the semantics of WXT's `storage.defineItem` for
 * an item without migrations (null removes the value; a watcher hears real changes only): the
 * scripts that run in web pages read capture settings through this, and WXT's storage module
 * with its migration lock would triple its size there.
 */
import { browser } from 'wxt/browser';
import type * as z from 'zod/mini';
import type { StoredKey } from './storage-keys';

interface StoredItem<T> {
  readonly key: StoredKey;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  /** Calls back with the new value and the one it replaced. */
  watch(callback: (value: T, previous: T) => void): () => void;
}

interface ItemOptions<T> {
  fallback: T;
}

type Area = 'local' | 'session';

/** Structural equality of two stored (JSON-like) values. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (k) =>
      Object.hasOwn(b, k) &&
      sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

export function defineStoredItem<S extends z.ZodMiniType>(
  key: StoredKey,
  schema: S,
  options: ItemOptions<z.infer<S>>,
): StoredItem<z.infer<S>> {
  type T = z.infer<S>;
  const split = key.indexOf(':');
  const areaName = key.slice(0, split) as Area;
  const name = key.slice(split + 1);
  const area = () => browser.storage[areaName];
  const parse = (raw: unknown): T => {
    const result = schema.safeParse(raw ?? options.fallback);
    if (result.success) return result.data;
    console.warn(`Stored "${key}" did not fit its schema; using the default.`, result.error);
    return options.fallback;
  };
  return {
    key,
    get: async () => parse((await area().get(name))[name]),
    set: async (value) => {
      const parsed = schema.parse(value);
      if (parsed == null) await area().remove(name);
      else await area().set({ [name]: parsed });
    },
    remove: () => area().remove(name),
    watch: (callback) => {
      const listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) => {
        const change = changes[name];
        if (change == null || sameValue(change.newValue, change.oldValue)) return;
        callback(parse(change.newValue), parse(change.oldValue));
      };
      area().onChanged.addListener(listener);
      return () => area().onChanged.removeListener(listener);
    },
  };
}
