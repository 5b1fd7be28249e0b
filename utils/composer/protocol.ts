/**
 * Schemas of the composer's own messages (declared in utils/messages/background.ts): adding a report to
 * an existing request instead of filing a new one.
 */
import * as z from 'zod/mini';

export const AddToRequestSchema = z.object({
  issueKey: z.string().check(z.regex(/^[A-Z][A-Z0-9_]*-\d+$/)),
  comment: z.string().check(z.minLength(1), z.maxLength(32_767)),
  files: z
    .array(
      z.object({
        blobId: z.string().check(z.minLength(1), z.maxLength(100)),
        name: z.string().check(z.minLength(1), z.maxLength(255)),
      }),
    )
    .check(z.maxLength(50)),
});

export const AddToRequestResultSchema = z.object({
  issueKey: z.string(),
  webUrl: z.optional(z.string()),
  attached: z.int(),
});
