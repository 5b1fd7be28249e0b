import { redact } from '../privacy/redact';
import type { TabEvents } from './capture';
import { PAGE_CHANNEL, type PageEvent, PageEventSchema } from './page-event';
import { EventRingBuffer } from './ring-buffer';

/** Redacts every string of an event before it is kept. */
export function redactEvent(event: PageEvent): PageEvent {
  return {
    ...event,
    message: redact(event.message),
    stack: event.stack === undefined ? undefined : redact(event.stack),
    source: event.source === undefined ? undefined : redact(event.source),
    url: redact(event.url),
  };
}

/**
 * Parses one event from the page. The page can forge these: anything that does not fit the
 * schema is dropped, and what fits is only ever kept as text.
 */
export function parsePageEvent(detail: unknown): PageEvent | undefined {
  if (typeof detail !== 'string' || detail.length > 32_000) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(detail);
  } catch {
    return undefined;
  }
  const parsed = PageEventSchema.safeParse(json);
  return parsed.success ? redactEvent(parsed.data) : undefined;
}

/**
 * The ISOLATED-world side: receives the hook's events and keeps them in a bounded buffer.
 */
export function startPageContext(doc: Document, buffer = new EventRingBuffer()) {
  const since = Date.now();
  const onEvent = (event: Event) => {
    const parsed = parsePageEvent((event as CustomEvent<unknown>).detail);
    if (parsed) buffer.push(parsed);
  };
  const announce = () => doc.dispatchEvent(new CustomEvent(PAGE_CHANNEL.ready));
  doc.addEventListener(PAGE_CHANNEL.event, onEvent);
  // A hook that starts after us says hello; we answer so it flushes its queue.
  doc.addEventListener(PAGE_CHANNEL.hello, announce);
  announce();

  return {
    buffer,
    snapshot(): TabEvents {
      return { events: buffer.snapshot(), dropped: buffer.dropped, since };
    },
    stop() {
      doc.removeEventListener(PAGE_CHANNEL.event, onEvent);
      doc.removeEventListener(PAGE_CHANNEL.hello, announce);
    },
  };
}
