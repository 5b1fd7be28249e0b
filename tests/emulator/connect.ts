/**
 * Connects a test or demo browser's extension to the emulator the way a finished options page
 * leaves it: writes the connection into the extension's storage from its service worker (the
 * e2e build already has access to 127.0.0.1). For `npm start` and e2e tests that are not about
 * the options page.
 */
import { type ExtensionBrowser, setExtensionStorage } from '../support/browser.ts';
import type { PortalEmulator } from './server.ts';

export async function connectExtensionToEmulator(
  extension: ExtensionBrowser,
  emulator: PortalEmulator,
  method: 'api-token' | 'portal-session' = 'api-token',
): Promise<void> {
  const { customer } = emulator.data;
  const items: Record<string, unknown> =
    method === 'api-token'
      ? {
          portalSettings: {
            portalUrl: emulator.origin,
            authMethod: 'api-token',
            email: customer.emailAddress,
            tokenKind: 'classic',
          },
          portalCredentials: { apiToken: customer.apiToken },
        }
      : {
          portalSettings: {
            portalUrl: emulator.origin,
            authMethod: 'portal-session',
            tokenKind: 'classic',
          },
          portalCredentials: null,
        };
  await setExtensionStorage(extension, items);
}

/** Signs the demo customer in on the emulator's portal login page, in the extension's browser. */
export async function signInOnPortal(
  extension: ExtensionBrowser,
  emulator: PortalEmulator,
): Promise<void> {
  const page = await extension.context.newPage();
  await page.goto(emulator.url('/servicedesk/customer/user/login'));
  await page.getByLabel('Email address').fill(emulator.data.customer.emailAddress);
  await page.getByLabel('Password').fill(emulator.data.customer.portalPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('status').waitFor();
  await page.close();
}
