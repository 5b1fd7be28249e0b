/**
 * A local emulator of a Jira Service Management Cloud site, for tests and the demo. It follows
 * Atlassian's OpenAPI spec (tests/contracts/) and docs/jsm-portal.md, not our client: the same paths
 * under `/rest/servicedeskapi` and `/ex/jira/{cloudId}/rest/servicedeskapi`, string ids,
 * `PagedDTO` pages with `isLastPage` and no total, JSM's `{errorMessage, i18nErrorMessage}`
 * and the platform's `{errorMessages, errors}` error bodies, the XSRF rule on multipart
 * uploads, customer permission limits, both sign-in modes and fault switches.
 *
 * Loopback only (127.0.0.1). Every request is recorded with what really arrived, and every
 * response body is recorded with the route that produced it (for the contract test).
 *
 * Control API for other processes (npm start, e2e): under `/__emulator/`:
 *   GET  requests        the record
 *   GET  state           created requests, temporary attachments, faults
 *   POST faults          body `{faults: EmulatorFault[]}` replaces the fault switches
 *   POST reset           back to the demo data, no faults, empty record
 *   POST clock           body `{advanceMs}` moves the emulator's clock (expiry tests)
 *   POST config          body `{xsrf?: 'same-origin' | 'atlassian' | 'off', refuse?: string[], …}`:
 *                        the XSRF filter (tests/emulator/xsrf.ts); route names answered 403
 *                        (e.g. `myself`, `user.picker` as for a portal-only customer)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type DemoAccount,
  type DemoData,
  type DemoField,
  type DemoFieldValue,
  type DemoRequestType,
  type DemoServiceDesk,
  loadDemoData,
} from './data.ts';
import {
  CUSTOMER_TRANSITIONS,
  DEFAULT_REALISM,
  EDGE_413,
  fieldLimitProblem,
  mergeRealism,
  type Realism,
  SCOPE_ERROR,
  scopeFor,
} from './realism.ts';
import { DEFAULT_XSRF_MODE, isXsrfMode, XSRF_REFUSAL, type XsrfMode, xsrfRefusal } from './xsrf.ts';

export const SESSION_COOKIE = 'customer.account.session.token';

export type FaultKind =
  | 'latency'
  | 'status'
  | 'rate-limit'
  | 'html-400'
  | 'empty-403'
  | 'unauthorized'
  | 'drop-after-commit'
  | 'html-413'
  | 'html-404'
  | 'conflict'
  | 'unreadable-200'
  // Closes a kept-alive (reused) connection after the portal processed the call, without a
  // response byte: Chromium re-sends the request itself
  // (docs/platform-facts.md#the-browser-re-sends-a-post). A call on a fresh connection passes
  // untouched (Chromium would not re-send it).
  | 'drop-kept-alive';

export interface EmulatorFault {
  kind: FaultKind;
  /** HTTP method to match (any when left out). */
  method?: string;
  /** Substring of the path to match, e.g. `/rest/servicedeskapi/request` (any when left out). */
  path?: string;
  /** How many matching requests it applies to (every one when left out). */
  times?: number;
  /** `latency`: delay before answering. */
  latencyMs?: number;
  /** `status`: the 5xx (or other) status to answer with; 500 when left out. */
  status?: number;
  /** `rate-limit` (429) and `status` 503: the Retry-After seconds. */
  retryAfterSeconds?: number;
}

export interface RecordedMultipartField {
  name: string;
  fileName?: string;
  contentType?: string;
  size: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  /** JSON value, `{multipart: [...]}`, form fields, text, or undefined when empty. */
  body: unknown;
  /** The route that answered, e.g. `servicedesk.list` (undefined for pages and 404s). */
  route?: string;
  /** Which fault answered, if one did. */
  fault?: FaultKind;
  /** The call came on a connection that had carried an earlier call (kept alive). */
  reusedConnection?: boolean;
  response?: { status: number; contentType: string; body: unknown };
}

export interface EmulatorOptions {
  port?: number;
  data?: DemoData;
  /** How long temporary attachments live (real JSM: undocumented). Default one hour. */
  temporaryAttachmentTtlMs?: number;
  /** Real-portal behaviours, each on by default (see realism.ts). */
  realism?: Partial<Realism>;
  /** The XSRF filter on REST writes (tests/emulator/xsrf.ts); "same-origin" when left out. */
  xsrf?: XsrfMode;
  /** Route names answered 403 for this customer (`myself`, `user.picker`, `portal.share`…). */
  refuse?: string[];
}

interface StoredComment {
  id: string;
  body: string;
  public: boolean;
  author: string;
  created: number;
}

interface StoredAttachment {
  id: string;
  filename: string;
  size: number;
  mimeType: string;
  author: string;
  created: number;
}

interface StoredTransition {
  id: string;
  by: string;
  at: number;
}

interface StoredRequest {
  issueId: string;
  issueKey: string;
  serviceDeskId: string;
  requestTypeId: string;
  fieldValues: Record<string, unknown>;
  reporter: string;
  participants: string[];
  comments: StoredComment[];
  attachments: StoredAttachment[];
  created: number;
  updated: number;
  status: string;
  statusCategory: string;
  transitions: StoredTransition[];
}

interface TemporaryAttachment {
  id: string;
  serviceDeskId: string;
  fileName: string;
  size: number;
  mimeType: string;
  created: number;
}

interface State {
  requests: StoredRequest[];
  temporary: Map<string, TemporaryAttachment>;
  sessions: Map<string, string>;
  nextIssue: number;
  nextComment: number;
  nextAttachment: number;
}

export interface PortalEmulator {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string): string;
  data: DemoData;
  state(): State;
  /** Every request received (control API calls excluded). */
  requests(): RecordedRequest[];
  setFaults(faults: EmulatorFault[]): void;
  /** Changes real-portal behaviours (list lag, scopes...), see realism.ts. */
  setRealism(change: Partial<Realism>): void;
  setXsrf(mode: XsrfMode): void;
  /** Route names answered 403, as a portal-only customer sees them; [] for none. */
  setRefused(routeNames: string[]): void;
  advanceClock(ms: number): void;
  reset(): void;
  close(): Promise<void>;
}

/** Thrown by handlers: becomes a JSM or platform error body. */
class HttpError extends Error {
  readonly status: number;
  readonly shape: 'jsm' | 'platform';
  readonly fields?: Record<string, string>;
  readonly i18nKey: string;
  constructor(
    status: number,
    message: string,
    options: { shape?: 'jsm' | 'platform'; fields?: Record<string, string>; i18nKey?: string } = {},
  ) {
    super(message);
    this.status = status;
    this.shape = options.shape ?? 'jsm';
    this.fields = options.fields;
    // Real i18n keys for these cases are not public (docs/jsm-portal.md#error-bodies); these
    // are stand-ins.
    this.i18nKey = options.i18nKey ?? `sd.emulator.error.${status}`;
  }
}

