import { openSection, setExtensionStorage } from '../support/browser';
import { expect, test } from './fixtures';

test('4,000-character console lines that redaction lengthens are kept, cut and shown', async ({
  extension,
  consoleServer,
  openPopup,
  openAllowedPage,
}) => {
  // Two 4,000-character lines go through the popup's list: slow on a busy machine.
  test.setTimeout(120_000);
  // Mask e-mail addresses: an address becomes a longer marker.
  await setExtensionStorage(extension, {
    captureSettings: { captureWarnings: true, maskEmails: true, customPatterns: [] },
  });
  const page = await openAllowedPage(consoleServer.url('/pages/redaction-long.html'));

  const popup = await openPopup(page);
  await openSection(popup, 'Errors and logs');
  const errors = popup.getByRole('list', { name: 'Captured errors' });
  await expect(errors).toContainText('Short error after the long lines');
  const code = errors
    .getByRole('listitem')
    .filter({ hasText: 'Long line with a code: request failed (code=1) token=[redacted:secret]' });
  const email = errors
    .getByRole('listitem')
    .filter({ hasText: 'Long line with an e-mail: reported by [redacted:email]' });
  await expect(code).toHaveCount(1);
  await expect(email).toHaveCount(1);
  for (const item of [code, email]) await expect(item).toContainText(/… \[cut \d+ chars\]/);
  await expect(errors).not.toContainText('t0k3nV4lue9X');
  await expect(errors).not.toContainText('ops@acme.io');
  // Cut to the limit: the shown message is at most 4,000 characters.
  const lengths = await errors
    .locator('.event-message')
    .evaluateAll((nodes) => nodes.map((node) => node.textContent?.length ?? 0));
  expect(Math.max(...lengths)).toBeLessThanOrEqual(4000);
});
