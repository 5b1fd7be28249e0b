import { describe, expect, it } from 'vitest';
import * as captureItems from '@/utils/capture/items';
import * as composerItems from '@/utils/composer/items';
import * as outboxItems from '@/utils/outbox/items';
import * as credentialsItem from '@/utils/portal/credentials-item';
import * as portalItems from '@/utils/portal/items';
import * as profileItems from '@/utils/profile/items';
import * as screenshotItems from '@/utils/screenshot/items';
import { PER_TAB_KEY_PREFIXES, STORAGE_KEYS } from '@/utils/storage-keys';

const OWNERS = {
  capture: captureItems,
  composer: composerItems,
  outbox: outboxItems,
  credentials: credentialsItem,
  portal: portalItems,
  profile: profileItems,
  screenshot: screenshotItems,
};

/** Every stored item the owners define: fixed ones, and per-tab ones made for tab 1. */
function definedKeys(): { owner: string; key: string }[] {
  return Object.entries(OWNERS).flatMap(([owner, module]) =>
    Object.values(module).flatMap((value) => {
      const item =
        typeof value === 'function' && value.length === 1
          ? (value as (tabId: number) => unknown)(1)
          : value;
      const key = (item as { key?: unknown } | null)?.key;
      return typeof key === 'string' ? [{ owner, key }] : [];
    }),
  );
}

describe('storage keys', () => {
  it('the list has no key twice', () => {
    const all = [...STORAGE_KEYS, ...PER_TAB_KEY_PREFIXES];
    expect(new Set(all).size).toBe(all.length);
  });

  it('every stored item takes its key from the list, and each key has exactly one item', () => {
    const defined = definedKeys();
    const asListed = defined.map(({ key }) => key.replace(/:\d+$/, ''));
    for (const key of asListed) {
      expect([...STORAGE_KEYS, ...PER_TAB_KEY_PREFIXES] as string[]).toContain(key);
    }
    expect([...asListed].sort()).toEqual([...STORAGE_KEYS, ...PER_TAB_KEY_PREFIXES].sort());
  });
});
