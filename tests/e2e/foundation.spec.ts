import { openSection } from '../support/browser';
import { expect, test } from './fixtures';

test('the service worker starts', async ({ extension }) => {
  expect(extension.serviceWorker.url()).toBe(
    `chrome-extension://${extension.extensionId}/background.js`,
  );
});

test('the popup shows the URL and title of the tab it was opened for', async ({
  extension,
  consoleServer,
  openPopup,
}) => {
  const page = await extension.context.newPage();
  await page.goto(consoleServer.url('/console'));
  const popup = await openPopup(page);
  const captured = popup.getByRole('region', { name: 'Captured page' });
  await expect(captured).toContainText(consoleServer.url('/console'));
  await expect(captured).toContainText('Workloads · Demo Cluster Console');
  // Not allowed yet: capture starts now and the popup says so.
  await expect(captured).toContainText('Errors from before you opened this were not recorded');
});

test('an error thrown by an inline <head> script reaches the popup once the site is allowed', async ({
  consoleServer,
  openPopup,
  openAllowedPage,
}) => {
  const page = await openAllowedPage(consoleServer.url('/console'));

  const popup = await openPopup(page);
  await openSection(popup, 'Errors and logs');
  const errors = popup.getByRole('list', { name: 'Captured errors' });
  await expect(errors).toContainText("Cannot read properties of undefined (reading 'replicas')");
  await expect(errors).toContainText('Failed to load cluster operators: 503 Service Unavailable');
  await expect(popup.getByRole('region', { name: 'Captured page' })).toContainText(
    'Capturing on this site since the page loaded.',
  );
});
