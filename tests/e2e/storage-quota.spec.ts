/**
 * A full `storage.session` (10 MB in Chrome) does not lose a tab's errors silently: the
 * background's write of the tab's history fails with the browser's own quota error, and the
 * popup says so and what to do.
 */
import type { ExtensionApi } from '../support/browser';
import { expect, test } from './fixtures';

test('with session storage full, the popup says the tab’s newest errors were not kept', async ({
  extension,
  consoleServer,
  openPopup,
}) => {
  // Another session item takes all but a few bytes of the area's quota.
  const filled = await extension.serviceWorker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
    const session = api.storage.session as unknown as {
      QUOTA_BYTES: number;
      set(items: Record<string, unknown>): Promise<void>;
    };
    await session.set({ filler: 'x'.repeat(session.QUOTA_BYTES - 64) });
    return session.QUOTA_BYTES;
  });
  expect(filled).toBe(10 * 1024 * 1024);

  const page = await extension.context.newPage();
  // The page fails a request with status 500: the background tries to keep it for the tab.
  const failed = page.waitForResponse((response) => response.url().includes('/api/fail/500'));
  await page.goto(consoleServer.url('/pages/capture-inline.html'));
  await failed;
  const popup = await openPopup(page);
  await expect(popup.getByRole('alert')).toContainText(
    'The browser’s session storage is full, so this tab’s newest errors were not kept. Close tabs you no longer need, then reload this page to capture again.',
  );
});
