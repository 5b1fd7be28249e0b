import { beforeEach, describe, expect, it } from 'vitest';
import { PAGE_CHANNEL } from '@/utils/capture/page-channel';
import { parseBatch, sourceFromStack, startPageContext } from '@/utils/capture/page-context';
import { configureRedaction, DEFAULT_REDACTION_OPTIONS } from '@/utils/privacy/redact';

const now = 1_700_000_000_000;
const entry = (kind: string, message: string, extra: unknown[] = []) => [
  kind,
  message,
  '',
  '',
  'https://console.example.com/x?token=t0k3nV4lue9X',
  now,
  1,
  ...extra,
];

beforeEach(() => configureRedaction(DEFAULT_REDACTION_OPTIONS));

describe('parseBatch() treats the page as untrusted', () => {
  it('turns wire entries into redacted events and requests', () => {
    const batch = parseBatch(
      JSON.stringify([
        entry('e', 'failed with Bearer abc123456'),
        entry('l', 'IMG', []).map((v, i) => (i === 3 ? 'https://x.example/a.png' : v)),
        entry('j', 'Error: nope'),
        [
          'r',
          'post',
          'Failed to fetch',
          'https://api.example.com/v1?api_key=k',
          'https://console.example.com/',
          now,
          2,
          0,
          12,
        ],
        ['d', '', '', '', '', 0, 7],
      ]),
    );
    expect(batch.events.map((event) => [event.kind, event.message])).toEqual([
      ['console-error', 'failed with Bearer [redacted:credential]'],
      ['resource-error', 'Failed to load <img> https://x.example/a.png'],
      ['unhandled-rejection', 'Unhandled rejection: Error: nope'],
    ]);
    expect(batch.events[0]?.url).toBe('https://console.example.com/x?token=[redacted:secret]');
    expect(batch.requests).toEqual([
      expect.objectContaining({
        source: 'page',
        method: 'POST',
        url: 'https://api.example.com/v1?api_key=[redacted:secret]',
        status: 0,
        error: 'Failed to fetch',
        count: 2,
        durationMs: 12,
      }),
    ]);
    expect(batch.dropped).toBe(7);
  });

  const forged: ReadonlyArray<readonly [string, unknown]> = [
    ['not a string', { kind: 'console-error' }],
    ['not JSON', 'nope{'],
    ['too large', `[${'"x",'.repeat(100_000)}"x"]`],
    ['an object, not an array', JSON.stringify({ type: 'allowOrigin', data: {} })],
    ['an unknown kind', JSON.stringify([entry('z', 'x')])],
    ['a message over the cap', JSON.stringify([entry('e', 'x'.repeat(5000))])],
    ['a wrong shape', JSON.stringify([['e', 1, 2, 3]])],
    [
      'a protocol envelope',
      JSON.stringify([{ type: 'saveConnection', data: { url: 'https://evil' } }]),
    ],
  ];
  it.each(forged)('drops %s', (_name, detail) => {
    expect(parseBatch(detail)).toEqual({ events: [], requests: [], dropped: 0 });
  });

  it('finds the source location in a stack', () => {
    expect(sourceFromStack('    at run (https://c.example.com/main.js:10:5)')).toBe(
      'https://c.example.com/main.js:10:5',
    );
    expect(sourceFromStack('no frames')).toBeUndefined();
  });
});

describe('startPageContext()', () => {
  it('buffers batches, drops warnings when told, and reports changes once', () => {
    let changes = 0;
    const context = startPageContext(document, { pageId: 'p1', onChange: () => changes++ });
    const send = (entries: unknown[]) =>
      document.dispatchEvent(
        new CustomEvent(PAGE_CHANNEL.event, { detail: JSON.stringify(entries) }),
      );
    send([entry('e', 'one'), entry('w', 'careful')]);
    context.setCaptureWarnings(false);
    send([entry('w', 'careful again'), entry('e', 'one')]);
    const snapshot = context.snapshot();
    expect(snapshot.events.map((event) => [event.message, event.count])).toEqual([['one', 2]]);
    expect(changes).toBe(2);
    const forward = context.takeChanges();
    expect(forward.pageId).toBe('p1');
    expect(forward.events.map((event) => event.message)).toContain('one');
    expect(context.hasChanges).toBe(false);
    context.stop();
  });
});
