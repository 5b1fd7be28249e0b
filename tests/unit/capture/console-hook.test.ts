import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeValue, installConsoleHook } from '@/utils/capture/console-hook';
import { PAGE_CHANNEL } from '@/utils/capture/page-channel';
import { parseBatch } from '@/utils/capture/page-context';

describe('describeValue() turns anything a page logs into bounded text', () => {
  const circular: Record<string, unknown> = { name: 'loop' };
  circular.self = circular;
  const throwingGetter = Object.defineProperty({ ok: 1 }, 'bad', {
    enumerable: true,
    get() {
      throw new Error('getter throws');
    },
  });
  const throwingToString = {
    toString: () => {
      throw new Error('nope');
    },
  };
  const element = document.createElement('div');
  element.id = 'app';
  const cases: ReadonlyArray<readonly [string, unknown, string | RegExp]> = [
    ['a string', 'plain', 'plain'],
    ['an Error', new TypeError('bad type'), 'TypeError: bad type'],
    ['a DOM element', element, '<div#app>'],
    ['a text node', document.createTextNode('x'), '<#text>'],
    ['a circular object', circular, '{name: loop, self: [Circular]}'],
    ['a throwing getter', throwingGetter, '{ok: 1, bad: [Throws]}'],
    ['an object whose toString throws', throwingToString, /^\{toString: \[Function toString\]\}$/],
    ['a symbol', Symbol('s'), 'Symbol(s)'],
    ['a bigint', 10n, '10'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['an array', [1, 'two', [3]], '[1,two,[3]]'],
    ['deep nesting', { a: { b: { c: { d: 1 } } } }, '{a: {b: {c: […]}}}'],
  ];
  it.each(cases)('%s', (_name, value, expected) => {
    const text = describeValue(value);
    if (expected instanceof RegExp) expect(text).toMatch(expected);
    else expect(text).toBe(expected);
  });

  it('caps huge strings and wide objects', () => {
    expect(describeValue('x'.repeat(100_000)).length).toBe(4000);
    const wide = Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [`k${i}`, 'v'.repeat(500)]),
    );
    expect(describeValue(wide).length).toBeLessThanOrEqual(4000);
  });

  it('survives a Proxy that throws on every trap', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    expect(describeValue(hostile)).toBe('[Unprintable]');
  });
});

describe('installConsoleHook()', () => {
  const batches: unknown[] = [];
  const listener = (event: Event) => batches.push((event as CustomEvent).detail);
  let originalError: typeof console.error;
  let originalWarn: typeof console.warn;

  beforeEach(() => {
    batches.length = 0;
    originalError = console.error;
    originalWarn = console.warn;
    document.addEventListener(PAGE_CHANNEL.event, listener);
  });
  afterEach(() => {
    console.error = originalError;
    console.warn = originalWarn;
    document.removeEventListener(PAGE_CHANNEL.event, listener);
    vi.useRealTimers();
  });

  it('calls the original, keeps its name, folds repeats and sends one batch per task', async () => {
    const seen: unknown[][] = [];
    console.error = function pageLogger(...args: unknown[]) {
      seen.push(args);
    };
    installConsoleHook(window as unknown as Window & typeof globalThis);
    document.dispatchEvent(new CustomEvent(PAGE_CHANNEL.ready));
    expect(console.error.name).toBe('pageLogger');
    for (let i = 0; i < 1000; i += 1) console.error('same error', 42);
    console.error('other error');
    expect(seen).toHaveLength(1001);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(batches).toHaveLength(1);
    const batch = parseBatch(batches[0]);
    expect(batch.events.map((event) => [event.message, event.count])).toEqual([
      ['same error 42', 1000],
      ['other error', 1],
    ]);
  });

  it('never throws into the page, even when serialising fails', () => {
    const seen: unknown[] = [];
    console.warn = (...args: unknown[]) => seen.push(args);
    installConsoleHook(window as unknown as Window & typeof globalThis);
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    );
    expect(() => console.warn(hostile)).not.toThrow();
    expect(seen).toHaveLength(1);
  });

  it('passes the original’s exceptions through unchanged', () => {
    console.error = () => {
      throw new RangeError('from the page');
    };
    installConsoleHook(window as unknown as Window & typeof globalThis);
    expect(() => console.error('x')).toThrow(RangeError);
  });

  it('holds entries until the ISOLATED side is ready, bounded', async () => {
    console.error = () => {};
    installConsoleHook(window as unknown as Window & typeof globalThis);
    for (let i = 0; i < 500; i += 1) console.error('distinct', i);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(batches).toHaveLength(0);
    document.dispatchEvent(new CustomEvent(PAGE_CHANNEL.ready));
    // Hooks installed by earlier tests in this document flush their own leftovers too.
    const batch = batches
      .map(parseBatch)
      .find((item) => item.events.some((e) => e.message.startsWith('distinct')));
    if (!batch) throw new Error('no batch from this hook');
    expect(batch.events).toHaveLength(100);
    expect(batch.dropped).toBe(400);
  });

  it('takes the caller’s stack for at most 10 calls per task, and again in the next task', async () => {
    console.error = () => {};
    installConsoleHook(window as unknown as Window & typeof globalThis);
    document.dispatchEvent(new CustomEvent(PAGE_CHANNEL.ready));
    const mine = () =>
      batches
        .map(parseBatch)
        .flatMap((batch) => batch.events)
        .filter((event) => event.message.startsWith('budget'));
    for (let i = 0; i < 30; i += 1) console.error('budget', i);
    console.error('budget with its own', new Error('own stack'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const first = mine();
    expect(first).toHaveLength(31);
    expect(first.slice(0, 10).every((event) => event.stack?.includes('console-hook.test'))).toBe(
      true,
    );
    expect(first.slice(10, 30).every((event) => !event.stack)).toBe(true);
    // An Error argument brings its own stack: no budget needed.
    expect(first[30]?.message).toContain('own stack');
    expect(first[30]?.stack).toContain('console-hook.test');
    batches.length = 0;
    console.error('budget next task');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(mine()[0]?.stack).toContain('console-hook.test');
  });
});
