/**
 * The MAIN-world hook: runs inside the customer's page at `document_start`, before any page
 * script. It must stay tiny (<= 3 KB minified), never throw into the page, always call the
 * original, and keep every handler the page installs working. It imports nothing but
 * constants so the bundle holds only this file.
 */
import { LIMITS, PAGE_CHANNEL, type PageEventKind } from './page-channel';
import type { PageEvent } from './page-event';

const MAX_QUEUE = 100;
const MAX_DEPTH = 3;
const MAX_KEYS = 30;

const cut = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** Turns anything a page may log into bounded text, whatever its getters or toString do. */
export function describeValue(value: unknown, depth = 0, seen: unknown[] = []): string {
  try {
    if (typeof value === 'string') return cut(value, LIMITS.message);
    if (typeof value === 'symbol' || typeof value === 'bigint') return value.toString();
    if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
    if (value === null || typeof value !== 'object') return String(value);
    if (value instanceof Error)
      return `${value.name}: ${cut(String(value.message), LIMITS.message)}`;
    if (typeof Node !== 'undefined' && value instanceof Node) {
      const el = value as Partial<Element>;
      return el.tagName
        ? `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}>`
        : `[${value.nodeName}]`;
    }
    if (seen.includes(value)) return '[Circular]';
    if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
    seen.push(value);
    const keys = Object.keys(value).slice(0, MAX_KEYS);
    const parts = keys.map((key) => {
      let item: unknown;
      try {
        item = (value as Record<string, unknown>)[key];
      } catch {
        item = '[Throws]';
      }
      const text = describeValue(item, depth + 1, seen);
      return Array.isArray(value) ? text : `${key}: ${text}`;
    });
    seen.pop();
    return Array.isArray(value) ? `[${parts.join(', ')}]` : `{${parts.join(', ')}}`;
  } catch {
    return '[Unprintable]';
  }
}

export function installConsoleHook(win: Window & typeof globalThis): void {
  const doc = win.document;
  const dispatch = win.EventTarget.prototype.dispatchEvent;
  const Custom = win.CustomEvent;
  const stringify = win.JSON.stringify;
  const queue: string[] = [];
  let connected = false;

  const send = (detail: string) => dispatch.call(doc, new Custom(PAGE_CHANNEL.event, { detail }));

  const emit = (kind: PageEventKind, message: string, stack?: string, source?: string) => {
    const event: PageEvent = {
      kind,
      message: cut(message, LIMITS.message),
      stack: stack ? cut(stack, LIMITS.stack) : undefined,
      source: source ? cut(source, LIMITS.url) : undefined,
      url: cut(win.location.href, LIMITS.url),
      time: Date.now(),
      count: 1,
    };
    const detail = stringify(event);
    if (connected) send(detail);
    else if (queue.length < MAX_QUEUE) queue.push(detail);
  };

  const guard = (run: () => void) => {
    try {
      run();
    } catch {
      // Capture must never break the page.
    }
  };

  for (const [method, kind] of [
    ['error', 'console-error'],
    ['warn', 'console-warn'],
  ] as const) {
    const original = win.console[method];
    win.console[method] = function (this: Console, ...args: unknown[]) {
      guard(() => {
        const error = args.find((arg): arg is Error => arg instanceof Error);
        emit(kind, args.map((arg) => describeValue(arg)).join(' '), error?.stack);
      });
      return original.apply(this, args);
    };
  }

  win.addEventListener(
    'error',
    (event) =>
      guard(() => {
        const target = event.target as (Element & { src?: string; href?: string }) | null;
        if (target && target !== (win as unknown) && target.tagName) {
          const url = target.src || target.href || '';
          emit(
            'resource-error',
            `Failed to load <${target.tagName.toLowerCase()}> ${url}`,
            undefined,
            url,
          );
          return;
        }
        const error = event.error as Error | undefined;
        emit(
          'uncaught-error',
          event.message || describeValue(error),
          error?.stack,
          event.filename ? `${event.filename}:${event.lineno}:${event.colno}` : undefined,
        );
      }),
    true,
  );

  win.addEventListener('unhandledrejection', (event) =>
    guard(() => {
      const reason = event.reason as unknown;
      emit(
        'unhandled-rejection',
        `Unhandled rejection: ${describeValue(reason)}`,
        reason instanceof Error ? reason.stack : undefined,
      );
    }),
  );

  doc.addEventListener(PAGE_CHANNEL.ready, () =>
    guard(() => {
      connected = true;
      for (const detail of queue.splice(0)) send(detail);
    }),
  );
  dispatch.call(doc, new Custom(PAGE_CHANNEL.hello));
}
