import { defineConfig } from '@playwright/test';

/**
 * The Firefox ESR suite (tests/firefox): Playwright's runner only; the browser is Debian's
 * firefox-esr driven by puppeteer-core over WebDriver BiDi (tests/support/firefox.ts), since
 * Playwright loads extensions only in Chromium.
 */
export default defineConfig({
  testDir: 'tests/firefox',
  globalSetup: './tests/firefox/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'test-results/summary/firefox.json' }]]
    : [['list']],
  outputDir: 'test-results/playwright-firefox',
});
