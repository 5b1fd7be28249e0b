/**
 * The one message protocol between popup, options, background and content scripts.
 *
 * Each message is declared once with zod schemas for its request and response and with the
 * kind of sender allowed to send it. The receiver validates the request and the sender before
 * a handler runs; the caller validates the response. Types come from the schemas.
 *
 * Why not @webext-core/messaging: its protocol map is types only (nothing checked at run
 * time) and it calls `chrome.*` directly, around the polyfilled `browser` we use everywhere.
 */
import { type Browser, browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { CaptureSchema, TabEventsSchema } from './capture/capture';
import { PageEventsForwardSchema } from './capture/tab-record';
import * as composer from './composer/protocol';
import { AppError, ErrorInfoSchema } from './errors';
import * as outbox from './outbox/protocol';
import * as portal from './portal/protocol';
import * as shots from './screenshot/protocol';

/** Who may send a message: an extension page (popup, options) or a content script in a tab. */
type SenderKind = 'extension-page' | 'background' | 'content-script';

interface MessageDefinition<Req extends z.ZodMiniType, Res extends z.ZodMiniType> {
  from: readonly SenderKind[];
  request: Req;
  response: Res;
}

function message<Req extends z.ZodMiniType, Res extends z.ZodMiniType>(
  from: readonly SenderKind[],
  request: Req,
  response: Res,
): MessageDefinition<Req, Res> {
  return { from, request, response };
}

const AllowedOriginsSchema = z.object({ origins: z.array(z.string()) });
const TabIdSchema = z.object({ tabId: z.int().check(z.nonnegative()) });

export const protocol = {
  // Popup -> background: everything captured for a tab, for the composer.
  collectCapture: message(['extension-page'], TabIdSchema, CaptureSchema),
  // Background or popup -> content script: the page's buffered events.
  getPageEvents: message(['background', 'extension-page'], z.object({}), TabEventsSchema),
  // Content script -> background: new events of this tab, to keep across navigations.
  pageEvents: message(['content-script'], PageEventsForwardSchema, z.object({ stored: z.int() })),
  // Popup or options -> background: register always-on capture for an origin the user just
  // granted (the background checks the grant itself).
  allowOrigin: message(['extension-page'], z.object({ origin: z.url() }), AllowedOriginsSchema),
  removeOrigin: message(['extension-page'], z.object({ origin: z.url() }), AllowedOriginsSchema),
  // Options -> background: the portal connection. Pages never receive the API token itself.
  getConnection: message(['extension-page'], z.object({}), portal.ConnectionViewSchema),
  saveConnection: message(
    ['extension-page'],
    portal.SaveConnectionSchema,
    portal.ConnectionViewSchema,
  ),
  forgetConnection: message(['extension-page'], z.object({}), portal.ConnectionViewSchema),
  testConnection: message(['extension-page'], z.object({}), portal.TestConnectionResultSchema),
  // Popup -> background: what the portal offers, for the composer.
  listServiceDesks: message(['extension-page'], z.object({}), portal.ServiceDeskListSchema),
  listRequestTypes: message(
    ['extension-page'],
    z.object({ serviceDeskId: z.string() }),
    portal.RequestTypeListSchema,
  ),
  getRequestTypeFields: message(
    ['extension-page'],
    z.object({ serviceDeskId: z.string(), requestTypeId: z.string() }),
    portal.RequestTypeFieldsSchema,
  ),
  searchMyRequests: message(
    ['extension-page'],
    portal.RequestSearchSchema,
    portal.RequestSearchResultSchema,
  ),
  searchKnowledgeBase: message(
    ['extension-page'],
    portal.KnowledgeSearchSchema,
    portal.KnowledgeSearchResultSchema,
  ),
  // Screenshots and attached files: bytes stay in IndexedDB (utils/blob-store.ts), messages
  // carry ids.
  captureVisible: message(['extension-page'], shots.CaptureVisibleSchema, shots.ScreenshotSchema),
  captureFullPage: message(['extension-page'], shots.CaptureFullPageSchema, shots.ScreenshotSchema),
  cancelCapture: message(['extension-page'], shots.CancelCaptureSchema, shots.CancelResultSchema),
  // Background -> extension pages: how far a full-page capture got.
  captureProgress: message(['background'], shots.CaptureProgressSchema, z.object({})),
  listScreenshots: message(
    ['extension-page'],
    shots.ListScreenshotsSchema,
    shots.ScreenshotListSchema,
  ),
  saveAnnotations: message(['extension-page'], shots.SaveAnnotationsSchema, shots.ScreenshotSchema),
  addFile: message(['extension-page'], shots.AddFileSchema, shots.ScreenshotSchema),
  removeScreenshot: message(
    ['extension-page'],
    shots.RemoveScreenshotSchema,
    shots.ScreenshotListSchema,
  ),
  // Popup -> background: the delivery outbox. Submit persists the job before any network
  // call and answers at once; progress is read with getOutboxStatus (the popup may close).
  submitJob: message(['extension-page'], outbox.SubmitJobSchema, outbox.JobViewSchema),
  getOutboxStatus: message(['extension-page'], z.object({}), outbox.OutboxStatusSchema),
  cancelJob: message(['extension-page'], outbox.JobIdSchema, outbox.JobViewSchema),
  retryNow: message(['extension-page'], outbox.RetryNowSchema, outbox.OutboxStatusSchema),
  shareRequest: message(['extension-page'], outbox.ShareRequestSchema, outbox.ShareOutcomeSchema),
  findPeople: message(['extension-page'], outbox.FindPeopleSchema, outbox.PeopleSchema),
  listColleagues: message(['extension-page'], z.object({}), outbox.ColleagueListSchema),
  listMyRequests: message(
    ['extension-page'],
    outbox.ListMyRequestsSchema,
    outbox.MyRequestListSchema,
  ),
  downloadReport: message(['extension-page'], outbox.JobIdSchema, outbox.ReportSchema),
  // Popup -> background: the report as a comment with its files on an existing request,
  // instead of a new one (the user chose it among the likely duplicates).
  addToRequest: message(
    ['extension-page'],
    composer.AddToRequestSchema,
    composer.AddToRequestResultSchema,
  ),
} as const;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type RequestOf<T extends MessageType> = z.input<Protocol[T]['request']>;
export type ResponseOf<T extends MessageType> = z.infer<Protocol[T]['response']>;

const EnvelopeSchema = z.object({ type: z.string(), data: z.unknown() });
const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorInfoSchema }),
]);
type Reply = z.infer<typeof ReplySchema>;

