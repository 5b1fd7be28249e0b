/**
 * Messaging of the page-context script, which runs in every captured page: it answers the
 * content script's protocol (content.ts) and sends the background what from-page.ts declares,
 * with the same envelope, sender rules and replies as core.ts, but with zod-free checks
 * (utils/capture/page-checks.ts) so the script stays within its size budget
 * (tests/bench/page-side.ts). The protocols' schemas stay the source of truth: a unit test
 * runs these checks and the schemas on the same messages.
 */
import { type Browser, browser } from 'wxt/browser';
import { checkPageSettings, isInt, isRecord } from '../capture/page-checks';
import { AppError } from '../errors';
import type { ContentProtocol } from './content';
import { CONTENT_SENDERS } from './content-senders';
import {
  classifySender,
  type Handlers,
  type Reply,
  type RequestOf,
  type ResponseOf,
  type SenderKind,
} from './core';
import type { fromPageProtocol } from './from-page';

type FromPageProtocol = typeof fromPageProtocol;
type Check<T> = (value: unknown) => T | undefined;

/** What a request of the content protocol must be; the checked value is what the handler gets. */
export const CONTENT_REQUEST_CHECKS: {
  [T in keyof ContentProtocol]: Check<Parameters<Handlers<ContentProtocol>[T]>[0]>;
} = {
  getPageEvents: (data) => (isRecord(data) ? {} : undefined),
  pageSettings: checkPageSettings,
};

/** What the background's answer to each page-side message must be. */
export const FROM_PAGE_RESPONSE_CHECKS: {
  [T in keyof FromPageProtocol]: Check<ResponseOf<FromPageProtocol, T>>;
} = {
  pageEvents: (value) =>
    isRecord(value) && isInt(value.stored) ? { stored: value.stored } : undefined,
  getPageSettings: checkPageSettings,
};

// internal-error: a protocol bug between the page script and the background; the page has no UI.
const badMessage = (message: string) => new AppError({ code: 'bad-message', message });

/** The reply's value, or the error the background answered with. */
function unwrapReply(type: string, raw: unknown): unknown {
  if (isRecord(raw) && raw.ok === true) return raw.value;
  const error = isRecord(raw) && raw.ok === false && isRecord(raw.error) ? raw.error : undefined;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    // internal-error: the background's error, re-raised here with the key it was given there.
    throw new AppError(error as AppError['info']);
  }
  throw badMessage(`The answer to "${type}" was malformed. Reload the extension and try again.`);
}

/** Sends one of from-page.ts's messages to the background and checks the answer. */
export async function sendToBackground<T extends keyof FromPageProtocol & string>(
  type: T,
  data: RequestOf<FromPageProtocol, T>,
): Promise<ResponseOf<FromPageProtocol, T>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ type, data });
  } catch (error) {
    throw new AppError(
      {
        code: 'no-receiver',
        message: 'The extension background is not answering. Reload the extension and try again.',
        messageKey: 'error_backgroundNotAnswering',
      },
      { cause: error },
    );
  }
  const value = FROM_PAGE_RESPONSE_CHECKS[type](unwrapReply(type, raw));
  if (value === undefined) {
    throw badMessage(`The answer to "${type}" did not match the protocol.`);
  }
  return value as ResponseOf<FromPageProtocol, T>;
}

const fail = (error: AppError): Reply => ({ ok: false, error: error.info });

/** The message type of an envelope this script handles, if it is one. */
function handledType(raw: unknown): keyof ContentProtocol | undefined {
  const type = isRecord(raw) ? raw.type : undefined;
  return typeof type === 'string' && Object.hasOwn(CONTENT_REQUEST_CHECKS, type)
    ? (type as keyof ContentProtocol)
    : undefined;
}

/**
 * Checks and dispatches one raw message of the content protocol, like core.ts `dispatch`:
 * the sender's kind first, then the request. Undefined for messages of other receivers.
 */
export async function dispatchContent(
  handlers: Handlers<ContentProtocol>,
  raw: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Reply | undefined> {
  const type = handledType(raw);
  if (type === undefined) return undefined;
  const kind = classifySender(sender, browser.runtime.getURL('/'), browser.runtime.id);
  if (kind === undefined || !(CONTENT_SENDERS[type] as readonly SenderKind[]).includes(kind)) {
    return fail(
      // internal-error: the answer to a sender that may not send this (a bug or a hostile page).
      new AppError({
        code: 'forbidden-sender',
        message: `"${type}" may not be sent from ${kind ?? 'an unknown sender'}; it was refused.`,
      }),
    );
  }
  const request = CONTENT_REQUEST_CHECKS[type]((raw as { data?: unknown }).data);
  if (request === undefined) return fail(badMessage(`Malformed "${type}" message.`));
  const handler = handlers[type] as (
    data: unknown,
    sender: Browser.runtime.MessageSender,
  ) => unknown;
  try {
    return { ok: true, value: await handler(request, sender) };
  } catch (error) {
    return fail(AppError.from(error));
  }
}

/** Installs the page-context script's handlers; returns a function that removes them. */
export function onContentMessages(handlers: Handlers<ContentProtocol>): () => void {
  // `sendResponse` + `return true`, as core.ts `onMessages` does (the browser's own API here).
  const listener = (
    raw: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (reply: Reply) => void,
  ): true | undefined => {
    if (handledType(raw) === undefined) return undefined;
    void dispatchContent(handlers, raw, sender).then((reply) => reply && sendResponse(reply));
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
