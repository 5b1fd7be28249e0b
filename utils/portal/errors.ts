/**
 * One mapping from what the portal (or the network) answered to an AppError with a code the UI
 * can act on and a message that tells the user what to do. JSM has two error body shapes
 * (servicedeskapi `{errorMessage, i18nErrorMessage}`, platform `{errorMessages, errors}`), sends
 * empty 403s, plain-text `XSRF check failed`, and HTML pages from its edge; all are handled here.
 * See the README, "Connecting to the vendor's portal".
 */
import { AppError, type ErrorInfo } from '../errors';
import { readErrorList } from '../field-kinds/portal-errors';
import { JsmErrorSchema, PlatformErrorSchema } from './schemas';

export type AuthKind = 'portal-session' | 'api-token';

interface ErrorContext {
  /** How the failed request was signed in, to say how to fix a 401. */
  authKind?: AuthKind;
  /** The portal's `x-arequestid`, kept for the vendor's support. */
  portalRequestId?: string;
}

interface PortalAnswer {
  status: number;
  /** Raw body text (may be empty, JSON, plain text or HTML). */
  body: string;
  contentType: string;
  /** `Retry-After` header value. */
  retryAfter?: string | null;
  /**
   * `X-RateLimit-Reset` header value (ISO 8601 `yyyy-MM-ddTHH:mmZ`,
   * docs/jsm-portal.md#rate-limits).
   */
  rateLimitReset?: string | null;
}

/**
 * What a scoped API token needs for everything this product does
 * (docs/jsm-portal.md#scoped-token-scopes).
 */
const REQUIRED_SCOPES = [
  'read:servicedesk-request',
  'write:servicedesk-request',
  'read:jira-user',
  'read:jira-work',
] as const;

/** The gateway's answer to a scoped token without the scope: `{"code":401,"message":...}`. */
function isScopeError(body: string): boolean {
  const json = parseJson(body);
  return (
    typeof json === 'object' &&
    json !== null &&
    /scope does not match/i.test(String((json as { message?: unknown }).message ?? ''))
  );
}

/** Seconds until an `X-RateLimit-Reset` timestamp, when a 429 has no Retry-After. */
function parseRateLimitReset(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const date = Date.parse(value.trim());
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

const MAX_DETAIL = 300;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL)}…` : flat;
}

function looksLikeHtml(answer: PortalAnswer): boolean {
  return /html/i.test(answer.contentType) || /^\s*<(!doctype|html|head|body)/i.test(answer.body);
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** The portal's own words, from either error shape, plus field messages. */
function readErrorBody(body: string): { message?: string; fields?: Record<string, string> } {
  const json = parseJson(body);
  const jsm = JsmErrorSchema.safeParse(json);
  if (jsm.success) return { message: jsm.data.errorMessage };
  const listed = readErrorList(json);
  if (listed) return { message: listed };
  const platform = PlatformErrorSchema.safeParse(json);
  if (platform.success && (platform.data.errorMessages || platform.data.errors)) {
    const fields = platform.data.errors;
    const messages = [...(platform.data.errorMessages ?? []), ...Object.values(fields ?? {})];
    return {
      message: messages.length > 0 ? messages.join(' ') : undefined,
      fields: fields && Object.keys(fields).length > 0 ? fields : undefined,
    };
  }
  return {};
}

/** Seconds from a `Retry-After` header: delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function withReference(message: string, context: ErrorContext): string {
  return context.portalRequestId
    ? `${message} If it keeps happening, give the vendor's support this reference: ${context.portalRequestId}.`
    : message;
}

function info(
  code: ErrorInfo['code'],
  message: string,
  context: ErrorContext & { status?: number },
  words?: { key: string; values?: string[] },
): ErrorInfo {
  return {
    code,
    message,
    ...(context.portalRequestId ? { portalRequestId: context.portalRequestId } : {}),
    ...(context.status === undefined ? {} : { status: context.status }),
    ...(words ? { messageKey: words.key, ...(words.values ? { values: words.values } : {}) } : {}),
  };
}

