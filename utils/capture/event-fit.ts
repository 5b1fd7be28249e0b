/**
 * Folding and fitting page events: their identity for folding repeats, and their strings
 * redacted and cut to the limits. Apart from the schemas (page-event.ts) so the page-context
 * script bundles no zod.
 */
import { activeRedactor, type Redactor } from '../privacy/redact';
import { LIMITS } from './page-channel';
import type { PageEvent } from './page-event';

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
