/**
 * The MAIN-world hook: runs inside the customer's page at `document_start`, before any page
 * script. It must stay tiny (<= 3 KB minified, see tests/bench/sizes.ts), never throw into the
 * page, always call the original, and keep every handler the page installs working. It
 * imports nothing but constants so the bundle holds only this file.
 *
 * Cost per call matters (a page may log in a loop): identical entries fold into one pending
 * entry with a count, a call stack is taken only for the first of them, and batches cross to
 * the ISOLATED world once per task, not once per call.
 */
import {
  HOOK_SOURCE_NAME,
  MAX_MESSAGE,
  MAX_STACK,
  MAX_URL,
  PAGE_CHANNEL,
  type WireEntry,
} from './page-channel';

/** Distinct entries held between flushes; the rest are counted as dropped. */
const MAX_PENDING = 100;
/**
 * Caller stacks taken per task for calls without an Error argument; later entries of the task
 * go without. Each costs an Error object, about 15 us with DevTools open against under 2 us
 * without (docs/platform-facts.md#error-objects-with-devtools-open).
 */
const STACKS_PER_TASK = 10;

const cut = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** Turns anything a page may log into bounded text, whatever its getters or toString do. */
export function describeValue(value: unknown, depth = 0, seen: unknown[] = []): string {
  try {
    if (typeof value === 'string') return cut(value, MAX_MESSAGE);
    if (typeof value === 'function') return `[Function ${value.name}]`;
    if (value === null || typeof value !== 'object') return String(value as symbol);
    if (value instanceof Error) return cut(`${value.name}: ${value.message}`, MAX_MESSAGE);
    if (value instanceof Node) {
      const id = (value as Element).id;
      return `<${value.nodeName.toLowerCase()}${id ? `#${id}` : ''}>`;
    }
    if (seen.includes(value)) return '[Circular]';
    const array = Array.isArray(value);
    if (depth > 2) return '[…]';
    seen.push(value);
    const parts = Object.keys(value)
      .slice(0, 30)
      .map((key) => {
        let text: string;
        try {
          text = describeValue((value as Record<string, unknown>)[key], depth + 1, seen);
        } catch {
          text = '[Throws]';
        }
        return array ? text : `${key}: ${text}`;
      });
    seen.pop();
    return cut(array ? `[${parts}]` : `{${parts.join(', ')}}`, MAX_MESSAGE);
  } catch {
    return '[Unprintable]';
  }
}

/** The header line and the hook's own frames, cut from a stack taken inside the hook. */
const OWN_FRAMES = new RegExp(`^(Error|.*(-extension:|${HOOK_SOURCE_NAME})).*\n`, 'gm');

