import { redactToFit } from '../privacy/redact';
import type { PageSideFacts, TabEvents } from './capture';
import { EARLY_COLLECTOR_KEY, type EarlyCollector } from './early-collector';
import { fitEvent } from './event-fit';
import { addFailedRequest, type FailedRequest } from './failed-request';
import { LIMITS, PAGE_CHANNEL, type PageEventKind, WIRE_KINDS } from './page-channel';
import { checkPageEvent, isWireEntry } from './page-checks';
import type { PageEvent } from './page-event';
import { EventRingBuffer } from './ring-buffer';

/** A batch from the page larger than this is refused whole (a page can forge batches). */
export const MAX_BATCH_CHARS = 256 * 1024;
/** Entries per batch; the hook sends at most 101. */
export const MAX_BATCH_ENTRIES = 200;

/** Redacts every string of an event before it is kept, each cut to its limit. */
export function redactEvent(event: PageEvent): PageEvent {
  return fitEvent(event);
}

/** `file:line:column` of a stack's first frame that names one. */
export function sourceFromStack(stack: string): string | undefined {
  return /(?:https?|file|blob):\/\/[^\s()]+:\d+:\d+/.exec(stack)?.[0];
}

/** The hook sends bare facts to stay small; the words are added here. */
function describeWire(kind: PageEventKind, message: string, source: string): string {
  if (kind === 'resource-error') return `Failed to load <${message.toLowerCase()}> ${source}`;
  if (kind === 'unhandled-rejection') return `Unhandled rejection: ${message}`;
  return message;
}

export interface ParsedBatch {
  events: PageEvent[];
  requests: FailedRequest[];
  /** Entries the hook dropped to stay within its bounds. */
  dropped: number;
}

/**
 * Parses one batch from the page. The page can forge these: a batch that is not a bounded
 * JSON array is refused, entries that do not fit are skipped, and what fits is redacted and
 * only ever kept as text.
 */
export function parseBatch(detail: unknown): ParsedBatch {
  const batch: ParsedBatch = { events: [], requests: [], dropped: 0 };
  if (typeof detail !== 'string' || detail.length > MAX_BATCH_CHARS) return batch;
  let json: unknown;
  try {
    json = JSON.parse(detail);
  } catch {
    return batch;
  }
  if (!Array.isArray(json)) return batch;
  for (const raw of json.slice(0, MAX_BATCH_ENTRIES)) {
    if (!isWireEntry(raw)) continue;
    const [kind, message, stack, source, url, time, count, status, duration, lastTime] = raw;
    if (kind === 'd') {
      batch.dropped += count;
    } else if (kind === 'r') {
      batch.requests.push({
        source: 'page',
        method: redactToFit(message, LIMITS.method).toUpperCase().slice(0, LIMITS.method),
        url: redactToFit(source, LIMITS.url),
        status: Math.max(0, Math.trunc(status ?? 0)),
        error: stack ? redactToFit(stack, LIMITS.error) : undefined,
        time,
        lastTime: lastTime ?? undefined,
        durationMs: duration != null && duration >= 0 ? duration : undefined,
        pageUrl: redactToFit(url, LIMITS.url),
        requestIds: [],
        count: Math.max(1, count),
      });
    } else if (kind in WIRE_KINDS) {
      const eventKind = WIRE_KINDS[kind as keyof typeof WIRE_KINDS];
      // Redacted and cut to the limits first: a marker may lengthen a line at its limit.
      const event = checkPageEvent(
        redactEvent({
          kind: eventKind,
          message: describeWire(eventKind, message, source),
          stack: stack || undefined,
          source: source || sourceFromStack(stack),
          url,
          time,
          lastTime: lastTime ?? undefined,
          count: Math.max(1, count),
        }),
      );
      if (event) batch.events.push(event);
    }
  }
  return batch;
}

/** Viewport, screen and language as the page shows them (read from the ISOLATED world). */
export function readPageSideFacts(win: Window): PageSideFacts {
  return {
    title: redactToFit(win.document.title, LIMITS.title),
    language: (win.document.documentElement.lang || win.navigator.language || '').slice(0, 64),
    viewport: { width: win.innerWidth, height: win.innerHeight },
    screen: { width: win.screen.width, height: win.screen.height },
    devicePixelRatio: win.devicePixelRatio,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone.slice(0, 64),
  };
}

