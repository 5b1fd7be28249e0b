import * as z from 'zod/mini';

/**
 * Every error the user can meet has a code the UI can act on and a message that says what
 * to do next. Portal errors add their own codes (see utils/portal/errors.ts).
 */
export const ErrorCodeSchema = z.enum([
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
      { code: 'internal', message: `Something went wrong inside the extension: ${message}` },
      { cause: error },
    );
  }
}
