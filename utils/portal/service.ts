/**
 * The background's portal service: builds the client from the stored connection and answers
 * the portal messages. This module (with the rest of utils/portal/) is the only reader of the
 * stored credentials; pages receive views without them.
 */

import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { articleUrl } from '../ticket/article-link';
import { type AuthProvider, apiTokenProvider, portalSessionProvider } from './auth';
import { createPortalClient, type PortalClient, type RequestStatusFilter } from './client';
import { connectionInForce } from './connection-in-force';
import { portalCredentialsItem } from './credentials-item';
import { notConfiguredError } from './errors';
import type { FetchFunction } from './http';
import { portalSettingsItem } from './items';
import { guardPortalOrigins } from './origin-guard';
import type {
  ConnectionView,
  RequestSummary,
  RequestTypeList,
  SaveConnection,
  ServiceDeskSummary,
  TestConnectionResult,
} from './protocol';
import { SaveConnectionSchema } from './protocol';
import type { CreateMeta, ServiceDesk } from './schemas';
import {
  checkPortalUrl,
  credentialsFor,
  gatewayUrlFor,
  type PortalCredentials,
  type PortalSettings,
  requiredOrigins,
  sameSiteLink,
  tokenHint,
} from './settings';

/** The global fetch, bound: an unbound `fetch` throws "Illegal invocation" in workers. */
const defaultFetch: FetchFunction = (input, init) => fetch(input, init);

function buildAuthProvider(
  settings: PortalSettings,
  credentials: PortalCredentials | null,
  fetchFn: FetchFunction = defaultFetch,
  onCloudId?: (cloudId: string) => void,
): AuthProvider {
  if (settings.authMethod === 'portal-session') return portalSessionProvider(settings.portalUrl);
  if (!settings.email || !credentials?.apiToken) {
    throw new AppError({
      code: 'not-configured',
      message:
        'The API token sign-in needs your email and an API token. Enter both in the extension options and press Save.',
      messageKey: 'error_apiTokenMissing',
    });
  }
  return apiTokenProvider({
    siteUrl: settings.portalUrl,
    email: settings.email,
    apiToken: credentials.apiToken,
    tokenKind: settings.tokenKind,
    gatewayUrl: gatewayUrlFor(settings.portalUrl),
    cloudId: credentials.cloudId,
    onCloudId,
    fetch: fetchFn,
  });
}

/**
 * The stored credentials when they were entered for the portal in force (`settings`, with the
 * organisation's policy applied), else null: a token never follows a changed portal.
 */
async function boundCredentials(settings: PortalSettings): Promise<PortalCredentials | null> {
  const [credentials, saved] = await Promise.all([
    portalCredentialsItem.get(),
    portalSettingsItem.get(),
  ]);
  return credentialsFor(credentials, settings.portalUrl, saved?.portalUrl);
}

/** A client for the saved connection; throws `not-configured` when there is none. */
export async function getPortalClient(
  fetchFn: FetchFunction = defaultFetch,
): Promise<PortalClient> {
  const settings = await connectionInForce().read();
  if (!settings) throw notConfiguredError();
  await guardPortalOrigins(settings);
  const credentials = await boundCredentials(settings);
  const auth = buildAuthProvider(settings, credentials, fetchFn, (cloudId) => {
    // Keep the cloudId so later calls skip the tenant_info round trip.
    if (credentials) void portalCredentialsItem.set({ ...credentials, cloudId });
  });
  return createPortalClient({ fetch: fetchFn, auth });
}

async function originsGranted(settings: PortalSettings): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: requiredOrigins(settings) });
  } catch {
    return false;
  }
}

export async function getConnection(): Promise<ConnectionView> {
  const settings = await connectionInForce().read();
  if (!settings) return { originGranted: false };
  const [credentials, originGranted] = await Promise.all([
    boundCredentials(settings),
    originsGranted(settings),
  ]);
  return {
    portalUrl: settings.portalUrl,
    authMethod: settings.authMethod,
    email: settings.email,
    tokenKind: settings.tokenKind,
    vendorProfileId: settings.vendorProfileId,
    tokenHint: credentials?.apiToken ? tokenHint(credentials.apiToken) : undefined,
    originGranted,
  };
}