export function installConsoleHook(win: Window & typeof globalThis): void {
  const doc = win.document;
  // Saved before any page script runs, so a page that replaces them later changes nothing here.
  const dispatch = doc.dispatchEvent.bind(doc);
  const Custom = win.CustomEvent;
  const stringify = win.JSON.stringify;
  const apply = win.Reflect.apply;
  const later = win.setTimeout;
  const now = win.Date.now;
  // Keys end in a status or "undefined", so they never meet Object.prototype's names.
  let pending: Record<string, WireEntry> = {};
  let size = 0;
  let dropped = 0;
  let connected = false;
  let scheduled = false;
  let stacks = 0;

  const flush = () => {
    scheduled = false;
    if (!connected || !size) return;
    const batch = Object.values(pending);
    if (dropped) batch.push(['d', '', '', '', '', 0, dropped]);
    pending = {};
    size = dropped = 0;
    dispatch(new Custom(PAGE_CHANNEL.event, { detail: stringify(batch) }));
  };

  // Errors thrown here stay here: capture must never break the page.
  const guard = (run: () => void) => {
    try {
      run();
    } catch {}
  };

  const add = (
    kind: string,
    message: string,
    stack: () => string | undefined,
    source = '',
    status?: number,
    duration?: number,
  ) => {
    const key = kind + message + source + status;
    const time = now();
    const entry = pending[key];
    if (entry) {
      entry[6]++;
      entry[9] = time;
    } else if (size < MAX_PENDING) {
      size++;
      pending[key] = [
        kind,
        cut(message, MAX_MESSAGE),
        cut(stack() || '', MAX_STACK),
        cut(source, MAX_URL),
        cut(win.location.href, MAX_URL),
        time,
        1,
        status,
        duration,
      ];
    } else dropped++;
    if (connected && !scheduled) {
      scheduled = true;
      later(flush);
    }
  };

  const wrap = <T extends object>(
    owner: T,
    name: keyof T,
    before: (args: unknown[], self: unknown) => unknown,
  ) => {
    const original = owner[name] as (...args: unknown[]) => unknown;
    if (typeof original === 'function') {
      // A Proxy keeps the original's name, length and `toString()`, so the page sees no change.
      owner[name] = new Proxy(original, {
        apply(target, self, args) {
          let after: unknown;
          guard(() => {
            after = before(args, self);
          });
          const result = apply(target, self, args);
          if (typeof after === 'function') guard(() => (after as (value: unknown) => void)(result));
          return result;
        },
      }) as T[keyof T];
    }
  };

  for (const [method, kind] of [
    ['error', 'e'],
    ['warn', 'w'],
  ] as const) {
    wrap(win.console, method, (args) => {
      const error = args.find((arg) => arg instanceof Error) as Error | undefined;
      add(kind, args.map((arg) => describeValue(arg)).join(' '), () => {
        if (error) return error.stack;
        // Without an Error argument: the caller's stack, minus the header and our frames.
        if (!stacks++) later(() => (stacks = 0));
        return stacks > STACKS_PER_TASK ? '' : Error().stack?.replace(OWN_FRAMES, '');
      });
    });
  }

  const request = (method: string, url: string, start: number, status: number, error = '') =>
    (status > 399 || !status) && add('r', method, () => error, url, status, now() - start);
  const absolute = (url: unknown) => new URL(String(url), win.location.href).href;

  wrap(win, 'fetch', (args) => {
    const [input, init] = args as [Request | string, RequestInit | undefined];
    const method = init?.method || (input as Request).method || 'GET';
    const url = absolute((input as Request).url || input);
    const start = now();
    return (promise: Promise<Response>) =>
      promise.then(
        // An opaque (no-cors) response has status 0 but did not fail.
        (response) => request(method, url, start, response.status || 200),
        (error) => request(method, url, start, 0, describeValue(error)),
      );
  });

  const xhr = new WeakMap<object, [string, string]>();
  const proto = win.XMLHttpRequest.prototype;
  wrap(proto, 'open', (args, self) =>
    xhr.set(self as object, [String(args[0]), absolute(args[1])]),
  );
  wrap(proto, 'send', (_args, self) => {
    const target = self as XMLHttpRequest;
    const [method, url] = xhr.get(target) || [];
    const start = now();
    if (url) {
      for (const type of ['load', 'error'])
        target.addEventListener(type, () =>
          guard(() => request(method ?? '', url, start, target.status, type)),
        );
    }
  });

  win.addEventListener(
    'error',
    (event) =>
      guard(() => {
        const target = event.target as (Element & { src?: string; href?: string }) | null;
        if (target instanceof Element) {
          const url = target.src || target.href || '';
          add('l', target.tagName, () => '', url);
        } else {
          const error = event.error as Error | undefined;
          add(
            'x',
            event.message || describeValue(error),
            () => error?.stack,
            event.filename && `${event.filename}:${event.lineno}:${event.colno}`,
          );
        }
      }),
    true,
  );

  win.addEventListener('unhandledrejection', (event) =>
    guard(() => {
      const reason = event.reason as Error | undefined;
      add('j', describeValue(reason), () => reason?.stack);
    }),
  );

  doc.addEventListener(PAGE_CHANNEL.ready, () => {
    connected = true;
    guard(flush);
  });
  dispatch(new Custom(PAGE_CHANNEL.hello));
}