export interface SendTarget {
  tabId: number;
  frameId?: number;
}

/** Sends a message to the background, or to a tab's content script when `target` is given. */
export async function sendMessage<T extends MessageType>(
  type: T,
  data: RequestOf<T>,
  target?: SendTarget,
): Promise<ResponseOf<T>> {
  const envelope = { type, data };
  let raw: unknown;
  try {
    raw =
      target === undefined
        ? await browser.runtime.sendMessage(envelope)
        : await browser.tabs.sendMessage(target.tabId, envelope, { frameId: target.frameId ?? 0 });
  } catch (error) {
    throw new AppError(
      {
        code: 'no-receiver',
        message:
          target === undefined
            ? 'The extension background is not answering. Reload the extension and try again.'
            : 'The page is not answering. Reload the page and try again.',
      },
      { cause: error },
    );
  }
  const reply = ReplySchema.safeParse(raw);
  if (!reply.success) {
    throw new AppError({
      code: 'bad-message',
      message: `The answer to "${type}" was malformed. Reload the extension and try again.`,
    });
  }
  if (!reply.data.ok) throw new AppError(reply.data.error);
  const value = protocol[type].response.safeParse(reply.data.value);
  if (!value.success) {
    throw new AppError({
      code: 'bad-message',
      message: `The answer to "${type}" did not match the protocol: ${z.prettifyError(value.error)}`,
    });
  }
  return value.data as ResponseOf<T>;
}

export type Handlers = {
  [T in MessageType]?: (
    data: z.infer<Protocol[T]['request']>,
    sender: Browser.runtime.MessageSender,
  ) => Promise<ResponseOf<T>> | ResponseOf<T>;
};

/** Tells which kind of context sent a message, from what the browser (not the sender) says. */
export function classifySender(
  sender: Browser.runtime.MessageSender,
  extensionOrigin: string,
  extensionId: string,
): SenderKind | undefined {
  if (sender.id !== extensionId) return undefined;
  const url = sender.url ?? '';
  if (url.startsWith(extensionOrigin)) {
    return url.includes('/background') || url.endsWith('.js') ? 'background' : 'extension-page';
  }
  if (sender.tab?.id !== undefined) return 'content-script';
  // Messages from the service worker carry no tab and the worker's own URL.
  return url === '' ? 'background' : undefined;
}

function fail(error: AppError): Reply {
  return { ok: false, error: error.info };
}

/**
 * Validates and dispatches one raw message. Exported for unit tests; `onMessages` wires it to
 * `browser.runtime.onMessage`.
 */
export async function dispatch(
  handlers: Handlers,
  raw: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Reply | undefined> {
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success || !(envelope.data.type in protocol)) {
    return fail(new AppError({ code: 'bad-message', message: 'Unknown message; it was ignored.' }));
  }
  const type = envelope.data.type as MessageType;
  const handler = handlers[type] as
    | ((data: unknown, sender: Browser.runtime.MessageSender) => unknown)
    | undefined;
  // Another context (or nobody) handles this type.
  if (handler === undefined) return undefined;

  const definition = protocol[type];
  const kind = classifySender(sender, browser.runtime.getURL('/'), browser.runtime.id);
  if (kind === undefined || !definition.from.includes(kind)) {
    return fail(
      new AppError({
        code: 'forbidden-sender',
        message: `"${type}" may not be sent from ${kind ?? 'an unknown sender'}; it was refused.`,
      }),
    );
  }
  const request = definition.request.safeParse(envelope.data.data);
  if (!request.success) {
    return fail(
      new AppError({
        code: 'bad-message',
        message: `Malformed "${type}" message: ${z.prettifyError(request.error)}`,
      }),
    );
  }
  try {
    return { ok: true, value: await handler(request.data, sender) };
  } catch (error) {
    return fail(AppError.from(error));
  }
}

/** Installs the handlers of one context. Returns a function that removes them. */
export function onMessages(handlers: Handlers): () => void {
  // `sendResponse` + `return true` works natively, through the polyfill and in the fake
  // browser of the unit tests alike; a returned promise does not everywhere.
  const listener = (
    raw: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (reply: Reply) => void,
  ): true | undefined => {
    const type = EnvelopeSchema.safeParse(raw).data?.type;
    // Leave messages this context does not handle to the other listeners.
    if (type === undefined || !(type in handlers)) return undefined;
    void dispatch(handlers, raw, sender).then((reply) => reply && sendResponse(reply));
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
