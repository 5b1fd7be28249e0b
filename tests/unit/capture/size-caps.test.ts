import { beforeEach, describe, expect, it } from 'vitest';
import { CaptureSchema } from '@/utils/capture/capture';
import { fitEvent } from '@/utils/capture/event-fit';
import type { FailedRequest } from '@/utils/capture/failed-request';
import { type NetworkObserverDeps, startNetworkObserver } from '@/utils/capture/network-observer';
import { LIMITS } from '@/utils/capture/page-channel';
import { parseBatch } from '@/utils/capture/page-context';
import { type PageEvent, PageEventSchema } from '@/utils/capture/page-event';
import { PageEventsForwardSchema } from '@/utils/capture/tab-record';
import { mergeForward } from '@/utils/capture/tab-store';
import { configureRedaction, DEFAULT_REDACTION_OPTIONS } from '@/utils/privacy/redact';

const now = 1_700_000_000_000;
const wire = (message: string) => ['e', message, '', '', 'https://console.example.com/', now, 1];
/** A console line of exactly `length` characters that ends with `tail`. */
const line = (tail: string, length = LIMITS.message) =>
  `${'x'.repeat(length - tail.length - 1)} ${tail}`;

beforeEach(() => configureRedaction(DEFAULT_REDACTION_OPTIONS));

describe('a value at its limit survives redaction that lengthens it', () => {
  it('keeps a 4,000-character line with code=1 and a secret, cut to the limit', () => {
    const text = line('code=1 token=t0k3nV4lue9X');
    expect(text).toHaveLength(LIMITS.message);
    const batch = parseBatch(JSON.stringify([wire(text)]));
    expect(batch.events).toHaveLength(1);
    const message = batch.events[0]?.message ?? '';
    expect(message.length).toBeLessThanOrEqual(LIMITS.message);
    expect(message).toMatch(/… \[cut \d+ chars\]$/);
    expect(message).not.toContain('t0k3nV4lue9X');
    expect(PageEventSchema.safeParse(batch.events[0]).success).toBe(true);
  });

  it('keeps a 4,000-character line with an e-mail when masking is on', () => {
    configureRedaction({ maskEmails: true, customPatterns: [] });
    const text = line('reported by ann.smith@example.com');
    const batch = parseBatch(JSON.stringify([wire(text)]));
    expect(batch.events).toHaveLength(1);
    const message = batch.events[0]?.message ?? '';
    expect(message.length).toBeLessThanOrEqual(LIMITS.message);
    expect(message).not.toContain('ann.smith@example.com');
    // What the popup validates: the capture with this event is accepted.
    const capture = CaptureSchema.safeParse({
      tabId: 1,
      url: 'https://console.example.com/',
      title: 't',
      capturedAt: now,
      scope: 'always-on',
      scopeNote: '',
      events: [fitEvent(batch.events[0] as PageEvent)],
      droppedEvents: 0,
    });
    expect(capture.success).toBe(true);
  });

  it('cuts the background copy again with its own settings (masking only there)', () => {
    const text = line('owner ann@example.com');
    const batch = parseBatch(JSON.stringify([wire(text)]));
    configureRedaction({ maskEmails: true, customPatterns: [] });
    const record = mergeForward(
      { loads: [], requests: [] },
      {
        pageId: 'p1',
        url: 'https://console.example.com/',
        since: now,
        events: batch.events,
        dropped: 0,
      },
    );
    const kept = record.loads[0]?.events[0];
    expect(kept?.message.length).toBeLessThanOrEqual(LIMITS.message);
    expect(kept?.message).not.toContain('ann@example.com');
  });
});

describe('one malformed event never drops the others', () => {
  it('validates a forward item by item', () => {
    const good = {
      kind: 'console-error',
      message: 'ok',
      url: 'https://c.example/',
      time: now,
      count: 1,
    };
    const parsed = PageEventsForwardSchema.safeParse({
      pageId: 'p1',
      url: 'https://c.example/',
      since: now,
      events: [good, { ...good, message: 'x'.repeat(LIMITS.message + 1) }, { kind: 'nope' }, good],
      dropped: 0,
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.events).toHaveLength(2);
  });

  it('keeps the other entries of a batch', () => {
    const batch = parseBatch(
      JSON.stringify([
        wire('first'),
        ['e', 42],
        wire('x'.repeat(LIMITS.message + 1)),
        wire('last'),
      ]),
    );
    expect(batch.events.map((event) => event.message)).toEqual(['first', 'last']);
  });
});

describe('a page cannot stall the network observer', () => {
  it('cuts a 100,000-character failing URL before redacting it', () => {
    const listeners: Record<string, (details: Record<string, unknown>) => void> = {};
    const event = (name: string) => ({
      addListener: (listener: (details: Record<string, unknown>) => void) => {
        listeners[name] = listener;
      },
    });
    const failed: FailedRequest[] = [];
    startNetworkObserver({
      webRequest: {
        onBeforeRequest: event('before'),
        onCompleted: event('completed'),
        onErrorOccurred: event('error'),
      } as unknown as NetworkObserverDeps['webRequest'],
      onFailed: (_tab, request) => failed.push(request),
      extensionOrigin: 'chrome-extension://abc/',
    });
    const url = `https://console.example.com/api?${'a.a.a.token=t0k3nV4lue9X&'.repeat(4000)}`;
    listeners.completed?.({
      requestId: '1',
      method: 'GET',
      url,
      tabId: 3,
      type: 'xmlhttprequest',
      timeStamp: 1000,
      statusCode: 500,
      statusLine: `HTTP/1.1 500 ${'E'.repeat(10_000)}`,
      responseHeaders: [{ name: 'x-request-id', value: 'r'.repeat(10_000) }],
    });
    const [request] = failed;
    expect(request?.url.length).toBeLessThanOrEqual(LIMITS.url);
    expect(request?.url).toMatch(/\[cut \d+ chars\]$/);
    expect(request?.url).not.toContain('t0k3nV4lue9X');
    expect(request?.statusText?.length).toBeLessThanOrEqual(LIMITS.statusText);
    expect(request?.requestIds[0]?.value.length).toBeLessThanOrEqual(LIMITS.requestIdValue);
  });
});