/**
 * Saves the connection. The page asked for the host permission from the click; it is checked
 * here, not trusted. A token is kept when the form leaves it empty for the same portal; for
 * another portal the form must carry a new one (the old token is never sent to it).
 */
export async function saveConnection(input: SaveConnection): Promise<ConnectionView> {
  const request = SaveConnectionSchema.parse(input);
  const url = checkPortalUrl(request.portalUrl);
  if (!url.ok) {
    throw new AppError({
      code: 'validation',
      message: url.message,
      messageKey: url.messageKey,
      values: url.values,
    });
  }
  const managed = await connectionInForce().managed();
  if (
    (managed.portalUrl && managed.portalUrl !== url.siteUrl) ||
    (managed.authMethod && managed.authMethod !== request.authMethod)
  ) {
    throw new AppError({
      code: 'locked',
      message:
        'Your organisation sets the portal and the sign-in method. Reload the options page to see them.',
      messageKey: 'error_connectionLocked',
    });
  }
  const email = request.email?.trim() || undefined;
  if (request.authMethod === 'api-token' && !email) {
    throw new AppError({
      code: 'validation',
      message: 'Enter the email address of your Atlassian account.',
      messageKey: 'error_emailMissing',
    });
  }
  const settings: PortalSettings = {
    portalUrl: url.siteUrl,
    authMethod: request.authMethod,
    email,
    tokenKind: request.tokenKind,
    vendorProfileId: request.vendorProfileId,
  };
  if (!(await originsGranted(settings))) {
    throw new AppError({
      code: 'permission-denied',
      message: `The browser has not granted access to ${url.siteUrl}. Press Save again and allow access when the browser asks.`,
      messageKey: 'connection_needsAccess',
      values: [url.siteUrl],
    });
  }
  const previous = await portalSettingsItem.get();
  const previousCredentials = credentialsFor(
    await portalCredentialsItem.get(),
    settings.portalUrl,
    previous?.portalUrl,
  );
  const newToken = request.apiToken?.trim();
  if (request.authMethod === 'portal-session') {
    await portalCredentialsItem.set(null);
  } else if (newToken) {
    await portalCredentialsItem.set({ apiToken: newToken, origin: settings.portalUrl });
  } else if (!previousCredentials?.apiToken) {
    throw new AppError({
      code: 'validation',
      message:
        previous?.portalUrl && previous.portalUrl !== settings.portalUrl
          ? `Enter an API token for ${settings.portalUrl}. The saved token was entered for ${previous.portalUrl} and is only sent there (create one at id.atlassian.com, Security, API tokens).`
          : 'Enter your API token (create one at id.atlassian.com, Security, API tokens).',
      ...(previous?.portalUrl && previous.portalUrl !== settings.portalUrl
        ? {
            messageKey: 'error_tokenForOtherPortal',
            values: [settings.portalUrl, previous.portalUrl],
          }
        : { messageKey: 'error_tokenMissing' }),
    });
  } else if (previous?.tokenKind !== settings.tokenKind || !previousCredentials.origin) {
    // The cached cloudId belongs to the old token kind; an old record gets its origin.
    await portalCredentialsItem.set({
      apiToken: previousCredentials.apiToken,
      origin: settings.portalUrl,
    });
  }
  await portalSettingsItem.set(settings);
  await guardPortalOrigins(settings);
  return getConnection();
}

export async function forgetConnection(): Promise<ConnectionView> {
  await portalCredentialsItem.set(null);
  await portalSettingsItem.set(null);
  await guardPortalOrigins(null);
  return { originGranted: false };
}

function summarizeDesk(desk: ServiceDesk): ServiceDeskSummary {
  return { id: desk.id, projectName: desk.projectName, projectKey: desk.projectKey };
}

