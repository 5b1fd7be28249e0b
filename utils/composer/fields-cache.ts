/**
 * The portal's desks, request types and request type fields, kept in the background (memory
 * and `storage.session`, which survives the worker stopping and is not readable by content
 * scripts): a request is answered from the cache at once and refreshed behind it; when the
 * portal's answer differs the cache is rewritten, and the popup, which watches it, asks again.
 * Cleared when the connection changes.
 */
import { type PortalMetaCache, portalMetaCacheItem } from './items';

/** At most one refresh of an entry per this time: opening the popup twice asks once. */
const REFRESH_AFTER_MS = 10_000;

interface MetaCacheStore {
  read(): Promise<PortalMetaCache>;
  write(cache: PortalMetaCache): Promise<void>;
}

export function createMetaCache(
  store: MetaCacheStore,
  now: () => number = Date.now,
  refreshAfterMs = REFRESH_AFTER_MS,
) {
  let memory: Promise<PortalMetaCache> | undefined;
  let generation = 0;
  const inflight = new Map<string, Promise<unknown>>();
  const cache = () => {
    memory ??= store.read().catch(() => ({}));
    return memory;
  };

  const refresh = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const running = inflight.get(key);
    if (running) return running as Promise<T>;
    const started = generation;
    const next = (async () => {
      const value = await load();
      const all = await cache();
      // A refresh that began before the connection changed must not fill the new cache.
      if (started !== generation) return value;
      const changed = JSON.stringify(all[key]?.value) !== JSON.stringify(value);
      all[key] = { value, at: now() };
      if (changed) await store.write(all).catch(() => undefined);
      return value;
    })().finally(() => inflight.delete(key));
    inflight.set(key, next);
    return next;
  };

  return {
    /** The cached value (refreshed behind it when older than the refresh time), else loads it. */
    async get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = (await cache())[key];
      if (!hit) return refresh(key, load);
      if (now() - hit.at >= refreshAfterMs) void refresh(key, load).catch(() => undefined);
      return hit.value as T;
    },
    /** Forget everything (another portal, another account). */
    async clear(): Promise<void> {
      generation += 1;
      inflight.clear();
      memory = Promise.resolve({});
      await store.write({}).catch(() => undefined);
    },
  };
}

/** The background's cache of portal metadata. */
export const portalMeta = createMetaCache({
  read: () => portalMetaCacheItem.get(),
  write: (cache) => portalMetaCacheItem.set(cache),
});

export const metaKey = {
  desks: () => 'desks',
  types: (serviceDeskId: string) => `types:${serviceDeskId}`,
  fields: (serviceDeskId: string, requestTypeId: string) =>
    `fields:${serviceDeskId}:${requestTypeId}`,
};
