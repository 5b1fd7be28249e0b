// @vitest-environment node
/**
 * Firefox's built-in data consent lists what leaves with a report: page content, the page's
 * address, and the steps (clicks, keys), which Firefox calls website activity.
 */
import { expect, it } from 'vitest';
import config from '../../../wxt.config';

it('declares website activity for the recorded steps in the Firefox build', async () => {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts manifest is not a function');
  const firefox = (await manifest({ browser: 'firefox', mode: 'production' } as never)) as {
    browser_specific_settings?: {
      gecko?: { data_collection_permissions?: { required?: string[] } };
    };
  };
  expect(firefox.browser_specific_settings?.gecko?.data_collection_permissions?.required).toEqual(
    expect.arrayContaining(['websiteContent', 'browsingActivity', 'websiteActivity']),
  );
});