/**
 * Checks the saved connection step by step, so the error says which part is wrong: the site
 * (wrong URL, not JSM), the sign-in (token, session), or the access (no desks).
 */
export async function testConnection(
  fetchFn: FetchFunction = defaultFetch,
): Promise<TestConnectionResult> {
  const settings = await connectionInForce().read();
  if (!settings) throw notConfiguredError();
  const client = await getPortalClient(fetchFn);
  // /info needs no sign-in: a failure here means the URL is not a reachable JSM site.
  const site = createPortalClient({
    fetch: fetchFn,
    auth: portalSessionProvider(settings.portalUrl),
  });
  try {
    await site.info();
  } catch (error) {
    const appError = AppError.from(error);
    // An HTML page (`refused`) where the API should answer: not a JSM site either.
    if (['not-found', 'unexpected-response', 'refused'].includes(appError.code)) {
      const { messageKey: _key, values: _values, ...info } = appError.info;
      throw new AppError({
        ...info,
        code: 'unexpected-response',
        message: `${settings.portalUrl} does not look like a Jira Service Management site (its service desk API did not answer). Check the Portal URL: it is the address of the vendor's portal, like https://vendor.atlassian.net.`,
        messageKey: 'error_notJsm',
        values: [settings.portalUrl],
      });
    }
    throw appError;
  }
  const serviceDesks = await client.listServiceDesks({ maxPages: 5 });
  let displayName: string | undefined;
  let accountId: string | undefined;
  try {
    const me = await client.myself();
    displayName = me.displayName;
    accountId = me.accountId;
  } catch (error) {
    // Portal-only customers may be refused /myself (UNVERIFIED); the desks already proved the
    // sign-in works, so only sign-in errors count here.
    const appError = AppError.from(error);
    if (appError.code === 'auth' || appError.code === 'rate-limited') throw appError;
    // Who is signed in, where the portal says it: the reporter of the user's own requests.
    const own = await client
      .myRequests({ requestOwnership: ['OWNED_REQUESTS'], limit: 1 })
      .catch(() => undefined);
    const reporter = own?.values.find((request) => request.reporter)?.reporter;
    displayName = reporter?.displayName;
    accountId = reporter?.accountId;
  }
  if (serviceDesks.length === 0) {
    throw new AppError({
      code: 'forbidden',
      message: `Signed in${displayName ? ` as ${displayName}` : ''}, but this account sees no service desk on ${settings.portalUrl}. Sign up on the vendor's portal with your company email address, or ask the vendor to add you as a customer.`,
      ...(displayName
        ? { messageKey: 'error_noServiceDeskAs', values: [displayName, settings.portalUrl] }
        : { messageKey: 'error_noServiceDesk', values: [settings.portalUrl] }),
    });
  }
  return {
    displayName: displayName ?? settings.email ?? 'the signed-in portal customer',
    accountId,
    serviceDesks: serviceDesks.map(summarizeDesk),
  };
}

export async function listServiceDesks(): Promise<{ serviceDesks: ServiceDeskSummary[] }> {
  const client = await getPortalClient();
  return { serviceDesks: (await client.listServiceDesks()).map(summarizeDesk) };
}

export async function listRequestTypes(serviceDeskId: string): Promise<RequestTypeList> {
  const client = await getPortalClient();
  const [groups, requestTypes] = await Promise.all([
    client.listRequestTypeGroups(serviceDeskId),
    client.listRequestTypes(serviceDeskId),
  ]);
  return {
    groups: groups.map((group) => ({ id: group.id, name: group.name })),
    requestTypes: requestTypes
      .filter((type) => type.canCreateRequest !== false)
      .map((type) => ({
        id: type.id,
        name: type.name,
        description: type.description,
        helpText: type.helpText,
        groupIds: type.groupIds ?? [],
        ...(type.portalId ? { portalId: type.portalId } : {}),
      })),
  };
}