/** Maps a non-2xx answer of the portal to an AppError. */
export function errorFromResponse(answer: PortalAnswer, given: ErrorContext = {}): AppError {
  const { status } = answer;
  const portal = readErrorBody(answer.body);
  const said = portal.message ? ` The portal said: "${clip(portal.message)}"` : '';
  const context = { ...given, status };

  if (status === 401 && isScopeError(answer.body)) {
    const scopes = REQUIRED_SCOPES.join(', ');
    return new AppError(
      info(
        'scope',
        `The API token lacks a permission (scope) this needs. Create a scoped token with these scopes: ${scopes}; or use a classic API token. Then save the connection again.`,
        context,
        { key: 'error_scope', values: [scopes] },
      ),
    );
  }
  if (status === 401) {
    const message =
      context.authKind === 'portal-session'
        ? 'You are not signed in to the portal in this browser (or the session expired). Sign in to the portal, then try again.'
        : 'The portal did not accept the email and API token. Check the email, create a new API token if this one expired or was revoked, and save again.';
    return new AppError(
      info('auth', message, context, {
        key: context.authKind === 'portal-session' ? 'error_authSession' : 'error_authToken',
      }),
    );
  }
  if (status === 429 || (status === 503 && answer.retryAfter)) {
    const seconds =
      parseRetryAfter(answer.retryAfter) ??
      (status === 429 ? parseRateLimitReset(answer.rateLimitReset) : undefined);
    const wait = seconds === undefined ? 'a minute' : `${seconds} seconds`;
    return new AppError({
      ...info(
        'rate-limited',
        `The portal is limiting requests right now. Wait ${wait}, then try again; nothing was lost.`,
        context,
        seconds === undefined
          ? { key: 'error_rateLimitedMinute' }
          : { key: 'error_rateLimited', values: [String(seconds)] },
      ),
      ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }),
    });
  }
  if (status === 403) {
    if (/XSRF check failed/i.test(answer.body)) {
      return new AppError(
        info(
          'forbidden',
          'The portal refused the upload (XSRF check failed). Sign in with an API token instead of the portal session, or attach the files in the portal.',
          context,
          { key: 'error_xsrf' },
        ),
      );
    }
    const message = portal.message
      ? `The portal refused this.${said} Ask the vendor to give your account access, or check that you chose the right service desk.`
      : "Your account has no access to this. Check that the Portal URL is the vendor's portal and that you signed up there with your company email address; ask the vendor for access if it persists.";
    return new AppError(
      info(
        'forbidden',
        message,
        context,
        portal.message
          ? { key: 'error_forbiddenSaid', values: [clip(portal.message)] }
          : { key: 'error_forbidden' },
      ),
    );
  }
  const unreadable =
    looksLikeHtml(answer) || (answer.body.trim() !== '' && parseJson(answer.body) === undefined);
  if (status === 409) {
    return new AppError(
      info(
        'conflict',
        withReference(
          `The portal refused this as conflicting with its current state (HTTP 409).${said} It was not filed; download the report or try again later.`,
          context,
        ),
        context,
        { key: 'error_conflict', values: [context.portalRequestId ?? '-'] },
      ),
    );
  }
  if (unreadable && status >= 400 && status < 500) {
    // An edge or WAF page, not the API's own answer: the call was refused, not processed
    // (docs/jsm-portal.md#error-bodies). 400 and 413 go back to the composer; the caller names
    // the field or file.
    const reference = context.portalRequestId ?? '-';
    return new AppError(
      info(
        'refused',
        withReference(
          status === 413
            ? 'The portal refused the upload as too large (HTTP 413). Remove or shrink the file, then submit again.'
            : status === 400
              ? 'The portal refused the request before reading it (HTTP 400). Shorten or simplify the text, then submit again.'
              : `The portal refused the request (HTTP ${status}); it was not filed. Download the report and send it another way, or try again later.`,
          context,
        ),
        context,
        {
          key:
            status === 413
              ? 'error_refusedTooLarge'
              : status === 400
                ? 'error_refusedBadRequest'
                : 'error_refused',
          values: [String(status), reference],
        },
      ),
    );
  }
  if (unreadable && status < 500 && status !== 404) {
    return new AppError(
      info(
        'unexpected-response',
        withReference(
          `The portal answered with a web page instead of data (HTTP ${status}). Check that the Portal URL points at a Jira Service Management site, then try again.`,
          context,
        ),
        context,
        { key: 'error_webPage', values: [String(status), context.portalRequestId ?? '-'] },
      ),
    );
  }
  if (status === 404) {
    return new AppError(
      info(
        'not-found',
        `The portal does not know this (HTTP 404).${said} Check the Portal URL and refresh the list of service desks and request types.`,
        context,
        portal.message
          ? { key: 'error_notFoundSaid', values: [clip(portal.message)] }
          : { key: 'error_notFound' },
      ),
    );
  }
  if (status === 400 || status === 413 || status === 422) {
    const message =
      status === 413
        ? 'The portal refused the files: too many at once (more than 60). Attach fewer files.'
        : `The portal did not accept the request.${said || ' It gave no reason.'} Correct the fields and submit again.`;
    return new AppError({
      ...info(
        'validation',
        message,
        context,
        status === 413
          ? { key: 'error_tooManyFiles' }
          : portal.message
            ? { key: 'error_validationSaid', values: [clip(portal.message)] }
            : { key: 'error_validation' },
      ),
      ...(portal.fields ? { fields: portal.fields } : {}),
    });
  }
  if (status >= 500) {
    return new AppError(
      info(
        'server',
        withReference(
          `The portal had an internal problem (HTTP ${status}). Try again in a few minutes; nothing was lost.`,
          context,
        ),
        context,
        { key: 'error_server', values: [String(status), context.portalRequestId ?? '-'] },
      ),
    );
  }
  return new AppError(
    info(
      'unexpected-response',
      withReference(
        `The portal answered in a way the extension does not expect (HTTP ${status}).${said} Try again; if it persists, tell the extension's maintainers.`,
        context,
      ),
      context,
      { key: 'error_unexpected', values: [String(status), context.portalRequestId ?? '-'] },
    ),
  );
}