/** Where the background names the origin it checked before injecting (registration.ts). */
export const EARLY_ADOPT_KEY = '__supportCaptureAdoptOrigin';

/**
 * The early collector, when the page context may adopt what it kept: the background checked
 * this page's exact origin. The hook and the collector are registered by match pattern, and
 * patterns carry no port, so on `https://host:9443` they also run when only
 * `https://host:8443` is allowed; there (and when the popup injected capture into a page of an
 * origin that is not allowed) the collector is stopped and what it kept is dropped, so only
 * what happens from now on is captured.
 */
export function adoptEarlyCollector(
  scope: { [EARLY_COLLECTOR_KEY]?: EarlyCollector; [EARLY_ADOPT_KEY]?: string },
  origin: string,
): EarlyCollector | undefined {
  const early = scope[EARLY_COLLECTOR_KEY];
  if (!early) return undefined;
  if (origin !== '' && scope[EARLY_ADOPT_KEY] === origin) return early;
  early.stop();
  early.takeInputs();
  return undefined;
}

export interface PageContextOptions {
  buffer?: EventRingBuffer;
  /** Called after new events or requests arrive (the entrypoint forwards them, debounced). */
  onChange?: () => void;
  /** A fresh id per page load. */
  pageId?: string;
  /** Batches the early collector kept before this script started (raw, untrusted). */
  backlog?: readonly string[];
  /** When capture started in this page (the early collector's start), if earlier than now. */
  since?: number;
}

/**
 * The ISOLATED-world side: receives the hook's batches and keeps them in a bounded buffer.
 */
export function startPageContext(doc: Document, options: PageContextOptions = {}) {
  const buffer = options.buffer ?? new EventRingBuffer();
  const pageId = options.pageId ?? crypto.randomUUID();
  const since = options.since ?? Date.now();
  const url = redactToFit(doc.location?.href ?? '', LIMITS.url);
  let requests: FailedRequest[] = [];
  let requestsChanged = false;
  let captureWarnings = true;

  const onDetail = (detail: unknown) => {
    const batch = parseBatch(detail);
    for (const item of batch.events) {
      if (captureWarnings || item.kind !== 'console-warn') buffer.push(item);
    }
    for (const request of batch.requests) requests = addFailedRequest(requests, request);
    requestsChanged ||= batch.requests.length > 0;
    buffer.addDropped(batch.dropped);
    if (batch.events.length + batch.requests.length + batch.dropped > 0) options.onChange?.();
  };
  const onEvent = (event: Event) => onDetail((event as CustomEvent<unknown>).detail);
  const announce = () => doc.dispatchEvent(new CustomEvent(PAGE_CHANNEL.ready));
  for (const detail of options.backlog ?? []) onDetail(detail);
  doc.addEventListener(PAGE_CHANNEL.event, onEvent);
  // A hook that starts after us says hello; we answer so it flushes its queue.
  doc.addEventListener(PAGE_CHANNEL.hello, announce);
  announce();

  return {
    buffer,
    pageId,
    /** Turns `console.warn` capture on or off (the user's setting). */
    setCaptureWarnings(value: boolean) {
      captureWarnings = value;
    },
    snapshot(page?: PageSideFacts): TabEvents {
      return {
        pageId,
        url,
        events: buffer.snapshot().filter((item) => captureWarnings || item.kind !== 'console-warn'),
        dropped: buffer.dropped,
        since,
        requests,
        bytes: buffer.byteSize,
        page,
      };
    },
    /** What changed since the last call, for the background's per-tab history. */
    takeChanges() {
      const changed = requestsChanged;
      requestsChanged = false;
      return {
        pageId,
        url,
        since,
        events: buffer.takeChanges().slice(-500),
        dropped: buffer.dropped,
        requests: changed ? requests : undefined,
      };
    },
    get hasChanges() {
      return buffer.hasChanges || requestsChanged;
    },
    stop() {
      doc.removeEventListener(PAGE_CHANNEL.event, onEvent);
      doc.removeEventListener(PAGE_CHANNEL.hello, announce);
    },
  };
}

export type PageContext = ReturnType<typeof startPageContext>;

/**
 * Calls `send` at most once per `delayMs` while changes keep coming, so a page logging in a
 * loop costs the background one message per interval, not one per error.
 */
export function debounceForward(send: () => Promise<unknown> | undefined, delayMs = 500) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void send()?.catch(() => {
          // The background may be restarting; the next change forwards again.
        });
      }, delayMs);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