export async function getRequestTypeFields(
  serviceDeskId: string,
  requestTypeId: string,
): Promise<CreateMeta> {
  const client = await getPortalClient();
  return client.getRequestTypeFields(serviceDeskId, requestTypeId);
}

export async function searchMyRequests(
  term: string,
  requestStatus: RequestStatusFilter = 'ALL_REQUESTS',
): Promise<{ requests: RequestSummary[] }> {
  const client = await getPortalClient();
  const site = (await connectionInForce().read())?.portalUrl ?? '';
  const page = await client.myRequests({ searchTerm: term.trim() || undefined, requestStatus });
  return {
    requests: page.values.map((request) => ({
      issueKey: request.issueKey,
      summary: request.summary ?? '',
      status: request.currentStatus?.status,
      statusCategory: request.currentStatus?.statusCategory,
      createdIso: request.createdDate?.iso8601,
      webUrl: sameSiteLink(request._links?.web, site),
    })),
  };
}

export async function searchKnowledgeBase(query: string, serviceDeskId?: string) {
  const client = await getPortalClient();
  const site = (await connectionInForce().read())?.portalUrl ?? '';
  const page = await client.searchKnowledgeBase(query, { serviceDeskId });
  // The article page sits under the desk's portal: its id comes with the request types.
  const portalUrl = (await connectionInForce().read())?.portalUrl;
  const portalId = serviceDeskId
    ? await client.listRequestTypes(serviceDeskId).then(
        (types) => types.find((type) => type.portalId)?.portalId,
        () => undefined,
      )
    : undefined;
  return {
    articles: page.values.map((article) => {
      const pageId = (article.source as { pageId?: unknown } | undefined)?.pageId;
      return {
        title: article.title,
        excerpt: article.excerpt,
        url: sameSiteLink(
          articleUrl(
            portalUrl,
            portalId ?? undefined,
            typeof pageId === 'string' ? pageId : undefined,
            article.content?.iframeSrc,
          ),
          site,
        ),
      };
    }),
  };
}

interface AddToRequestInput {
  issueKey: string;
  /** The composed report, in wiki markup. */
  comment: string;
  /** Files from the blob store (utils/blob-store.ts), by id, with the names to upload under. */
  files: ReadonlyArray<{ blobId: string; name: string }>;
}

/**
 * Adds a report to an existing request instead of filing a new one: a public comment with the
 * composed text, and the files attached with that comment (JSM's `additionalComment`), or the
 * comment alone when there are no files. Files are uploaded to the request's own desk:
 * temporary files of another desk are refused at attach.
 */
export async function addToRequest(
  input: AddToRequestInput,
  readBlob: (id: string) => Promise<Blob | undefined>,
): Promise<{ issueKey: string; webUrl?: string; attached: number }> {
  const client = await getPortalClient();
  const request = await client.getRequest(input.issueKey, []);
  const webUrl = request._links?.web;
  if (input.files.length === 0) {
    await client.addComment(input.issueKey, input.comment);
    return { issueKey: request.issueKey, webUrl, attached: 0 };
  }
  const files = [];
  for (const file of input.files) {
    const data = await readBlob(file.blobId);
    if (!data) {
      throw new AppError({
        code: 'storage',
        message: `The file "${file.name}" is missing from the browser's storage. Remove it from the report or capture it again.`,
        messageKey: 'error_fileMissing',
        values: [file.name],
      });
    }
    files.push({ name: file.name, data });
  }
  if (!request.serviceDeskId) {
    throw new AppError({
      code: 'unexpected-response',
      message: `The portal did not say which service desk ${input.issueKey} belongs to, so the files cannot be attached. Add them on the portal instead.`,
      messageKey: 'error_noDeskForAttach',
      values: [input.issueKey],
    });
  }
  const uploaded = await client.attachTemporaryFiles(request.serviceDeskId, files);
  const ids = uploaded.temporaryAttachments.map((t) => t.temporaryAttachmentId);
  await client.attachToRequest(input.issueKey, ids, input.comment);
  return { issueKey: request.issueKey, webUrl, attached: ids.length };
}
