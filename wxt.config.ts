import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { HOOK_SOURCE_NAME } from './utils/capture/page-channel';

/**
 * Loopback origins that the e2e build may access without asking: a headless browser cannot
 * answer permission prompts or grant `activeTab` (see README, "Tests").
 */
const E2E_HOSTS = [
  'http://127.0.0.1/*',
  'http://localhost/*',
  // tabs.captureVisibleTab accepts only `<all_urls>` or `activeTab`, not a host permission
  // ("Either the '<all_urls>' or 'activeTab' permission is required.", measured in Chromium 156).
  '<all_urls>',
];

/**
 * The public half of a key pair made once for the managed-policy e2e build (the private half
 * was never kept: Chromium needs only this to fix the id of an unpacked extension). Chromium
 * applies an extension's "3rdparty" policy by extension id, so that build needs a fixed one:
 * oacbkmhiifiidgjbleabcknafebibhcn (sha256 of the key's DER, first 32 hex digits as a-p).
 * https://developer.chrome.com/docs/extensions/reference/manifest/key
 */
const E2E_POLICY_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoZnhZQxndnjIH9OpfZmaZDQU8kxFf5OgAnnI9t/9EEFT6+R0XTv7yNEvXtlUxrWI/F8l1oksEPOMN7LZNjATC0vQIxn0u2gpmgT7WTAbdSfmXD0+aWpjg50HKLHMHHHU3f2UQBpMVAXHaDrIGQ2Z3R0UnXOEG5KZz8bEUkmu/5FZs57eR/IR/WNeBK/GOfY5hI74G9FqjexeMc20G9KJlmynIs057aiPxlL+IQ0KKSebKyRSbWZ+f49mLuevE5/MSpZviMFZGU7cMwWmGxYePGqapCu9bQfMZH7TjQJGXfYaVIJsYs3c9acTR8wa46q3jqol3ycFwsBfqujFFc02uwIDAQAB';

/** Entry points whose code runs inside web pages: they carry page-side code only. */
const PAGE_SIDE_ENTRYPOINTS = [
  'console-hook',
  'page-context',
  'page-collector',
  'full-page-render',
];

/**
 * Chunks of the extension pages' build. The popup's first JavaScript is `main.ts` and what it
 * imports statically, kept small (tests/bench/sizes.ts). What the pages load after it goes into
 * one chunk, not a dozen: each chunk an extension page requests costs its main thread several
 * milliseconds (docs/platform-facts.md#extension-page-chunks). Heavy libraries keep their own.
 */
