import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    // browser.i18n.getMessage answers from the English messages (the fake browser has none).
    setupFiles: ['tests/unit/i18n/setup.ts'],
    restoreMocks: true,
    // CI adds a JSON report that .ci/run sums up with the e2e one.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/summary/unit.json' }]]
      : ['default'],
  },
});
