import * as z from 'zod/mini';

/**
 * Every error the user can meet has a code the UI can act on and a message that says what
 * to do next. Portal errors add their own codes (see utils/portal/errors.ts).
 */
const ErrorCodeSchema = z.enum([
  'bad-message',
  'forbidden-sender',
  'no-receiver',
  'unsupported-page',
  'no-tab',
  'permission-denied',
  'storage',
  'internal',
  // Portal and delivery.
  'auth',
  'forbidden',
  'not-found',
  'validation',
  'rate-limited',
  'server',
  'network',
  'timeout',
  'unexpected-response',
  'not-configured',
  'cancelled',
  // A scoped API token lacks a scope the call needs (the gateway's 401).
  'scope',
  // A 4xx that is not the API's own (an HTML or text page from the edge): not processed.
  'refused',
  // 409: the portal refused the call as conflicting; it was not processed.
  'conflict',
  // A setting the organisation's policy sets.
  'locked',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorInfoSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Field-level messages, keyed by field id (portal validation errors). */
  fields: z.optional(z.record(z.string(), z.string())),
  /** Seconds to wait before retrying (rate limits). */
  retryAfterSeconds: z.optional(z.number()),
  /** The portal's `x-arequestid`, kept for the vendor's support. */
  portalRequestId: z.optional(z.string()),
  /** HTTP status of the portal's answer, when there was one. */
  status: z.optional(z.number()),
  /**
   * The user's words for this error in public/_locales (a message key) and its values, e.g.
   * the missing scopes or the refused file; shown instead of `message` where the UI has it.
   */
  messageKey: z.optional(z.string()),
  values: z.optional(z.array(z.string())),
  /** `fields` in the user's words, by the same field ids (a message key and its values). */
  fieldWords: z.optional(
    z.record(z.string(), z.object({ key: z.string(), values: z.optional(z.array(z.string())) })),
  ),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly info: ErrorInfo;

  constructor(info: ErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options);
    this.name = 'AppError';
    this.code = info.code;
    this.info = info;
  }

  static from(error: unknown): AppError {
    if (error instanceof AppError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new AppError(
      {
        code: 'internal',
        message: `Something went wrong inside the extension: ${message}`,
        messageKey: 'error_internal',
        values: [message],
      },
      { cause: error },
    );
  }
}
