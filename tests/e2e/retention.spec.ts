/**
 * Screenshot retention in the real browser (storage.local and IndexedDB): a closed tab's
 * screenshots go unless its draft is kept, and a draft taken over by another tab brings them.
 */
import type { Page } from '@playwright/test';
import { type ExtensionApi, type ExtensionBrowser, openSection, tabIdOf } from '../support/browser';
import { expect, test } from './fixtures';

/** What the extension keeps for a tab: its stored list's ids and the owners of its blobs. */
async function kept(extension: ExtensionBrowser, tabId: number) {
  return extension.serviceWorker.evaluate(async (id) => {
    const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
    const key = `tabScreenshots:${id}`;
    const list = ((await api.storage.local.get(key))[key] ?? []) as { originalBlobId: string }[];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('support-capture');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const blobs = await new Promise<number>((resolve, reject) => {
      const count = db.transaction('blobs').objectStore('blobs').index('owner').count(`tab:${id}`);
      count.onsuccess = () => resolve(count.result);
      count.onerror = () => reject(count.error);
    });
    db.close();
    return { items: list.length, blobs };
  }, tabId);
}

const list = (popup: Page) => popup.getByRole('list', { name: 'Screenshots and files' });

test('closing a tab deletes its screenshots, bytes included', async ({
  extension,
  openPagePopup,
}) => {
  const { page, tabId, popup } = await openPagePopup('/pages/screenshot-box.html');
  await expect(list(popup).getByRole('listitem')).toHaveCount(1);
  await popup.close();
  expect(await kept(extension, tabId)).toEqual({ items: 1, blobs: 1 });

  await page.close();
  await expect.poll(() => kept(extension, tabId)).toEqual({ items: 0, blobs: 0 });
});

test('a kept draft keeps its screenshots after its tab closes, and brings them to the next tab of its page', async ({
  extension,
  consoleServer,
  openPopup,
}) => {
  const url = consoleServer.url('/pages/screenshot-box.html');
  const first = await extension.context.newPage();
  await first.goto(url);
  const firstId = await tabIdOf(extension, first);
  let popup = await openPopup(first);
  await openSection(popup, 'Screenshots and files');
  await expect(list(popup).getByRole('listitem')).toHaveCount(1);
  await popup.getByLabel('Impact', { exact: true }).fill('Nobody can see the box.');
  await expect(popup.getByText('Draft saved on this computer.')).toBeVisible();
  await popup.close();
  await first.close();
  expect(await kept(extension, firstId)).toEqual({ items: 1, blobs: 1 });

  const second = await extension.context.newPage();
  await second.goto(url);
  const secondId = await tabIdOf(extension, second);
  popup = await openPopup(second);
  await openSection(popup, 'Screenshots and files');
  await expect(popup.getByLabel('Impact', { exact: true })).toHaveValue('Nobody can see the box.');
  // The draft's screenshot, and the one the popup takes of the new tab.
  await expect(list(popup).getByRole('listitem')).toHaveCount(2);
  await expect.poll(() => kept(extension, secondId)).toEqual({ items: 2, blobs: 2 });
  expect(await kept(extension, firstId)).toEqual({ items: 0, blobs: 0 });
});
