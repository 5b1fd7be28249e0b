import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as z from 'zod/mini';
import { defineSecretItem, secretPlace } from '@/utils/secret-item';
import { moveSecret, type SecretStore } from '@/utils/secret-store';

/** A store in memory, standing in for the extension's IndexedDB or for storage.local. */
function memoryStore(initial: Record<string, unknown> = {}, failing = false) {
  const data = new Map(Object.entries(initial));
  const check = () => {
    if (failing)
      throw new DOMException(
        'The operation failed for reasons unrelated to the database itself.',
        'UnknownError',
      );
  };
  const store: SecretStore & { data: Map<string, unknown> } = {
    data,
    get: async (name) => {
      check();
      return data.get(name);
    },
    set: async (name, value) => {
      check();
      data.set(name, structuredClone(value));
    },
    delete: async (name) => {
      check();
      data.delete(name);
    },
  };
  return store;
}

const Schema = z.nullable(z.object({ apiToken: z.string(), origin: z.optional(z.string()) }));
const token = { apiToken: 'ATATT3xFfGF0-secret', origin: 'https://support.example.net' };

function item(locked: boolean, secrets: SecretStore, local: SecretStore) {
  return defineSecretItem(
    'local:portalCredentials',
    Schema,
    { fallback: null },
    {
      locked: async () => locked,
      secrets,
      local,
    },
  );
}

beforeEach(() => fakeBrowser.reset());

describe('where secrets are kept', () => {
  it('storage.local only where it is closed to content scripts', () => {
    expect(secretPlace(true)).toBe('storage-local');
    expect(secretPlace(false)).toBe('indexeddb');
  });

  it('where storage.local stays open (Firefox), the token goes to IndexedDB and never to storage.local', async () => {
    const secrets = memoryStore();
    const local = memoryStore();
    const credentials = item(false, secrets, local);
    await credentials.set(token);
    expect(secrets.data.get('portalCredentials')).toEqual(token);
    expect(local.data.size).toBe(0);
    expect(await credentials.get()).toEqual(token);
    await credentials.set(null);
    expect(secrets.data.has('portalCredentials')).toBe(false);
    expect(await credentials.get()).toBeNull();
  });

  it('where storage.local is closed (Chromium), the token stays there', async () => {
    const secrets = memoryStore();
    const local = memoryStore();
    const credentials = item(true, secrets, local);
    await credentials.set(token);
    expect(local.data.get('portalCredentials')).toEqual(token);
    expect(secrets.data.size).toBe(0);
  });
});

describe('moving a stored token out of storage.local', () => {
  it('moves an existing value on first read: written to IndexedDB, then deleted', async () => {
    const secrets = memoryStore();
    const local = memoryStore({ portalCredentials: token, other: 1 });
    const order: string[] = [];
    const set = secrets.set;
    secrets.set = async (name, value) => {
      order.push('written');
      await set(name, value);
    };
    const remove = local.delete;
    local.delete = async (name) => {
      order.push('deleted');
      await remove(name);
    };
    expect(await item(false, secrets, local).get()).toEqual(token);
    expect(order).toEqual(['written', 'deleted']);
    expect(secrets.data.get('portalCredentials')).toEqual(token);
    expect([...local.data.keys()]).toEqual(['other']);
  });

  it('keeps the value in IndexedDB when both have one (the one in storage.local is older)', async () => {
    const newer = { ...token, apiToken: 'newer-token-value' };
    const secrets = memoryStore({ portalCredentials: newer });
    const local = memoryStore({ portalCredentials: token });
    await moveSecret(local, secrets, 'portalCredentials');
    expect(secrets.data.get('portalCredentials')).toEqual(newer);
    expect(local.data.size).toBe(0);
  });

  it('leaves the value where it is when the write fails, so nothing is lost', async () => {
    const secrets = memoryStore();
    secrets.set = async () => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    const local = memoryStore({ portalCredentials: token });
    await expect(moveSecret(local, secrets, 'portalCredentials')).rejects.toThrow('Quota');
    expect(local.data.get('portalCredentials')).toEqual(token);
  });

  it('keeps working from storage.local when the extension database cannot be opened', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const local = memoryStore({ portalCredentials: token });
    const credentials = item(false, memoryStore({}, true), local);
    expect(await credentials.get()).toEqual(token);
    expect(local.data.get('portalCredentials')).toEqual(token);
  });
});

describe('watching the secret', () => {
  it('in IndexedDB, tells this context of real changes only', async () => {
    const credentials = item(false, memoryStore(), memoryStore());
    const heard: unknown[] = [];
    const stop = credentials.watch((next, previous) =>
      heard.push([next?.apiToken, previous?.apiToken]),
    );
    await credentials.set(token);
    await credentials.set(token);
    await credentials.remove();
    stop();
    await credentials.set(token);
    expect(heard).toEqual([
      [token.apiToken, undefined],
      [undefined, token.apiToken],
    ]);
  });

  it('in storage.local, follows the area’s changes', async () => {
    const local: SecretStore = {
      get: async (name) => (await fakeBrowser.storage.local.get(name))[name],
      set: (name, value) => fakeBrowser.storage.local.set({ [name]: value }),
      delete: (name) => fakeBrowser.storage.local.remove(name),
    };
    const credentials = item(true, memoryStore(), local);
    const heard: unknown[] = [];
    credentials.watch((next) => heard.push(next?.apiToken ?? null));
    await credentials.set(token);
    await credentials.set(null);
    expect(heard).toEqual([token.apiToken, null]);
  });
});
