import * as z from 'zod/mini';
import { LIMITS, type PageEventKind } from './page-channel';

export { LIMITS, PAGE_CHANNEL } from './page-channel';

export const PageEventKindSchema = z.enum([
  'console-error',
  'console-warn',
  'uncaught-error',
  'unhandled-rejection',
  'resource-error',
] satisfies PageEventKind[]);
export type { PageEventKind };

/**
 * One error-like event seen in the page. Page events are untrusted (a page can forge them):
 * they are validated, redacted and only ever displayed as text.
 */
export const PageEventSchema = z.object({
  kind: PageEventKindSchema,
  message: z.string().check(z.maxLength(LIMITS.message)),
  stack: z.optional(z.string().check(z.maxLength(LIMITS.stack))),
  /** Where it came from: `file:line:column`, or the resource URL that failed to load. */
  source: z.optional(z.string().check(z.maxLength(LIMITS.url))),
  /** The page URL when it happened. */
  url: z.string().check(z.maxLength(LIMITS.url)),
  /** Epoch milliseconds of the first occurrence. */
  time: z.number(),
  /** Epoch milliseconds of the last occurrence, when folded. */
  lastTime: z.optional(z.number()),
  /** Identical events are folded into one with a count. */
  count: z._default(z.int().check(z.minimum(1)), 1),
});
export type PageEvent = z.infer<typeof PageEventSchema>;

/**
 * An array validated item by item: an invalid item is left out, the others are kept (one
 * malformed event from a page must never drop the rest).
 */
export function validItems<T extends z.ZodMiniType>(item: T, max = 10_000) {
  return z.pipe(
    z.array(z.unknown()).check(z.maxLength(max)),
    z.transform((items: unknown[]) =>
      items.flatMap((raw) => {
        const parsed = item.safeParse(raw);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      }),
    ),
  );
}
