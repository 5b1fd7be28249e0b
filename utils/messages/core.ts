/**
 * The generic half of messaging between popup, options, background and content scripts: the
 * envelope, the sender check, sending and dispatching. It knows no feature; each receiver's
 * protocol (utils/messages/*.ts) declares its messages with `message()` and binds
 * `createSender` and `onMessages` to itself, so a bundle carries only the schemas of the
 * messages it handles or sends.
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
import { AppError, ErrorInfoSchema } from '../errors';
import { takeEarlyAnswer } from './early';

/** Who may send a message: an extension page (popup, options) or a content script in a tab. */
export type SenderKind = 'extension-page' | 'background' | 'content-script';

interface MessageDefinition<Req extends z.ZodMiniType, Res extends z.ZodMiniType> {
  from: readonly SenderKind[];
  request: Req;
  response: Res;
}

export function message<Req extends z.ZodMiniType, Res extends z.ZodMiniType>(
  from: readonly SenderKind[],
  request: Req,
  response: Res,
): MessageDefinition<Req, Res> {
  return { from, request, response };
}

// biome-ignore lint/suspicious/noExplicitAny: a protocol holds definitions of any schema pair.
export type AnyProtocol = Record<string, MessageDefinition<any, any>>;
export type RequestOf<P extends AnyProtocol, T extends keyof P> = z.input<P[T]['request']>;
export type ResponseOf<P extends AnyProtocol, T extends keyof P> = z.infer<P[T]['response']>;

/** Every message of a receiver's protocol needs a handler: a missing one is a type error. */
export type Handlers<P extends AnyProtocol> = {
  [T in keyof P]: (
    data: z.infer<P[T]['request']>,
    sender: Browser.runtime.MessageSender,
  ) => Promise<ResponseOf<P, T>> | ResponseOf<P, T>;
};

const EnvelopeSchema = z.object({ type: z.string(), data: z.unknown() });
const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorInfoSchema }),
]);
export type Reply = z.infer<typeof ReplySchema>;

interface SendTarget {
  tabId: number;
  frameId?: number;
}

/** `type` names one of the protocol's own messages (`constructor`, `__proto__` are not). */
function isOwnType(map: object, type: string): boolean {
  return Object.hasOwn(map, type);
}

/** Sends a message to the background, or to a tab's content script when `target` is given. */
export function createSender<P extends AnyProtocol>(protocol: P) {
  return async function sendMessage<T extends keyof P & string>(
    type: T,
    data: RequestOf<P, T>,
    target?: SendTarget,
  ): Promise<ResponseOf<P, T>> {
    const envelope = { type, data };
    let raw: unknown;
    try {
      raw =
        target === undefined
          ? await (takeEarlyAnswer(type, data) ?? browser.runtime.sendMessage(envelope))
          : await browser.tabs.sendMessage(target.tabId, envelope, {
              frameId: target.frameId ?? 0,
            });
    } catch (error) {
      throw new AppError(
        {
          code: 'no-receiver',
          message:
            target === undefined
              ? 'The extension background is not answering. Reload the extension and try again.'
              : 'The page is not answering. Reload the page and try again.',
          messageKey:
            target === undefined ? 'error_backgroundNotAnswering' : 'error_pageNotAnswering',
        },
        { cause: error },
      );
    }
    const reply = ReplySchema.safeParse(raw);
    if (!reply.success) {
      throw new AppError({
        code: 'bad-message',
        message: `The answer to "${type}" was malformed. Reload the extension and try again.`,
        messageKey: 'error_answerMalformed',
        values: [type],
      });
    }
    // internal-error: the other side's error, re-raised here with the key it was given there.
    if (!reply.data.ok) throw new AppError(reply.data.error);
    const definition = protocol[type] as P[T];
    const value = definition.response.safeParse(reply.data.value);
    if (!value.success) {
      throw new AppError({
        code: 'bad-message',
        message: `The answer to "${type}" did not match the protocol: ${z.prettifyError(value.error)}`,
        messageKey: 'error_answerMismatch',
        values: [type],
      });
    }
    return value.data as ResponseOf<P, T>;
  };
}

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
 * Validates and dispatches one raw message against a receiver's protocol. Exported for unit
 * tests; `onMessages` wires it to `browser.runtime.onMessage`.
 */
export async function dispatch<P extends AnyProtocol>(
  protocol: P,
  handlers: Partial<Handlers<P>>,
  raw: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Reply | undefined> {
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success || !isOwnType(protocol, envelope.data.type)) {
    // internal-error: the answer to a sender that broke the protocol (a bug or a hostile page).
    return fail(new AppError({ code: 'bad-message', message: 'Unknown message; it was ignored.' }));
  }
  const type = envelope.data.type;
  // Another context (or nobody) handles this type.
  if (!isOwnType(handlers, type)) return undefined;
  const handler = handlers[type] as
    | ((data: unknown, sender: Browser.runtime.MessageSender) => unknown)
    | undefined;
  if (handler === undefined) return undefined;

  const definition = protocol[type] as MessageDefinition<z.ZodMiniType, z.ZodMiniType>;
  const kind = classifySender(sender, browser.runtime.getURL('/'), browser.runtime.id);
  if (kind === undefined || !definition.from.includes(kind)) {
    return fail(
      // internal-error: the answer to a sender that may not send this (a bug or a hostile page).
      new AppError({
        code: 'forbidden-sender',
        message: `"${type}" may not be sent from ${kind ?? 'an unknown sender'}; it was refused.`,
      }),
    );
  }
  const request = definition.request.safeParse(envelope.data.data);
  if (!request.success) {
    return fail(
      // internal-error: the answer to a sender that broke the protocol (a bug or a hostile page).
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

/**
 * Installs the handlers of one receiver: every message of its protocol, each checked for type
 * and sender. Returns a function that removes them.
 */
export function onMessages<P extends AnyProtocol>(protocol: P, handlers: Handlers<P>): () => void {
  // `sendResponse` + `return true` works natively, through the polyfill and in the fake
  // browser of the unit tests alike; a returned promise does not everywhere.
  const listener = (
    raw: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (reply: Reply) => void,
  ): true | undefined => {
    const type = EnvelopeSchema.safeParse(raw).data?.type;
    // Leave messages this context does not handle to the other listeners.
    if (type === undefined || !isOwnType(handlers, type)) return undefined;
    void dispatch(protocol, handlers, raw, sender).then((reply) => reply && sendResponse(reply));
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
