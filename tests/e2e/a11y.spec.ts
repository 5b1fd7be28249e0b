import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { openSection } from '../support/browser';
import { expect, test } from './fixtures';

/** Serious and critical axe-core findings, one line each, so a failure says what to fix. */
async function seriousIssues(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact}: ${violation.id} (${violation.help}) at ${violation.nodes
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the popup has no serious or critical accessibility issue (${scheme})`, async ({
    consoleServer,
    openPopup,
    openAllowedPage,
  }) => {
    // Axe on the full composer: slow on shared cores.
    test.slow();
    const page = await openAllowedPage(consoleServer.url('/console'));
    const popup = await openPopup(page);
    await popup.emulateMedia({ colorScheme: scheme });
    // The captured errors' section open too, so its list and checkboxes are checked.
    await openSection(popup, 'Errors and logs');
    await expect(popup.getByRole('list', { name: 'Captured errors' })).toBeVisible();
    expect(await seriousIssues(popup)).toEqual([]);
  });

  test(`the options page has no serious or critical accessibility issue (${scheme})`, async ({
    openExtensionPage,
  }) => {
    const options = await openExtensionPage('options.html');
    await options.emulateMedia({ colorScheme: scheme });
    await expect(options.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await seriousIssues(options)).toEqual([]);
  });
}
