/**
 * The browser's own promise-based extension API (Chromium MV3, Firefox), without
 * webextension-polyfill. For the code that runs first in the popup (its first JavaScript,
 * tests/bench/sizes.ts) and for the i18n reads every context makes: the calls used here
 * (`runtime.sendMessage`, `storage.local.get`, `tabs.query`, `i18n.getMessage`) return the
 * same in both browsers, so the polyfill's 10 KB would only delay the popup's first paint.
 * Everything else uses `wxt/browser` (the polyfill).
 * https://developer.chrome.com/docs/extensions/develop/migrate/api-calls#replace-callbacks
 */
export { browser as nativeBrowser } from '@wxt-dev/browser';