/** A 2xx answer whose body is not JSON, or not the JSON its schema describes. */
export function unexpectedBody(what: string, detail: string, context: ErrorContext = {}): AppError {
  return new AppError(
    info(
      'unexpected-response',
      withReference(
        `The portal's answer to "${what}" was not in the expected form. Check that the Portal URL points at a Jira Service Management site; if it does, the portal may have changed. (${clip(detail)})`,
        context,
      ),
      context,
      { key: 'error_unexpectedBody', values: [what, clip(detail), context.portalRequestId ?? '-'] },
    ),
  );
}

/** A signed-in request answered with a redirect, which is never followed (see http.ts). */
export function redirectError(origin: string, what: string, context: ErrorContext = {}): AppError {
  return new AppError(
    info(
      'unexpected-response',
      withReference(
        `${origin} answered "${what}" with a redirect to another address. The extension does not follow redirects with your sign-in, so it is never sent elsewhere. Check that the Portal URL is the site's own address (not a link that forwards to it), or sign in on the portal again.`,
        context,
      ),
      context,
      { key: 'error_redirect', values: [origin, what, context.portalRequestId ?? '-'] },
    ),
  );
}

export function networkError(origin: string, cause: unknown): AppError {
  return new AppError(
    {
      code: 'network',
      message: `Could not reach ${origin}. Check the Portal URL and your network connection (VPN, proxy), then try again.`,
      messageKey: 'error_network',
      values: [origin],
    },
    { cause },
  );
}

export function timeoutError(origin: string, seconds: number): AppError {
  return new AppError({
    code: 'timeout',
    message: `${origin} did not answer within ${seconds} seconds. Try again; if you were submitting, check "My requests" first so you do not file it twice.`,
    messageKey: 'error_timeout',
    values: [origin, String(seconds)],
  });
}

export function notConfiguredError(): AppError {
  return new AppError({
    code: 'not-configured',
    message:
      'No portal is connected yet. Open the extension options, enter the Portal URL and sign-in method, and press Save.',
    messageKey: 'error_notConfigured',
  });
}

export function cancelledError(): AppError {
  return new AppError({
    code: 'cancelled',
    message: 'The request to the portal was cancelled.',
    messageKey: 'error_cancelled',
  });
}
