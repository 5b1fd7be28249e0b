/**
 * Connecting the extension to a portal from the options page, against the local emulator:
 * with an API token, with a wrong one, and with the portal session cookie.
 */
import { connectExtensionToEmulator } from '../emulator/connect.ts';
import { type PortalEmulator, startPortalEmulator } from '../emulator/server.ts';
import { expect, test } from './fixtures';

let emulator: PortalEmulator;

test.beforeAll(async () => {
  emulator = await startPortalEmulator();
});
test.afterAll(async () => {
  await emulator.close();
});
test.beforeEach(() => {
  emulator.reset();
});

test('connects with an API token and lists the service desks', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  const { customer } = emulator.data;
  await options.getByLabel('Portal URL').fill(emulator.origin);
  await options.getByRole('radio', { name: 'API token' }).check();
  await options.getByLabel('Email').fill(customer.emailAddress);
  await options
    .getByLabel('API token', { exact: true })
    .and(options.locator('input[type=password]'))
    .fill(customer.apiToken);
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('status')).toContainText('Saved');
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('status')).toContainText(`Connected as ${customer.displayName}`);
  await expect(options.getByRole('list', { name: 'Service desks' })).toContainText(
    'Stakater Support',
  );

  // The token is never shown again in full, not even after a reload.
  await options.reload();
  await expect(options.getByText('••••4821 saved').first()).toBeVisible();
  expect(await options.content()).not.toContain(customer.apiToken);

  // What arrived at the portal: Basic auth, and no cookie mixed in.
  const desks = emulator.requests().find((r) => r.route === 'servicedesk.list');
  expect(desks?.headers.authorization).toMatch(/^Basic /);
  expect(desks?.headers.cookie).toBeUndefined();
});

test('a wrong token shows the sign-in problem and what to do', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  await options.getByLabel('Portal URL').fill(emulator.origin);
  await options.getByRole('radio', { name: 'API token' }).check();
  await options.getByLabel('Email').fill(emulator.data.customer.emailAddress);
  await options
    .getByLabel('API token', { exact: true })
    .and(options.locator('input[type=password]'))
    .fill('not-the-token');
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('alert')).toContainText('did not accept the email and API token');
  await expect(options.getByRole('link', { name: 'Create an API token' })).toBeVisible();
});

test('refuses plain http for a non-local portal', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  await options.getByLabel('Portal URL').fill('http://vendor.atlassian.net');
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByText('must start with https://')).toBeVisible();
  await expect(options.getByLabel('Portal URL')).toHaveAttribute('aria-invalid', 'true');
});

test('connects with the portal session after signing in on the portal', async ({
  extension,
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  await options.getByLabel('Portal URL').fill(emulator.origin);
  await options.getByRole('radio', { name: 'Portal session' }).check();
  // Signed out: the problem, and a way to sign in.
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('alert')).toContainText('not signed in to the portal');
  const signIn = options.getByRole('link', { name: 'Sign in to the portal' }).last();
  await expect(signIn).toHaveAttribute('href', emulator.url('/servicedesk/customer/user/login'));

  const portal = await extension.context.newPage();
  await portal.goto(emulator.url('/servicedesk/customer/user/login'));
  await portal.getByLabel('Email address').fill(emulator.data.customer.emailAddress);
  await portal.getByLabel('Password').fill(emulator.data.customer.portalPassword);
  await portal.getByRole('button', { name: 'Log in' }).click();
  await expect(portal.getByRole('status')).toContainText(
    `Signed in as ${emulator.data.customer.displayName}`,
  );

  await options.bringToFront();
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('status')).toContainText(
    `Connected as ${emulator.data.customer.displayName}`,
  );
  const desks = emulator
    .requests()
    .filter((r) => r.route === 'servicedesk.list')
    .at(-1);
  expect(desks?.headers.cookie).toContain('customer.account.session.token=');
  expect(desks?.headers.authorization).toBeUndefined();
});

test('fills the vendor profile and offers sign-up with its guidance', async ({
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  await options.getByRole('button', { name: 'Fill in from the Stakater profile' }).click();
  await expect(options.getByLabel('Portal URL')).toHaveValue(
    'https://stakater-cloud.atlassian.net',
  );
  await expect(options.getByRole('link', { name: 'Sign up' })).toHaveAttribute(
    'href',
    'https://stakater-cloud.atlassian.net/servicedesk/customer/user/signup',
  );
  await expect(
    options.getByText('Register with your official company email address.'),
  ).toBeVisible();
});

test('answers the composer messages through the background', async ({
  extension,
  openExtensionPage,
}) => {
  await connectExtensionToEmulator(extension, emulator);
  const page = await openExtensionPage('options.html');
  const ask = (type: string, data: unknown) =>
    page.evaluate(
      ([t, d]) =>
        (
          globalThis as unknown as {
            chrome: {
              runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown }> };
            };
          }
        ).chrome.runtime.sendMessage({ type: t, data: d }),
      [type, data] as const,
    );
  expect(await ask('listServiceDesks', {})).toEqual({
    ok: true,
    value: { serviceDesks: [{ id: '1', projectName: 'Stakater Support', projectKey: 'SUP' }] },
  });
  const types = (await ask('listRequestTypes', { serviceDeskId: '1' })) as {
    value: { requestTypes: { name: string }[] };
  };
  expect(types.value.requestTypes.map((t) => t.name)).toEqual([
    'Report an incident',
    'Ask a question',
    'Request a change',
    'Report a cluster problem',
    'Request a platform change',
  ]);
  const fields = (await ask('getRequestTypeFields', {
    serviceDeskId: '1',
    requestTypeId: '10',
  })) as {
    value: { requestTypeFields: { name: string }[] };
  };
  expect(fields.value.requestTypeFields.map((f) => f.name)).toContain('Severity');
  // The portal's searchTerm matches the summary only (JSM-like, the emulator's default).
  const found = (await ask('searchMyRequests', { term: 'etcdserver' })) as {
    value: { requests: { issueKey: string; webUrl: string }[] };
  };
  expect(found.value.requests).toHaveLength(1);
  expect(found.value.requests[0]?.webUrl).toContain('/servicedesk/customer/portal/1/SUP-1');
  const articles = (await ask('searchKnowledgeBase', { query: 'etcd', serviceDeskId: '1' })) as {
    value: { articles: { title: string }[] };
  };
  expect(articles.value.articles[0]?.title).toContain('Argo CD');
  // The connection view a page gets has no token in it.
  const view = await ask('getConnection', {});
  expect(JSON.stringify(view)).not.toContain(emulator.data.customer.apiToken);
});
