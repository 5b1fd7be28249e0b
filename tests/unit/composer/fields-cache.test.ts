import { describe, expect, it, vi } from 'vitest';
import { createMetaCache } from '@/utils/composer/fields-cache';
import type { PortalMetaCache } from '@/utils/composer/items';

function store(initial: PortalMetaCache = {}) {
  let saved = structuredClone(initial);
  const writes: PortalMetaCache[] = [];
  return {
    writes,
    saved: () => saved,
    read: async () => structuredClone(saved),
    write: async (cache: PortalMetaCache) => {
      saved = structuredClone(cache);
      writes.push(saved);
    },
  };
}

describe('portal metadata cache', () => {
  it('loads once when empty and answers the next request from the cache', async () => {
    const kept = store();
    const cache = createMetaCache(kept, () => 1000);
    const load = vi.fn(async () => ({ fields: ['summary'] }));
    expect(await cache.get('fields:1:2', load)).toEqual({ fields: ['summary'] });
    expect(await cache.get('fields:1:2', load)).toEqual({ fields: ['summary'] });
    expect(load).toHaveBeenCalledTimes(1);
    expect(kept.saved()['fields:1:2']?.value).toEqual({ fields: ['summary'] });
  });

  it('serves a stale entry at once, refreshes behind it and writes only a changed answer', async () => {
    const kept = store({ desks: { value: ['A'], at: 0 } });
    let time = 20_000;
    const cache = createMetaCache(kept, () => time, 10_000);
    let answer = ['A'];
    const load = vi.fn(async () => answer);
    expect(await cache.get('desks', load)).toEqual(['A']);
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    expect(kept.writes).toHaveLength(0);
    // Within the refresh time: no second request to the portal.
    expect(await cache.get('desks', load)).toEqual(['A']);
    expect(load).toHaveBeenCalledTimes(1);
    time += 10_000;
    answer = ['A', 'B'];
    expect(await cache.get('desks', load)).toEqual(['A']);
    await vi.waitFor(() => expect(kept.writes).toHaveLength(1));
    expect(await cache.get('desks', load)).toEqual(['A', 'B']);
  });

  it('asks the portal once for requests that arrive together', async () => {
    const cache = createMetaCache(store(), () => 0);
    const load = vi.fn(async () => 'types');
    await Promise.all([cache.get('types:1', load), cache.get('types:1', load)]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps serving the cache when a refresh fails', async () => {
    const cache = createMetaCache(store({ desks: { value: ['A'], at: 0 } }), () => 60_000);
    const load = vi.fn(async () => {
      throw new Error('offline');
    });
    expect(await cache.get('desks', load)).toEqual(['A']);
  });

  it('forgets everything when the connection changes, also a refresh still running', async () => {
    const kept = store({ desks: { value: ['A'], at: 0 } });
    const cache = createMetaCache(kept, () => 0);
    let finish: ((value: string[]) => void) | undefined;
    const slow = cache.get('types:1', () => new Promise<string[]>((r) => (finish = r)));
    await vi.waitFor(() => expect(finish).toBeDefined());
    await cache.clear();
    if (!finish) throw new Error('the portal was not asked');
    finish(['old portal']);
    await slow;
    expect(kept.saved()).toEqual({});
    expect(await cache.get('desks', async () => ['new'])).toEqual(['new']);
  });
});