function pageChunks(): Plugin {
  const firstStage = new Set<string>();
  // Everything the popup can load, now or later: the rest (the options page's and the
  // editor's own modules) stays out of the chunk the popup preloads.
  const popupReach = new Set<string>();
  // A page's own script runs when its chunk loads: it stays in its page's entry chunk.
  const popupScript = /[\\/]entrypoints[\\/]popup[\\/]main\.ts$/;
  const pageScript = /[\\/]entrypoints[\\/][^\\/]+[\\/](main\.tsx?|index\.html)$/;
  return {
    name: 'page-chunks',
    buildEnd() {
      const main = [...this.getModuleIds()].find((id) => popupScript.test(id));
      if (!main) return;
      // What the popup's page (index.html: main.ts, theme.css) loads statically; the page's
      // own modules stay in its entry chunk.
      const page = [main, ...(this.getModuleInfo(main)?.importers ?? [])];
      const queue = page.flatMap((id) => this.getModuleInfo(id)?.importedIds ?? []);
      for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
        if (firstStage.has(id) || page.includes(id)) continue;
        firstStage.add(id);
        queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
      const reach = [...page];
      for (let id = reach.pop(); id !== undefined; id = reach.pop()) {
        if (popupReach.has(id)) continue;
        popupReach.add(id);
        const info = this.getModuleInfo(id);
        reach.push(...(info?.importedIds ?? []), ...(info?.dynamicallyImportedIds ?? []));
      }
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        // Fetched and compiled while the popup's first JavaScript runs: the app follows it at
        // once (a dynamic import alone would only start the request then).
        const pages = Object.values(bundle).find(
          (file) => file.type === 'chunk' && file.name === 'pages',
        );
        const html = Object.values(bundle).find(
          (file) =>
            file.type === 'asset' && /popup[\\/]index\.html$|^popup\.html$/.test(file.fileName),
        );
        if (!pages || html?.type !== 'asset' || typeof html.source !== 'string') return;
        html.source = html.source.replace(
          '</head>',
          `  <link rel="modulepreload" crossorigin href="/${pages.fileName}">\n  </head>`,
        );
        // The stylesheet inline: the first script waits for no stylesheet request (a page's
        // scripts run only once its style sheets have loaded). The CSS has no url() to break.
        html.source = html.source.replace(
          /<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)">/,
          (link, fileName: string) => {
            const css = bundle[fileName];
            return css?.type === 'asset' && typeof css.source === 'string'
              ? `<style>${css.source}</style>`
              : link;
          },
        );
      },
    },
    outputOptions(options) {
      // Scripts built on their own (background, content scripts) are single files.
      if (options.format === 'iife' || options.format === 'umd') return options;
      return {
        ...options,
        codeSplitting: {
          groups: [
            {
              name: 'popup-start',
              test: (id) => firstStage.has(id),
              priority: 2,
            },
            {
              name: 'pages',
              test: (id) =>
                firstStage.size > 0 &&
                popupReach.has(id) &&
                !firstStage.has(id) &&
                !pageScript.test(id) &&
                !/node_modules[\\/]html2canvas/.test(id),
              priority: 1,
            },
          ],
        },
      };
    },
  };
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // SUPPORT_CAPTURE_OUT lets parallel builds (several developers' test runs) use their own folder.
  outDir: process.env.SUPPORT_CAPTURE_OUT ?? '.output',
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}-{{mode}}',
  vite: () => ({
    plugins: [
      preact(),
      pageChunks(),
      {
        // The MAIN-world hook must not be reported as an extension script (why: page-channel.ts).
        name: 'console-hook-source-name',
        generateBundle(_options, bundle) {
          const chunk = bundle['content-scripts/console-hook.js'];
          if (chunk?.type === 'chunk') chunk.code += `\n//# sourceURL=${HOOK_SOURCE_NAME}\n`;
        },
      },
    ],
    // One stylesheet for the extension pages, linked by each page: a dynamic import then waits
    // for no stylesheet of its own (Vite's preload holds the import until its CSS has loaded).
    // Chromium and Firefox (115+) preload modules themselves: no polyfill in the first script.
    build: { target: 'es2022', cssCodeSplit: false, modulePreload: { polyfill: false } },
  }),
  manifest: ({ browser, mode }) => ({
    // Texts from public/_locales (the browser's language, English otherwise).
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'webRequest',
      'alarms',
      'contextMenus',
      // "Filed as KEY-1" when a delivery that ran in the background completes.
      'notifications',
      // The portal's own Origin on the extension's portal writes (utils/portal/origin-rule.ts):
      // a session rule in Chromium, blocking webRequest in Firefox.
      ...(browser === 'firefox' ? ['webRequestBlocking'] : ['declarativeNetRequestWithHostAccess']),
    ],
    // The shortcut opens the popup like a click on the toolbar button (and grants activeTab).
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+S', mac: 'Alt+Shift+S' },
        description: '__MSG_reportProblem__',
      },
    },
    // Portal and always-on capture origins are asked for at run time, from a click.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    host_permissions: mode === 'e2e' || mode === 'e2e-policy' ? E2E_HOSTS : [],
    // Firefox e2e build only: WebDriver BiDi may not navigate a tab to a moz-extension page
    // ("Navigation … is not allowed in this context", Firefox ESR 153), so the test opens the
    // extension's pages from a loopback page, which needs them web-accessible to loopback.
    ...(browser === 'firefox' && mode === 'e2e'
      ? {
          web_accessible_resources: [
            { resources: ['options.html', 'popup.html'], matches: ['http://127.0.0.1/*'] },
          ],
        }
      : {}),
    // Only the policy test's build: ordinary e2e builds keep a path-derived id, so a policy
    // written for this id never reaches them.
    ...(mode === 'e2e-policy' ? { key: E2E_POLICY_KEY } : {}),
    action: { default_title: '__MSG_reportProblem__' },
    // What administrators may set (`storage.managed`). Firefox takes the same values from
    // the "3rdparty" section of policies.json and has no manifest key for the schema.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'support-capture@support-capture.dev',
              // MAIN-world content scripts need Firefox 128; the built-in data consent
              // (data_collection_permissions, which AMO requires) needs 140, the current ESR.
              // https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/
              strict_min_version: '140.0',
              // What the user files goes to the portal they configured: page content, the page's
              // URL, and the steps (clicks, keys, pages visited), which are website activity
              // (https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/#taxonomy).
              data_collection_permissions: {
                required: ['websiteContent', 'browsingActivity', 'websiteActivity'],
              },
            },
            // Firefox for Android reads the data consent from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    // Scripts that run inside web pages use the browser's own promise-based API (Chromium MV3,
    // Firefox) instead of webextension-polyfill: 10 KB less in every page (see README,
    // "Architecture"). Extension pages and the background keep the polyfill.
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      if (!entrypoints.every((entry) => PAGE_SIDE_ENTRYPOINTS.includes(entry.name))) return;
      const alias = viteConfig.resolve?.alias;
      if (Array.isArray(alias)) {
        viteConfig.resolve = {
          ...viteConfig.resolve,
          alias: alias.filter((rule) => rule.find !== 'wxt/browser'),
        };
      } else if (alias && typeof alias === 'object') {
        delete (alias as Record<string, string>)['wxt/browser'];
      }
    },
    // WXT makes the popup's <title> the toolbar button's title, over the manifest's; the
    // tooltip must come from the locale like the rest.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_reportProblem__';
    },
  },
  zip: {
    // The sources archive for AMO's review: what rebuilds the extension (package.json, the
    // lockfile, wxt.config.ts, entrypoints/, components/, utils/, public/, README.md).
    // Dot folders (.output*, .wxt, .git) and node_modules are left out by WXT already.
    excludeSources: [
      '.output/**',
      'test-results/**',
      'playwright-report/**',
      'tests/**',
      'playwright.config.ts',
      'vitest.config.ts',
    ],
  },
});
