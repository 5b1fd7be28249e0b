import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  // Two cores: one browser per worker, two workers at most.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'test-results/summary/e2e.json' }]]
    : [['list']],
  use: { trace: 'off' },
  // Its own folder: Playwright empties it at start, and CI's unit report sits beside it.
  outputDir: 'test-results/playwright',
});
