import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

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

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // SUPPORT_CAPTURE_OUT lets parallel builds (several developers' test runs) use their own folder.
  outDir: process.env.SUPPORT_CAPTURE_OUT ?? '.output',
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}-{{mode}}',
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  manifest: ({ browser, mode }) => ({
    name: 'Support Capture',
    description:
      "Capture what broke in a web console and file it to the vendor's support portal in one click.",
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
    ],
    // The shortcut opens the popup like a click on the toolbar button (and grants activeTab).
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+S', mac: 'Alt+Shift+S' },
        description: 'Report a problem with this page',
      },
    },
    // Portal and always-on capture origins are asked for at run time, from a click.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    host_permissions: mode === 'e2e' ? E2E_HOSTS : [],
    action: { default_title: 'Report a problem with this page' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'support-capture@support-capture.dev',
              // MAIN-world content scripts need Firefox 128.
              strict_min_version: '128.0',
              // What the user files goes to the portal they configured: page content and the page's URL.
              data_collection_permissions: { required: ['websiteContent', 'browsingActivity'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['.output/**', 'test-results/**', 'playwright-report/**'],
  },
});