interface Reply {
  status: number;
  body?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

interface Context {
  req: IncomingMessage;
  url: URL;
  origin: string;
  /** `/rest/servicedeskapi` or `/ex/jira/{cloudId}/rest/servicedeskapi`: for `_links`. */
  apiBase: string;
  mode: 'site' | 'gateway';
  record: RecordedRequest;
  body: unknown;
  rawBody: Buffer;
}

function date(ms: number) {
  const d = new Date(ms);
  const iso = d.toISOString().replace(/\.\d{3}Z$/, '+0000');
  return {
    epochMillis: ms,
    friendly: d.toUTCString(),
    iso8601: iso,
    jira: d.toISOString().replace('Z', '+0000'),
  };
}

function paged<T>(
  items: readonly T[],
  url: URL,
  base: string,
  defaultLimit = 50,
): Record<string, unknown> {
  const start = Math.max(0, Number(url.searchParams.get('start') ?? 0) || 0);
  const limit = Math.min(
    100,
    Math.max(1, Number(url.searchParams.get('limit') ?? defaultLimit) || defaultLimit),
  );
  const values = items.slice(start, start + limit);
  const isLastPage = start + limit >= items.length;
  const link = (s: number) => {
    const next = new URL(url.toString());
    next.searchParams.set('start', String(s));
    next.searchParams.set('limit', String(limit));
    return next.toString();
  };
  return {
    _expands: [],
    size: values.length,
    start,
    limit,
    isLastPage,
    _links: {
      base,
      context: '',
      self: url.toString(),
      ...(isLastPage ? {} : { next: link(start + limit) }),
      ...(start > 0 ? { prev: link(Math.max(0, start - limit)) } : {}),
    },
    values,
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(raw: Buffer, contentType: string): Promise<unknown> {
  if (raw.length === 0) return undefined;
  if (/multipart\/form-data/i.test(contentType)) {
    // Node's own fetch types parse multipart exactly as a browser would build it.
    try {
      const form = await new Response(new Uint8Array(raw), {
        headers: { 'content-type': contentType },
      }).formData();
      const fields: RecordedMultipartField[] = [];
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') fields.push({ name, size: value.length });
        else fields.push({ name, fileName: value.name, contentType: value.type, size: value.size });
      }
      return { multipart: fields };
    } catch {
      return { multipart: 'unparseable' };
    }
  }
  const text = raw.toString('utf8');
  if (/application\/x-www-form-urlencoded/i.test(contentType)) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (/json/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): Reply {
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    text: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>`,
  };
}

function cookies(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0)
      jar.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  return jar;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function startPortalEmulator(options: EmulatorOptions = {}): Promise<PortalEmulator> {
  const data = options.data ?? loadDemoData();
  let ttlMs = options.temporaryAttachmentTtlMs ?? 60 * 60 * 1000;
  let realism: Realism = mergeRealism(DEFAULT_REALISM, options.realism ?? {});
  let xsrfMode: XsrfMode = options.xsrf ?? DEFAULT_XSRF_MODE;
  let refused = new Set(options.refuse ?? []);
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;
  let faults: (EmulatorFault & { remaining: number })[] = [];
  let recorded: RecordedRequest[] = [];
  let requestCounter = 0;
  const accounts: DemoAccount[] = [data.customer, ...data.colleagues];

  const freshState = (): State => {
    const state: State = {
      requests: [],
      temporary: new Map(),
      sessions: new Map(),
      nextIssue: 1,
      nextComment: 1000,
      nextAttachment: 5000,
    };
    for (const [index, seed] of data.requests.entries()) {
      const desk = data.serviceDesks.find((d) => d.id === seed.serviceDeskId);
      if (!desk) continue;
      const created = Date.now() - (data.requests.length - index) * 86_400_000;
      state.requests.push({
        issueId: String(20000 + state.nextIssue),
        issueKey: `${desk.projectKey}-${state.nextIssue}`,
        serviceDeskId: desk.id,
        requestTypeId: seed.requestTypeId,
        fieldValues: { summary: seed.summary, description: seed.description, ...seed.fieldValues },
        reporter: data.customer.accountId,
        participants: [...seed.participants],
        comments: [],
        attachments: [],
        created,
        updated: created,
        status: seed.status,
        statusCategory: seed.statusCategory,
        transitions: [],
      });
      state.nextIssue += 1;
    }
    return state;
  };
  let state = freshState();

  // --- DTO builders -------------------------------------------------------------------

  const userDto = (accountId: string, ctx: Context) => {
    const account = accounts.find((a) => a.accountId === accountId);
    return {
      accountId,
      emailAddress: account?.emailAddress ?? null,
      displayName: account?.displayName ?? 'Former user',
      active: account !== undefined,
      timeZone: account?.timeZone ?? null,
      _links: {
        jiraRest: `${ctx.origin}/rest/api/2/user?accountId=${encodeURIComponent(accountId)}`,
        avatarUrls: { '48x48': `${ctx.origin}/avatar/${encodeURIComponent(accountId)}?s=48` },
        self: `${ctx.origin}/rest/api/2/user?accountId=${encodeURIComponent(accountId)}`,
      },
    };
  };

  const deskDto = (desk: DemoServiceDesk, ctx: Context) => ({
    id: desk.id,
    projectId: desk.projectId,
    projectName: desk.projectName,
    projectKey: desk.projectKey,
    projectTypeKey: 'service_desk',
    _links: { self: `${ctx.origin}${ctx.apiBase}/servicedesk/${desk.id}` },
  });

  const requestTypeDto = (desk: DemoServiceDesk, type: DemoRequestType, ctx: Context) => ({
    _expands: [],
    id: type.id,
    _links: { self: `${ctx.origin}${ctx.apiBase}/servicedesk/${desk.id}/requesttype/${type.id}` },
    name: type.name,
    description: type.description,
    helpText: type.helpText,
    issueTypeId: type.issueTypeId,
    serviceDeskId: desk.id,
    portalId: desk.portalId,
    groupIds: type.groupIds,
    canCreateRequest: true,
    restrictionStatus: 'OPEN',
    icon: {
      id: '10500',
      _links: {
        iconUrls: {
          '48x48': `${ctx.origin}/rest/api/2/universal_avatar/view/type/SD_REQTYPE/avatar/10500?size=large`,
        },
      },
    },
  });

  const valueDto = (v: DemoFieldValue): Record<string, unknown> => ({
    value: v.value,
    label: v.label,
    children: (v.children ?? []).map(valueDto),
  });
  const fieldDto = (field: DemoField) => ({
    fieldId: field.fieldId,
    name: field.name,
    description: field.description ?? '',
    required: field.required,
    defaultValues: (field.defaultValues ?? []).map(valueDto),
    validValues: (field.validValues ?? []).map(valueDto),
    presetValues: field.presetValues ?? [],
    jiraSchema: field.jiraSchema,
    visible: field.visible !== false,
  });

  const findDesk = (idOrKey: string): DemoServiceDesk => {
    // "serviceDeskId can alternatively be a project identifier" (SPEC).
    const desk = data.serviceDesks.find(
      (d) => d.id === idOrKey || d.projectId === idOrKey || d.projectKey === idOrKey,
    );
    if (!desk)
      throw new HttpError(404, `Service desk with id ${idOrKey} does not exist.`, {
        i18nKey: 'sd.admin.servicedesk.error.notfound',
      });
    return desk;
  };

  const findType = (desk: DemoServiceDesk, id: string): DemoRequestType => {
    const type = desk.requestTypes.find((t) => t.id === id);
    if (!type)
      throw new HttpError(404, `The request type ${id} does not exist in this service desk.`, {
        i18nKey: 'sd.requesttype.error.notfound',
      });
    return type;
  };

  const visibleTo = (request: StoredRequest, accountId: string) =>
    request.reporter === accountId || request.participants.includes(accountId);

  const findRequest = (key: string, accountId: string): StoredRequest => {
    const request = state.requests.find((r) => r.issueKey === key || r.issueId === key);
    // JSM does not reveal requests the caller may not see: same 404 as a missing one.
    if (!request || !visibleTo(request, accountId)) {
      throw new HttpError(
        404,
        'The request does not exist or you do not have permission to see it.',
        { i18nKey: 'sd.customer.request.error.notfound' },
      );
    }
    return request;
  };

  const renderValue = (field: DemoField, value: unknown, ctx: Context): unknown => {
    if (field.jiraSchema.type === 'option' && isObject(value)) {
      const option = field.validValues?.find(
        (v) => v.value === value.id || v.label === value.value,
      );
      return option
        ? {
            self: `${ctx.origin}/rest/api/2/customFieldOption/${option.value}`,
            value: option.label,
            id: option.value,
          }
        : value;
    }
    if (field.jiraSchema.type === 'priority' && isObject(value)) {
      const option = field.validValues?.find((v) => v.value === value.id || v.label === value.name);
      return option
        ? {
            self: `${ctx.origin}/rest/api/2/priority/${option.value}`,
            name: option.label,
            id: option.value,
          }
        : value;
    }
    return value;
  };

  const requestDto = (request: StoredRequest, ctx: Context, expand: string[]) => {
    const desk = findDesk(request.serviceDeskId);
    const type = findType(desk, request.requestTypeId);
    const currentStatus = {
      status: request.status,
      statusCategory: request.statusCategory,
      statusDate: date(request.updated),
    };
    const dto: Record<string, unknown> = {
      _expands: [
        'participant',
        'status',
        'sla',
        'requestType',
        'serviceDesk',
        'attachment',
        'action',
        'comment',
      ],
      issueId: request.issueId,
      issueKey: request.issueKey,
      summary: String(request.fieldValues.summary ?? ''),
      requestTypeId: request.requestTypeId,
      serviceDeskId: request.serviceDeskId,
      createdDate: date(request.created),
      reporter: userDto(request.reporter, ctx),
      // Map in, ARRAY out (SPEC CustomerRequestDTO).
      requestFieldValues: type.fields
        .filter((field) => request.fieldValues[field.fieldId] !== undefined)
        .map((field) => {
          const value = request.fieldValues[field.fieldId];
          return {
            fieldId: field.fieldId,
            label: field.name,
            value: renderValue(field, value, ctx),
            ...(field.fieldId === 'description' && typeof value === 'string'
              ? { renderedValue: { html: `<p>${escapeHtml(value)}</p>` } }
              : {}),
          };
        }),
      currentStatus,
      _links: {
        jiraRest: `${ctx.origin}/rest/api/2/issue/${request.issueId}`,
        web: `${ctx.origin}/servicedesk/customer/portal/${desk.portalId}/${request.issueKey}`,
        agent: `${ctx.origin}/browse/${request.issueKey}`,
        self: `${ctx.origin}${ctx.apiBase}/request/${request.issueId}`,
      },
    };
    if (expand.includes('status')) {
      dto.status = paged(
        [currentStatus],
        new URL(`${ctx.origin}${ctx.apiBase}/request/${request.issueId}/status`),
        `${ctx.origin}${ctx.apiBase}`,
      );
    }
    if (expand.includes('participant')) {
      dto.participants = paged(
        request.participants.map((id) => userDto(id, ctx)),
        new URL(`${ctx.origin}${ctx.apiBase}/request/${request.issueId}/participant`),
        `${ctx.origin}${ctx.apiBase}`,
      );
    }
    if (expand.includes('attachment')) {
      dto.attachments = paged(
        request.attachments.map((a) => attachmentDto(request, a, ctx)),
        new URL(`${ctx.origin}${ctx.apiBase}/request/${request.issueId}/attachment`),
        `${ctx.origin}${ctx.apiBase}`,
      );
    }
    if (expand.includes('requestType')) dto.requestType = requestTypeDto(desk, type, ctx);
    if (expand.includes('serviceDesk')) dto.serviceDesk = deskDto(desk, ctx);
    return dto;
  };

  const attachmentDto = (request: StoredRequest, a: StoredAttachment, ctx: Context) => ({
    filename: a.filename,
    author: userDto(a.author, ctx),
    created: date(a.created),
    size: a.size,
    mimeType: a.mimeType,
    _links: {
      jiraRest: `${ctx.origin}/rest/api/2/attachment/${a.id}`,
      content: `${ctx.origin}/servicedesk/customershim/secure/attachment/${a.id}/${encodeURIComponent(a.filename)}`,
      self: `${ctx.origin}${ctx.apiBase}/request/${request.issueId}/attachment/${a.id}`,
    },
  });

  const commentDto = (request: StoredRequest, comment: StoredComment, ctx: Context) => ({
    _expands: ['attachment', 'renderedBody'],
    id: comment.id,
    body: comment.body,
    public: comment.public,
    author: userDto(comment.author, ctx),
    created: date(comment.created),
    _links: {
      self: `${ctx.origin}${ctx.apiBase}/request/${request.issueId}/comment/${comment.id}`,
    },
  });

  // --- Sign-in --------------------------------------------------------------------------

  /** The signed-in account, or a 401 in the shape of the API that was called. */
  const authenticate = (ctx: Context, shape: 'jsm' | 'platform'): string => {
    const header = ctx.req.headers.authorization ?? '';
    const basic = /^Basic\s+(.+)$/i.exec(header);
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const email = decoded.slice(0, colon);
      const token = decoded.slice(colon + 1);
      const customer = data.customer;
      // Classic tokens work on the site only; scoped tokens only through the gateway, and a
      // scoped token on the site gets 401 (docs/jsm-portal.md#base-urls-and-sign-in).
      const expected = ctx.mode === 'site' ? customer.apiToken : customer.scopedApiToken;
      if (email.toLowerCase() === customer.emailAddress.toLowerCase() && token === expected) {
        return customer.accountId;
      }
    } else if (ctx.mode === 'site') {
      const session = cookies(ctx.req).get(SESSION_COOKIE);
      const accountId = session ? state.sessions.get(session) : undefined;
      if (accountId) return accountId;
    }
    throw new HttpError(
      401,
      shape === 'jsm'
        ? 'You are not logged in. Log in and try again.'
        : 'You are not authenticated. Authentication required to perform this operation.',
      { shape, i18nKey: 'sd.customer.error.notloggedin' },
    );
  };

  // --- Routes -------------------------------------------------------------------------

  type Handler = (ctx: Context, params: string[]) => Reply | Promise<Reply>;
  interface Route {
    method: string;
    pattern: RegExp;
    name: string;
    shape: 'jsm' | 'platform';
    handler: Handler;
  }
  const routes: Route[] = [];
  const sd = (method: string, path: string, name: string, handler: Handler) =>
    routes.push({
      method,
      pattern: new RegExp(`^/rest/servicedeskapi${path}$`),
      name,
      shape: 'jsm',
      handler,
    });
  const platform = (method: string, path: string, name: string, handler: Handler) =>
    routes.push({
      method,
      pattern: new RegExp(`^/rest/api/3${path}$`),
      name,
      shape: 'platform',
      handler,
    });

  /** The portal UI's own internal API (undocumented; README "Portal-only customers"). */
  const portalApi = (method: string, path: string, name: string, handler: Handler) =>
    routes.push({
      method,
      pattern: new RegExp(`^/rest/servicedesk/1/customer${path}$`),
      name,
      shape: 'jsm',
      handler,
    });

  const ok = (body: unknown, status = 200): Reply => ({ status, body });
  const expandOf = (ctx: Context) =>
    ctx.url.searchParams
      .getAll('expand')
      .flatMap((v) => v.split(','))
      .map((v) => v.trim());

  sd('GET', '/info', 'info', (ctx) =>
    ok({
      _links: { self: `${ctx.origin}${ctx.apiBase}/info` },
      buildChangeSet: 'c6679417c550918e7c94a9eaaada133f15dc8ff0',
      buildDate: date(Date.parse('2026-01-15T10:00:00Z')),
      isLicensedForUse: true,
      platformVersion: data.site.platformVersion,
      version: data.site.version,
    }),
  );

  sd('GET', '/servicedesk', 'servicedesk.list', (ctx) => {
    authenticate(ctx, 'jsm');
    return ok(
      paged(
        data.serviceDesks.map((d) => deskDto(d, ctx)),
        ctx.url,
        `${ctx.origin}${ctx.apiBase}`,
      ),
    );
  });

  sd('GET', '/servicedesk/([^/]+)', 'servicedesk.get', (ctx, [id = '']) => {
    authenticate(ctx, 'jsm');
    return ok(deskDto(findDesk(id), ctx));
  });

  sd('GET', '/servicedesk/([^/]+)/requesttypegroup', 'requesttypegroup.list', (ctx, [id = '']) => {
    authenticate(ctx, 'jsm');
    return ok(paged(findDesk(id).requestTypeGroups, ctx.url, `${ctx.origin}${ctx.apiBase}`));
  });

  sd('GET', '/servicedesk/([^/]+)/requesttype', 'requesttype.list', (ctx, [id = '']) => {
    authenticate(ctx, 'jsm');
    const desk = findDesk(id);
    const groupId = ctx.url.searchParams.get('groupId');
    const search = ctx.url.searchParams.get('searchQuery')?.toLowerCase();
    const types = desk.requestTypes
      .filter((t) => !groupId || t.groupIds.includes(groupId))
      .filter((t) => !search || t.name.toLowerCase().includes(search));
    return ok(
      paged(
        types.map((t) => requestTypeDto(desk, t, ctx)),
        ctx.url,
        `${ctx.origin}${ctx.apiBase}`,
      ),
    );
  });

  sd(
    'GET',
    '/servicedesk/([^/]+)/requesttype/([^/]+)',
    'requesttype.get',
    (ctx, [id = '', typeId = '']) => {
      authenticate(ctx, 'jsm');
      const desk = findDesk(id);
      return ok(requestTypeDto(desk, findType(desk, typeId), ctx));
    },
  );

  sd(
    'GET',
    '/servicedesk/([^/]+)/requesttype/([^/]+)/field',
    'requesttype.fields',
    (ctx, [id = '', typeId = '']) => {
      authenticate(ctx, 'jsm');
      const desk = findDesk(id);
      const type = findType(desk, typeId);
      return ok({
        canAddRequestParticipants: desk.canAddRequestParticipants,
        // Customers may not raise on behalf of others (SPEC RequestCreateDTO).
        canRaiseOnBehalfOf: false,
        requestTypeFields: type.fields.map(fieldDto),
      });
    },
  );

  sd(
    'POST',
    '/servicedesk/([^/]+)/attachTemporaryFile',
    'attachTemporaryFile',
    (ctx, [id = '']) => {
      const accountId = authenticate(ctx, 'jsm');
      void accountId;
      const desk = findDesk(id);
      const token = String(ctx.req.headers['x-atlassian-token'] ?? '').toLowerCase();
      // Older clients sent `nocheck`; both are accepted (docs/jsm-portal.md#xsrf-check).
      if (token !== 'no-check' && token !== 'nocheck') {
        return { status: 403, contentType: 'text/plain;charset=UTF-8', text: 'XSRF check failed' };
      }
      const contentType = ctx.req.headers['content-type'] ?? '';
      if (!/multipart\/form-data/i.test(contentType)) {
        return {
          status: 415,
          contentType: 'text/plain;charset=UTF-8',
          text: 'Unsupported Media Type',
        };
      }
      if (!data.site.attachmentsEnabled)
        throw new HttpError(403, 'Attachments are disabled for this service desk.');
      const fields =
        isObject(ctx.body) && Array.isArray(ctx.body.multipart)
          ? (ctx.body.multipart as RecordedMultipartField[])
          : [];
      const files = fields.filter((f) => f.name === 'file' && f.fileName !== undefined);
      if (files.length === 0)
        throw new HttpError(400, 'No attachments were provided in the multipart field "file".');
      if (files.length > 60)
        throw new HttpError(413, 'More than 60 files were requested to be uploaded.');
      const tooBig = files.find((f) => f.size > data.site.uploadLimitBytes);
      if (tooBig) {
        throw new HttpError(
          400,
          `The file ${tooBig.fileName} exceeds the maximum configured attachment size of ${data.site.uploadLimitBytes} bytes.`,
        );
      }
      const temporaryAttachments = files.map((file) => {
        const tempId = `temp${BigInt(`0x${randomBytes(8).toString('hex')}`) % 10n ** 19n}`;
        state.temporary.set(tempId, {
          id: tempId,
          serviceDeskId: desk.id,
          fileName: file.fileName ?? 'file',
          size: file.size,
          mimeType: file.contentType || 'application/octet-stream',
          created: now(),
        });
        // The key is `fileName` here (capital N), `filename` in AttachmentDTO.
        return { temporaryAttachmentId: tempId, fileName: file.fileName };
      });
      return ok({ temporaryAttachments }, 201);
    },
  );

  const searchArticles = (ctx: Context, deskId?: string) => {
    authenticate(ctx, 'jsm');
    const query = ctx.url.searchParams.get('query');
    if (!query) throw new HttpError(400, 'The query parameter is required.');
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const articles = data.knowledgeBase
      .filter((a) => !deskId || a.serviceDeskId === deskId)
      .filter((a) => words.some((w) => `${a.title} ${a.excerpt}`.toLowerCase().includes(w)))
      .map((a) => ({
        title: a.title,
        excerpt: a.excerpt,
        source: { type: 'confluence', pageId: a.id, spaceKey: 'KB' },
        content: { iframeSrc: `${ctx.origin}${ctx.apiBase}/knowledgebase/article/view/${a.id}` },
      }));
    return ok(paged(articles, ctx.url, `${ctx.origin}${ctx.apiBase}`));
  };
  sd('GET', '/knowledgebase/article', 'knowledgebase.search', (ctx) => searchArticles(ctx));
  sd(
    'GET',
    '/servicedesk/([^/]+)/knowledgebase/article',
    'knowledgebase.search',
    (ctx, [id = '']) => searchArticles(ctx, findDesk(id).id),
  );

  const optionIn = (options: DemoFieldValue[] | undefined, value: unknown) =>
    isObject(value)
      ? options?.find(
          (v) => v.value === value.id || (value.id === undefined && v.label === value.value),
        )
      : undefined;
  const accountKnown = (value: unknown) =>
    isObject(value) && accounts.some((a) => a.accountId === value.accountId);

  /**
   * Field values by kind (docs/jsm-portal.md#field-values), as strict as Jira's field layer:
   * option objects by id, a cascade's child among its parent's children, people by accountId,
   * dates, numbers.
   */
  const validateValue = (field: DemoField, value: unknown, isAdf: boolean): string | undefined => {
    const type = field.jiraSchema.type;
    const custom = field.jiraSchema.custom?.split(':').pop();
    const invalid = `Please provide a valid value for field '${field.name}'`;
    if (custom === 'cascadingselect' || type === 'option-with-child') {
      const parent = optionIn(field.validValues, value);
      if (!parent || !isObject(value)) return invalid;
      if (value.child === undefined) return parent.children?.length ? invalid : undefined;
      return optionIn(parent.children, value.child) ? undefined : invalid;
    }
    if (type === 'option') {
      // Bare strings are refused by Jira's field layer (docs/jsm-portal.md#field-values).
      if (!isObject(value))
        return "Could not find valid 'id' or 'value' in the Parent Option object.";
      return optionIn(field.validValues, value)
        ? undefined
        : `Option id '${String(value.id ?? value.value)}' is not valid for field '${field.name}'.`;
    }
    if (type === 'priority') {
      if (!isObject(value)) return `Could not find valid 'id' or 'name' in priority object.`;
      const match = field.validValues?.some(
        (v) => v.value === value.id || (value.id === undefined && v.label === value.name),
      );
      return match ? undefined : `Specify a valid 'id' or 'name' for Priority.`;
    }
    if (type === 'array') {
      if (!Array.isArray(value)) return invalid;
      const items = field.jiraSchema.items;
      if (items === 'attachment') {
        // Temporary attachment ids from attachTemporaryFile, checked when the request is made.
        return value.every((id) => typeof id === 'string') && value.length > 0
          ? undefined
          : invalid;
      }
      if (items === 'string')
        return value.every((v) => typeof v === 'string') ? undefined : invalid;
      if (items === 'user') return value.every(accountKnown) ? undefined : invalid;
      return value.every((v) => optionIn(field.validValues, v)) ? undefined : invalid;
    }
    if (type === 'user') return accountKnown(value) ? undefined : invalid;
    if (type === 'number') return typeof value === 'number' ? undefined : invalid;
    if (type === 'date')
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : invalid;
    if (type === 'datetime')
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?([+-]\d{4}|Z)$/.test(value)
        ? undefined
        : invalid;
    if (field.jiraSchema.system === 'description' && isAdf) {
      return isObject(value) && value.type === 'doc'
        ? undefined
        : 'Operation value must be an Atlassian Document.';
    }
    if (type === 'string' && typeof value !== 'string') return `Operation value must be a string.`;
    if (custom === 'url' && typeof value === 'string' && !/^https?:\/\/\S+$/.test(value))
      return invalid;
    if (field.pattern && typeof value === 'string' && !new RegExp(field.pattern).test(value))
      return invalid;
    return realism.fieldLimits ? fieldLimitProblem(field, value) : undefined;
  };

  const isEmpty = (value: unknown) =>
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

  sd('POST', '/request', 'request.create', (ctx) => {
    const accountId = authenticate(ctx, 'jsm');
    const body = ctx.body;
    if (!isObject(body)) throw new HttpError(400, 'The request body is not valid JSON.');
    const desk = findDesk(String(body.serviceDeskId ?? ''));
    const type = desk.requestTypes.find((t) => t.id === String(body.requestTypeId ?? ''));
    if (!type)
      throw new HttpError(400, 'The request type does not exist or is not available to you.');
    // Customers may not set these (SPEC). Whether real JSM ignores them or answers 400 is
    // UNVERIFIED; the emulator refuses, so a client that sends them fails loudly here.
    if (body.raiseOnBehalfOf !== undefined) {
      throw new HttpError(
        400,
        'raiseOnBehalfOf is not available to users who have the customer permission only.',
      );
    }
    if (Array.isArray(body.requestParticipants) && body.requestParticipants.length > 0) {
      throw new HttpError(
        400,
        'requestParticipants is not available to users who have the customer permission only.',
      );
    }
    const values = body.requestFieldValues;
    if (!isObject(values)) {
      throw new HttpError(400, 'requestFieldValues must be a map of field ids to values.');
    }
    const isAdf = body.isAdfRequest === true;
    for (const fieldId of Object.keys(values)) {
      // Hidden fields are not on the customer's screen: setting one is refused.
      if (!type.fields.some((f) => f.fieldId === fieldId && f.visible !== false)) {
        throw new HttpError(
          400,
          `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`,
        );
      }
    }
    for (const field of type.fields) {
      if (field.visible === false) continue;
      const value = values[field.fieldId];
      if (isEmpty(value) || (Array.isArray(value) && value.length === 0)) {
        if (field.required) {
          throw new HttpError(
            400,
            `Your request could not be created. Please check the fields have been correctly filled in. Please provide a valid value for field '${field.name}'`,
            { i18nKey: 'sd.validation.request.create.field.required' },
          );
        }
        continue;
      }
      const problem = validateValue(field, value, isAdf);
      if (problem) {
        throw new HttpError(400, `Your request could not be created. ${problem}`, {
          i18nKey: 'sd.validation.request.create.field.invalid',
        });
      }
    }
    // Files given at create: temporary ids of this desk, not expired
    // (docs/jsm-portal.md#attachment-field-at-create).
    const attachmentField = type.fields.find(
      (f) => f.jiraSchema.system === 'attachment' || f.jiraSchema.items === 'attachment',
    );
    const givenFiles: TemporaryAttachment[] = [];
    if (attachmentField && Array.isArray(values[attachmentField.fieldId])) {
      for (const tempId of values[attachmentField.fieldId] as unknown[]) {
        const temp = state.temporary.get(String(tempId));
        if (!temp || now() - temp.created > ttlMs || temp.serviceDeskId !== desk.id) {
          throw new HttpError(
            400,
            `Your request could not be created. Please provide a valid value for field '${attachmentField.name}'`,
            { i18nKey: 'sd.validation.request.create.field.invalid' },
          );
        }
        givenFiles.push(temp);
      }
    }
    // Hidden fields take their presets, set by the portal itself.
    const presets: Record<string, unknown> = {};
    for (const field of type.fields) {
      if (field.visible === false && field.presetValues?.length) {
        const option = field.validValues?.find((v) => field.presetValues?.includes(v.value));
        presets[field.fieldId] = option ? { id: option.value } : field.presetValues[0];
      }
    }
    const number = state.nextIssue;
    state.nextIssue += 1;
    const created = now();
    const fieldValues = { ...values, ...presets };
    if (attachmentField) delete fieldValues[attachmentField.fieldId];
    const request: StoredRequest = {
      issueId: String(20000 + number),
      issueKey: `${desk.projectKey}-${number}`,
      serviceDeskId: desk.id,
      requestTypeId: type.id,
      fieldValues,
      reporter: accountId,
      participants: [],
      comments: [],
      attachments: [],
      created,
      updated: created,
      status: 'Waiting for support',
      statusCategory: 'NEW',
      transitions: [],
    };
    for (const temp of givenFiles) {
      state.temporary.delete(temp.id);
      request.attachments.push({
        id: String(state.nextAttachment++),
        filename: temp.fileName,
        size: temp.size,
        mimeType: temp.mimeType,
        author: accountId,
        created,
      });
    }
    state.requests.push(request);
    return ok(requestDto(request, ctx, []), 201);
  });

  sd('GET', '/request', 'request.list', (ctx) => {
    const accountId = authenticate(ctx, 'jsm');
    // SPEC: "Filters customer requests where the request summary matches the searchTerm"
    // (docs/jsm-portal.md#request-search); `summaryOnlySearch: false` also matches the
    // description. `*` wildcards are ignored, case-insensitive. The list is an index that lags
    // writes.
    const term = (ctx.url.searchParams.get('searchTerm') ?? '')
      .replace(/\*/g, '')
      .trim()
      .toLowerCase();
    const status = ctx.url.searchParams.get('requestStatus') ?? 'ALL_REQUESTS';
    const deskId = ctx.url.searchParams.get('serviceDeskId');
    const typeId = ctx.url.searchParams.get('requestTypeId');
    if (typeId && !deskId) {
      throw new HttpError(400, 'requestTypeId can only be used together with serviceDeskId.');
    }
    // Default: owned + participated (+ organisations, which the demo customer has none of).
    const ownership = ctx.url.searchParams.getAll('requestOwnership');
    const owned = ownership.length === 0 || ownership.includes('OWNED_REQUESTS');
    const participated = ownership.length === 0 || ownership.includes('PARTICIPATED_REQUESTS');
    const indexed = now() - realism.listLagMs;
    const matches = state.requests
      .filter((r) => r.created <= indexed)
      .filter(
        (r) =>
          (owned && r.reporter === accountId) ||
          (participated && r.participants.includes(accountId)),
      )
      .filter((r) => !deskId || r.serviceDeskId === deskId)
      .filter((r) => !typeId || r.requestTypeId === typeId)
      .filter((r) => status !== 'OPEN_REQUESTS' || r.statusCategory !== 'DONE')
      .filter((r) => status !== 'CLOSED_REQUESTS' || r.statusCategory === 'DONE')
      .filter((r) => {
        if (!term) return true;
        const description =
          typeof r.fieldValues.description === 'string'
            ? r.fieldValues.description
            : JSON.stringify(r.fieldValues.description ?? '');
        const text = realism.summaryOnlySearch
          ? String(r.fieldValues.summary ?? '')
          : `${String(r.fieldValues.summary ?? '')}\n${description}`;
        return text.toLowerCase().includes(term);
      })
      .sort((a, b) => b.updated - a.updated);
    const expand = expandOf(ctx);
    return ok(
      paged(
        matches.map((r) => requestDto(r, ctx, expand)),
        ctx.url,
        `${ctx.origin}${ctx.apiBase}`,
      ),
    );
  });

  sd('GET', '/request/([^/]+)', 'request.get', (ctx, [key = '']) => {
    const accountId = authenticate(ctx, 'jsm');
    return ok(requestDto(findRequest(key, accountId), ctx, expandOf(ctx)));
  });

  sd('POST', '/request/([^/]+)/attachment', 'request.attach', (ctx, [key = '']) => {
    const accountId = authenticate(ctx, 'jsm');
    const request = findRequest(key, accountId);
    const body = ctx.body;
    if (
      !isObject(body) ||
      typeof body.public !== 'boolean' ||
      !Array.isArray(body.temporaryAttachmentIds) ||
      body.temporaryAttachmentIds.length === 0
    ) {
      throw new HttpError(
        400,
        'The public field and a list of temporary attachment ids are required.',
      );
    }
    if (body.public !== true) {
      throw new HttpError(400, 'Customers can only add public attachments.');
    }
    const items: TemporaryAttachment[] = [];
    for (const tempId of body.temporaryAttachmentIds) {
      const temp = state.temporary.get(String(tempId));
      if (!temp || now() - temp.created > ttlMs) {
        state.temporary.delete(String(tempId));
        throw new HttpError(
          400,
          `The temporary attachment ${String(tempId)} does not exist or has expired. Upload the file again.`,
        );
      }
      if (temp.serviceDeskId !== request.serviceDeskId) {
        throw new HttpError(
          400,
          `The temporary attachment ${String(tempId)} was uploaded to another service desk.`,
        );
      }
      items.push(temp);
    }
    const created = now();
    const attachments = items.map((temp) => {
      state.temporary.delete(temp.id);
      const attachment: StoredAttachment = {
        id: String(state.nextAttachment++),
        filename: temp.fileName,
        size: temp.size,
        mimeType: temp.mimeType,
        author: accountId,
        created,
      };
      request.attachments.push(attachment);
      return attachment;
    });
    const additional = isObject(body.additionalComment)
      ? String(body.additionalComment.body ?? '')
      : '';
    const commentText = [additional, ...attachments.map((a) => `[^${a.filename}]`)]
      .filter(Boolean)
      .join(' ');
    const comment: StoredComment = {
      id: String(state.nextComment++),
      body: commentText,
      public: true,
      author: accountId,
      created,
    };
    request.comments.push(comment);
    request.updated = created;
    const attachmentDtos = attachments.map((a) => attachmentDto(request, a, ctx));
    return ok(
      {
        comment: commentDto(request, comment, ctx),
        attachments: paged(
          attachmentDtos,
          new URL(`${ctx.origin}${ctx.apiBase}/request/${request.issueId}/attachment`),
          `${ctx.origin}${ctx.apiBase}`,
        ),
      },
      201,
    );
  });

  sd('GET', '/request/([^/]+)/attachment', 'request.attachments', (ctx, [key = '']) => {
    const accountId = authenticate(ctx, 'jsm');
    const request = findRequest(key, accountId);
    return ok(
      paged(
        request.attachments.map((a) => attachmentDto(request, a, ctx)),
        ctx.url,
        `${ctx.origin}${ctx.apiBase}`,
      ),
    );
  });

  const transitionsOf = (request: StoredRequest) =>
    realism.customerTransitions && request.statusCategory !== 'DONE' ? CUSTOMER_TRANSITIONS : [];

  sd('GET', '/request/([^/]+)/transition', 'transition.list', (ctx, [key = '']) => {
    const accountId = authenticate(ctx, 'jsm');
    const request = findRequest(key, accountId);
    return ok(
      paged(
        transitionsOf(request).map(({ id, name }) => ({ id, name })),
        ctx.url,
        `${ctx.origin}${ctx.apiBase}`,
      ),
    );
  });

  sd('POST', '/request/([^/]+)/transition', 'transition.perform', (ctx, [key = '']) => {
    const accountId = authenticate(ctx, 'jsm');
    const request = findRequest(key, accountId);
    const body = ctx.body;
    const transition = transitionsOf(request).find(
      (t) => isObject(body) && String(body.id ?? '') === t.id,
    );
    if (!transition) {
      throw new HttpError(
        400,
        'The transition is not valid for this request in its current status.',
      );
    }
    const at = now();
    if (isObject(body) && isObject(body.additionalComment)) {
      request.comments.push({
        id: String(state.nextComment++),
        body: String(body.additionalComment.body ?? ''),
        public: true,
        author: accountId,
        created: at,
      });
    }
    request.status = transition.status;
    request.statusCategory = 'DONE';
    request.transitions.push({ id: transition.id, by: accountId, at });
    request.updated = at;
    return { status: 204, text: '' };
  });

  const participantsPage = (request: StoredRequest, ctx: Context) =>
    ok(
      paged(
        request.participants.map((id) => userDto(id, ctx)),
        ctx.url,
        `${ctx.origin}${ctx.apiBase}`,
      ),
    );

  sd('GET', '/request/([^/]+)/participant', 'participant.list', (ctx, [key = '']) => {
    const accountId = authenticate(ctx, 'jsm');
    return participantsPage(findRequest(key, accountId), ctx);
  });

  const changeParticipants = (ctx: Context, key: string, add: boolean) => {
    const accountId = authenticate(ctx, 'jsm');
    const request = findRequest(key, accountId);
    const desk = findDesk(request.serviceDeskId);
    if (!desk.canAddRequestParticipants) {
      throw new HttpError(
        403,
        'You do not have permission to manage participants on this request.',
      );
    }
    // `usernames` is dead on Cloud and ignored; only accountIds count
    // (docs/jsm-portal.md#participants).
    const ids =
      isObject(ctx.body) && Array.isArray(ctx.body.accountIds)
        ? ctx.body.accountIds.map(String)
        : [];
    if (ids.length === 0) throw new HttpError(400, 'No participants were given: send accountIds.');
    const unknown = ids.find((id) => !accounts.some((a) => a.accountId === id));
    if (unknown) throw new HttpError(400, `The user '${unknown}' does not exist.`);
    if (add) {
      for (const id of ids)
        if (!request.participants.includes(id) && id !== request.reporter)
          request.participants.push(id);
    } else {
      request.participants = request.participants.filter((id) => !ids.includes(id));
    }
    request.updated = now();
    // 200 with the participants after the change, not 201 (SPEC).
    return participantsPage(request, ctx);
  };
  sd('POST', '/request/([^/]+)/participant', 'participant.add', (ctx, [key = '']) =>
    changeParticipants(ctx, key, true),
  );
  sd('DELETE', '/request/([^/]+)/participant', 'participant.remove', (ctx, [key = '']) =>
    changeParticipants(ctx, key, false),
  );

  // The portal's people search: an array of at most 50, matched on name and e-mail address.
  portalApi('GET', '/portal/([^/]+)/user-search/proforma', 'portal.user-search', (ctx, [id]) => {
    authenticate(ctx, 'jsm');
    if (!data.serviceDesks.some((d) => d.portalId === id)) throw new HttpError(404, 'No portal.');
    const query = (ctx.url.searchParams.get('query') ?? '').toLowerCase();
    const found = query
      ? accounts.filter(
          (a) =>
            a.displayName.toLowerCase().includes(query) ||
            a.emailAddress.toLowerCase().includes(query),
        )
      : [];
    return ok(
      found.slice(0, 50).map((a) => ({
        id: a.accountId,
        accountId: a.accountId,
        emailAddress: a.emailAddress,
        displayName: a.displayName,
        avatar: `${ctx.origin}/avatar/${a.accountId}?s=24`,
      })),
    );
  });

  // The portal's "Share": accountIds and e-mail addresses; known addresses become participants,
  // an unknown accountId is refused.
  portalApi('PUT', '/participants/([^/]+)/share', 'portal.share', (ctx, [key = '']) => {
    const accountId = authenticate(ctx, 'jsm');
    const request = findRequest(key, accountId);
    const body = isObject(ctx.body) ? ctx.body : {};
    const ids = Array.isArray(body.accountIds) ? body.accountIds.map(String) : [];
    const emails = Array.isArray(body.emails)
      ? body.emails.map((e) => String(e).toLowerCase())
      : [];
    if (ids.length === 0 && emails.length === 0)
      throw new HttpError(400, 'Choose at least one person to share with.');
    // As the participants API (docs/jsm-portal.md#participants): an accountId the site does not know refuses
    // the whole call with 400, and nobody is added.
    const unknown = ids.find((id) => !accounts.some((a) => a.accountId === id));
    if (unknown) throw new HttpError(400, `The user '${unknown}' does not exist.`);
    for (const email of emails) {
      const known = accounts.find((a) => a.emailAddress.toLowerCase() === email);
      if (known) ids.push(known.accountId);
    }
    for (const id of ids)
      if (!request.participants.includes(id) && id !== request.reporter)
        request.participants.push(id);
    request.updated = now();
    return { status: 204 };
  });

  sd('GET', '/request/([^/]+)/comment', 'comment.list', (ctx, [key = '']) => {
    const accountId = authenticate(ctx, 'jsm');
    const request = findRequest(key, accountId);
    return ok(
      paged(
        request.comments.map((c) => commentDto(request, c, ctx)),
        ctx.url,
        `${ctx.origin}${ctx.apiBase}`,
      ),
    );
  });

  sd('POST', '/request/([^/]+)/comment', 'comment.create', (ctx, [key = '']) => {
    const accountId = authenticate(ctx, 'jsm');
    const request = findRequest(key, accountId);
    const body = ctx.body;
    if (!isObject(body) || typeof body.body !== 'string' || body.body.trim() === '') {
      throw new HttpError(400, 'The comment body is required.');
    }
    if (body.public === false) throw new HttpError(400, 'Customers can only add public comments.');
    const comment: StoredComment = {
      id: String(state.nextComment++),
      body: body.body,
      public: true,
      author: accountId,
      created: now(),
    };
    request.comments.push(comment);
    request.updated = comment.created;
    return ok(commentDto(request, comment, ctx), 201);
  });

  platform('GET', '/myself', 'myself', (ctx) => {
    const accountId = authenticate(ctx, 'platform');
    const account = accounts.find((a) => a.accountId === accountId);
    return ok({
      self: `${ctx.origin}/rest/api/3/user?accountId=${accountId}`,
      accountId,
      accountType: 'customer',
      emailAddress: account?.emailAddress,
      displayName: account?.displayName,
      active: true,
      timeZone: account?.timeZone,
      locale: 'en_US',
      avatarUrls: { '48x48': `${ctx.origin}/avatar/${accountId}?s=48` },
    });
  });

  platform('GET', '/user/picker', 'user.picker', (ctx) => {
    authenticate(ctx, 'platform');
    const query = (ctx.url.searchParams.get('query') ?? '').toLowerCase();
    if (!query)
      throw new HttpError(400, "The 'query' parameter is required.", {
        shape: 'platform',
        fields: { query: 'The query parameter is required.' },
      });
    const max = Number(ctx.url.searchParams.get('maxResults') ?? 50) || 50;
    const found = accounts.filter(
      (a) =>
        a.displayName.toLowerCase().includes(query) || a.emailAddress.toLowerCase().includes(query),
    );
    return ok({
      users: found.slice(0, max).map((a) => ({
        accountId: a.accountId,
        accountType: 'customer',
        html: escapeHtml(a.displayName),
        displayName: a.displayName,
        avatarUrl: `${ctx.origin}/avatar/${a.accountId}?s=24`,
      })),
      total: found.length,
      header: `Showing ${Math.min(max, found.length)} of ${found.length} matching users`,
    });
  });

  // No sign-in needed (platform spec).
  platform('GET', '/attachment/meta', 'attachment.meta', () =>
    ok({ enabled: data.site.attachmentsEnabled, uploadLimit: data.site.uploadLimitBytes }),
  );

  // --- Portal pages ---------------------------------------------------------------------

  const sessionAccount = (req: IncomingMessage) => {
    const token = cookies(req).get(SESSION_COOKIE);
    return token ? state.sessions.get(token) : undefined;
  };

  const loginForm = (error?: string) =>
    page(
      'Log in - Customer portal',
      `<h1>Log in to ${escapeHtml(data.site.name)}</h1>
      ${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
      <form method="post" action="/servicedesk/customer/user/login">
        <p><label for="email">Email address</label> <input id="email" name="email" type="email" autocomplete="username" required></p>
        <p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Log in</button></p>
      </form>
      <p><a href="/servicedesk/customer/user/signup">Sign up for an account</a></p>`,
    );

  const portalPage = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: unknown,
  ): Promise<Reply | undefined> => {
    const path = url.pathname;
    if (path === '/servicedesk/customer/user/login') {
      if (req.method === 'POST') {
        const form = isObject(body) ? body : {};
        const customer = data.customer;
        if (
          String(form.email ?? '').toLowerCase() === customer.emailAddress.toLowerCase() &&
          form.password === customer.portalPassword
        ) {
          const token = randomUUID();
          state.sessions.set(token, customer.accountId);
          // HttpOnly like the real portal's cookie; Lax is enough: the extension's worker
          // counts as same-site for hosts it has permission for.
          res.setHeader('set-cookie', `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax`);
          return { status: 303, headers: { location: '/servicedesk/customer/portals' } };
        }
        return { ...loginForm('Your email or password is incorrect.'), status: 401 };
      }
      return loginForm();
    }
    if (path === '/servicedesk/customer/user/logout') {
      const token = cookies(req).get(SESSION_COOKIE);
      if (token) state.sessions.delete(token);
      res.setHeader('set-cookie', `${SESSION_COOKIE}=; Path=/; Max-Age=0`);
      return { status: 303, headers: { location: '/servicedesk/customer/user/login' } };
    }
    if (path === '/servicedesk/customer/user/signup') {
      return page(
        'Sign up',
        `<h1>Sign up</h1><p>Self sign-up is handled by the vendor. Register with your official company email address.</p>`,
      );
    }
    if (path === '/servicedesk/customer/portals' || path === '/') {
      const accountId = sessionAccount(req);
      const who = accounts.find((a) => a.accountId === accountId);
      return page(
        'Help Center',
        `<h1>Help Center</h1>${who ? `<p role="status">Signed in as ${escapeHtml(who.displayName)}</p>` : '<p><a href="/servicedesk/customer/user/login">Log in</a></p>'}
        <ul>${data.serviceDesks.map((d) => `<li><a href="/servicedesk/customer/portal/${d.portalId}">${escapeHtml(d.projectName)}</a></li>`).join('')}</ul>`,
      );
    }
    const portal = /^\/servicedesk\/customer\/portal\/([^/]+)(?:\/([^/]+))?\/?$/.exec(path);
    if (portal) {
      const desk = data.serviceDesks.find((d) => d.portalId === portal[1]);
      if (!desk) return { ...page('Not found', '<h1>Portal not found</h1>'), status: 404 };
      if (portal[2]) {
        const request = state.requests.find((r) => r.issueKey === portal[2]);
        if (!request) return { ...page('Not found', '<h1>Request not found</h1>'), status: 404 };
        return page(
          `${request.issueKey} - ${desk.projectName}`,
          `<h1>${escapeHtml(String(request.fieldValues.summary ?? ''))}</h1><p>${escapeHtml(request.issueKey)} · ${escapeHtml(request.status)}</p>
          <p>${request.attachments.length} attachment(s), ${request.participants.length} participant(s)</p>`,
        );
      }
      return page(
        desk.projectName,
        `<h1>${escapeHtml(desk.projectName)}</h1><ul>${desk.requestTypes.map((t) => `<li>${escapeHtml(t.name)}</li>`).join('')}</ul>`,
      );
    }
    return undefined;
  };

  // --- Faults ----------------------------------------------------------------------------

  const matchingFaults = (method: string, path: string) =>
    faults.filter(
      (f) =>
        f.remaining > 0 &&
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.path || path.includes(f.path)),
    );

  const faultReply = (fault: EmulatorFault): Reply | undefined => {
    switch (fault.kind) {
      case 'status': {
        const status = fault.status ?? 500;
        return {
          status,
          body: {
            errorMessage: 'Internal server error (emulated).',
            i18nErrorMessage: { i18nKey: 'sd.emulator.fault', parameters: [] },
          },
          headers:
            fault.retryAfterSeconds !== undefined
              ? { 'retry-after': String(fault.retryAfterSeconds) }
              : {},
        };
      }
      case 'rate-limit': {
        const seconds = fault.retryAfterSeconds ?? 30;
        const reset = new Date(now() + seconds * 1000).toISOString().slice(0, 16);
        // The 429 body is undocumented: an empty one is the hardest case for a client.
        return {
          status: 429,
          text: '',
          contentType: 'text/plain',
          headers: {
            'retry-after': String(seconds),
            'x-ratelimit-limit': '100',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': `${reset}Z`,
            'ratelimit-reason': 'jira-burst-based',
          },
        };
      }
      case 'html-400':
        return {
          status: 400,
          contentType: 'text/html; charset=utf-8',
          text: '<!DOCTYPE html><html><head><title>400 Bad Request</title></head><body><h1>Bad Request</h1><p>Your browser sent a request that this server could not understand.</p></body></html>',
        };
      case 'html-413':
        return { status: 413, contentType: 'text/html; charset=utf-8', text: EDGE_413 };
      case 'html-404':
        return {
          status: 404,
          contentType: 'text/html; charset=utf-8',
          text: "<!DOCTYPE html><html><body><h1>Oops, you've found a dead link.</h1></body></html>",
        };
      case 'conflict':
        return {
          status: 409,
          body: {
            errorMessage: 'The request conflicts with the current state of the resource.',
            i18nErrorMessage: { i18nKey: 'sd.emulator.conflict', parameters: [] },
          },
        };
      case 'unreadable-200':
        return { status: 200, contentType: 'application/json', text: '{"issueKey": "SUP-' };
      case 'empty-403':
        return { status: 403, text: '', contentType: 'application/json' };
      case 'unauthorized':
        return {
          status: 401,
          body: {
            errorMessage: 'You are not logged in. Log in and try again.',
            i18nErrorMessage: { i18nKey: 'sd.customer.error.notloggedin', parameters: [] },
          },
        };
      default:
        return undefined;
    }
  };

  // --- Server ------------------------------------------------------------------------------

  const send = (res: ServerResponse, reply: Reply, record?: RecordedRequest) => {
    requestCounter += 1;
    const requestId = `emu-${String(requestCounter).padStart(6, '0')}`;
    const contentType =
      reply.contentType ??
      (reply.body !== undefined ? 'application/json;charset=UTF-8' : 'text/plain;charset=UTF-8');
    const payload = reply.body !== undefined ? JSON.stringify(reply.body) : (reply.text ?? '');
    if (record) {
      record.response = {
        status: reply.status,
        contentType,
        body: reply.body !== undefined ? reply.body : payload,
      };
    }
    res.writeHead(reply.status, {
      'content-type': contentType,
      'x-arequestid': requestId,
      'cache-control': 'no-cache, no-store',
      ...reply.headers,
    });
    res.end(payload);
  };

  const errorReply = (error: HttpError): Reply => {
    if (error.shape === 'platform') {
      return {
        status: error.status,
        body: { errorMessages: error.fields ? [] : [error.message], errors: error.fields ?? {} },
      };
    }
    return {
      status: error.status,
      body: {
        errorMessage: error.message,
        i18nErrorMessage: { i18nKey: error.i18nKey, parameters: [] },
      },
    };
  };

  const control = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    body: unknown,
  ) => {
    const json = (value: unknown) => send(res, { status: 200, body: value });
    if (path === '/__emulator/requests' && req.method === 'GET') return json(recorded);
    if (path === '/__emulator/state' && req.method === 'GET') {
      return json({
        requests: state.requests,
        temporaryAttachments: [...state.temporary.values()],
        sessions: state.sessions.size,
        faults,
      });
    }
    if (path === '/__emulator/faults' && req.method === 'POST') {
      emulator.setFaults(
        isObject(body) && Array.isArray(body.faults) ? (body.faults as EmulatorFault[]) : [],
      );
      return json({ faults });
    }
    if (path === '/__emulator/reset' && req.method === 'POST') {
      emulator.reset();
      return json({ reset: true });
    }
    if (path === '/__emulator/clock' && req.method === 'POST') {
      emulator.advanceClock(isObject(body) ? Number(body.advanceMs ?? 0) : 0);
      return json({ offsetMs: clockOffset });
    }
    if (path === '/__emulator/config' && req.method === 'POST') {
      if (isObject(body) && typeof body.temporaryAttachmentTtlMs === 'number')
        ttlMs = body.temporaryAttachmentTtlMs;
      if (isObject(body) && isObject(body.realism)) emulator.setRealism(body.realism);
      if (isObject(body) && isXsrfMode(body.xsrf)) xsrfMode = body.xsrf;
      if (isObject(body) && Array.isArray(body.refuse)) refused = new Set(body.refuse.map(String));
      return json({ temporaryAttachmentTtlMs: ttlMs, realism, xsrf: xsrfMode });
    }
    send(res, { status: 404, text: 'unknown control call' });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const url = new URL(req.url ?? '/', origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);
    const body = await parseBody(rawBody, String(req.headers['content-type'] ?? ''));
    if (url.pathname.startsWith('/__emulator/')) return control(req, res, url.pathname, body);

    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    const query: Record<string, string[]> = {};
    for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key);
    const record: RecordedRequest = { method, path: url.pathname, query, headers, body };
    recorded.push(record);

    const matched = matchingFaults(method, url.pathname);
    for (const fault of matched.filter((f) => f.kind === 'latency')) {
      fault.remaining -= 1;
      await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 1000));
    }
    const reused = (socketCalls.get(req.socket) ?? 0) > 1;
    record.reusedConnection = reused;
    const answering = matched.find(
      (f) => f.kind !== 'latency' && f.kind !== 'drop-after-commit' && f.kind !== 'drop-kept-alive',
    );
    if (answering) {
      answering.remaining -= 1;
      record.fault = answering.kind;
      const reply = faultReply(answering);
      if (reply) return send(res, reply, record);
    }
    const drop =
      matched.find((f) => f.kind === 'drop-after-commit') ??
      (reused ? matched.find((f) => f.kind === 'drop-kept-alive') : undefined);

    if (url.pathname === '/_edge/tenant_info') {
      record.route = 'tenant_info';
      return send(res, { status: 200, body: { cloudId: data.site.cloudId } }, record);
    }

    let restPath = url.pathname;
    let mode: Context['mode'] = 'site';
    let apiBase = '/rest/servicedeskapi';
    const gateway = /^\/ex\/jira\/([^/]+)(\/rest\/.*)$/.exec(url.pathname);
    if (gateway?.[1] && gateway[2]) {
      if (gateway[1] !== data.site.cloudId) {
        return send(
          res,
          { status: 404, body: { code: 404, message: 'Cloud id not found' } },
          record,
        );
      }
      mode = 'gateway';
      restPath = gateway[2];
      apiBase = `/ex/jira/${gateway[1]}/rest/servicedeskapi`;
    }

    if (mode === 'gateway') {
      // A scoped token lacking the call's scope: the gateway refuses before the site
      // (docs/jsm-portal.md#scoped-token-scopes).
      const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
      const token = basic?.[1]
        ? Buffer.from(basic[1], 'base64').toString('utf8').split(':').slice(1).join(':')
        : '';
      const needed = scopeFor(method, restPath);
      if (
        token === data.customer.scopedApiToken &&
        needed &&
        !realism.tokenScopes.includes(needed)
      ) {
        return send(res, { status: 401, body: SCOPE_ERROR }, record);
      }
    }
    if (
      restPath.startsWith('/rest/') &&
      xsrfRefusal({ method, headers: req.headers }, origin, xsrfMode)
    ) {
      return send(res, XSRF_REFUSAL, record);
    }

    for (const route of routes) {
      const match = route.pattern.exec(restPath);
      if (!match) continue;
      if (route.method !== method) continue;
      record.route = route.name;
      const ctx: Context = { req, url, origin, apiBase, mode, record, body, rawBody };
      let reply: Reply;
      try {
        if (refused.has(route.name)) {
          authenticate(ctx, route.shape);
          throw new HttpError(403, 'You do not have permission to do this.', {
            shape: route.shape,
          });
        }
        reply = await route.handler(
          ctx,
          match.slice(1).map((p) => decodeURIComponent(p)),
        );
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        reply = errorReply(error);
      }
      if (drop && reply.status < 400) {
        // The work is done (the request exists) but the answer never arrives.
        drop.remaining -= 1;
        record.fault = drop.kind;
        res.socket?.destroy();
        return;
      }
      return send(res, reply, record);
    }
    if (restPath.startsWith('/rest/')) {
      const known = routes.some((route) => route.pattern.test(restPath));
      return send(
        res,
        known
          ? { status: 405, text: '', contentType: 'text/plain' }
          : {
              status: 404,
              contentType: 'text/html; charset=utf-8',
              text: "<!DOCTYPE html><html><body><h1>Oops, you've found a dead link.</h1></body></html>",
            },
        record,
      );
    }
    const pageReply = await portalPage(req, res, url, body);
    if (pageReply) return send(res, pageReply, record);
    return send(
      res,
      {
        status: 404,
        contentType: 'text/html; charset=utf-8',
        text: '<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>',
      },
      record,
    );
  };

  const socketCalls = new WeakMap<object, number>();
  const server = createServer((req, res) => {
    socketCalls.set(req.socket, (socketCalls.get(req.socket) ?? 0) + 1);
    handle(req, res).catch((error: unknown) => {
      console.error('Portal emulator error:', error);
      if (!res.headersSent) send(res, { status: 500, body: { errorMessage: 'Emulator failure.' } });
    });
  });
  // Connections are kept alive as a real site's are, so a browser reuses them
  // (docs/platform-facts.md#the-browser-re-sends-a-post).
  server.keepAliveTimeout = realism.keepAliveMs;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const emulator: PortalEmulator = {
    origin,
    url: (path) => new URL(path, origin).toString(),
    data,
    state: () => state,
    requests: () => recorded,
    setRealism(change) {
      realism = mergeRealism(realism, change);
      server.keepAliveTimeout = realism.keepAliveMs;
    },
    setXsrf(mode) {
      xsrfMode = mode;
    },
    setRefused(routeNames) {
      refused = new Set(routeNames);
    },
    setFaults(next) {
      faults = next.map((f) => ({ ...f, remaining: f.times ?? Number.POSITIVE_INFINITY }));
    },
    advanceClock(ms) {
      clockOffset += ms;
    },
    reset() {
      state = freshState();
      faults = [];
      xsrfMode = options.xsrf ?? DEFAULT_XSRF_MODE;
      refused = new Set(options.refuse ?? []);
      recorded = [];
      clockOffset = 0;
      realism = mergeRealism(DEFAULT_REALISM, options.realism ?? {});
      server.keepAliveTimeout = realism.keepAliveMs;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return emulator;
}
