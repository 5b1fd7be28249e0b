import * as z from 'zod/mini';

import { activeRedactor, type Redactor } from '../privacy/redact';
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

/** The identity of an event for folding repeats. */
export function eventKey(event: Pick<PageEvent, 'kind' | 'message' | 'source'>): string {
  return `${event.kind}\u0000${event.message}\u0000${event.source ?? ''}`;
}

/**
 * Redacts every string of an event and cuts each to its limit, before and after redacting
 * (redaction may lengthen text; an event over a limit would make the whole message carrying
 * it invalid).
 */
export function fitEvent(event: PageEvent, redactor: Redactor = activeRedactor()): PageEvent {
  const cap = (text: string, max: number) => redactor.redactToFit(text, max).text;
  return {
    ...event,
    message: cap(event.message, LIMITS.message),
    stack: event.stack === undefined ? undefined : cap(event.stack, LIMITS.stack),
    source: event.source === undefined ? undefined : cap(event.source, LIMITS.url),
    url: cap(event.url, LIMITS.url),
  };
}

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
