// @vitest-environment node
/**
 * The page-context script's zod-free checks against the schemas they stand for: on the same
 * inputs, each accepts what the schema accepts and returns what the schema's parse returns.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { LIMITS } from '@/utils/capture/page-channel';
import {
  checkCaptureSettings,
  checkPageEvent,
  checkPageSettings,
  isWireEntry,
} from '@/utils/capture/page-checks';
import { PageEventSchema } from '@/utils/capture/page-event';
import { PageSettingsSchema } from '@/utils/capture/page-settings-schema';
import { CaptureSettingsSchema } from '@/utils/capture/settings';
import { MAX_CUSTOM_PATTERN_LENGTH } from '@/utils/privacy/redact';

/** Each check gives what the schema gives: the parsed value, or undefined where it fails. */
function expectParity(check: (value: unknown) => unknown, schema: z.ZodMiniType, input: unknown) {
  const parsed = schema.safeParse(input);
  expect(check(input)).toEqual(parsed.success ? parsed.data : undefined);
}

const NOT_OBJECTS = [undefined, null, 0, 'x', true, [], [1], () => 1];

describe('checkCaptureSettings and checkPageSettings', () => {
  const settings = [
    ...NOT_OBJECTS,
    {},
    { captureWarnings: false },
    { captureWarnings: 'yes' },
    { maskEmails: true, customPatterns: ['a+', 'b'] },
    { maskEmails: 1 },
    { customPatterns: 'a' },
    { customPatterns: [1] },
    { customPatterns: Array.from({ length: 50 }, () => 'x') },
    { customPatterns: Array.from({ length: 51 }, () => 'x') },
    { customPatterns: ['x'.repeat(MAX_CUSTOM_PATTERN_LENGTH)] },
    { customPatterns: ['x'.repeat(MAX_CUSTOM_PATTERN_LENGTH + 1)] },
    { captureWarnings: true, maskEmails: false, customPatterns: [], extra: 'dropped' },
    { captureWarnings: undefined, maskEmails: undefined, customPatterns: undefined },
  ];

  it.each(settings.map((input) => [JSON.stringify(input) ?? String(input), input]))(
    'capture settings %s',
    (_name, input) => expectParity(checkCaptureSettings, CaptureSettingsSchema, input),
  );

  it.each(
    [
      ...NOT_OBJECTS,
      {},
      { recordSteps: true },
      { recordSteps: 'true', captureSettings: {} },
      ...settings.map((captureSettings) => ({ captureSettings, recordSteps: false })),
    ].map((input) => [JSON.stringify(input) ?? String(input), input]),
  )('page settings %s', (_name, input) =>
    expectParity(checkPageSettings, PageSettingsSchema, input),
  );

  it('returns a copy of the patterns', () => {
    const patterns = ['a'];
    const checked = checkCaptureSettings({ customPatterns: patterns });
    expect(checked?.customPatterns).not.toBe(patterns);
  });
});

describe('checkPageEvent', () => {
  const event = {
    kind: 'console-error',
    message: 'Boom',
    stack: 'at x',
    source: 'https://a.example/app.js:1:2',
    url: 'https://a.example/',
    time: 1,
    lastTime: 2,
    count: 3,
  };
  const cases: unknown[] = [
    ...NOT_OBJECTS,
    event,
    { ...event, stack: undefined, source: undefined, lastTime: undefined },
    { kind: 'console-warn', message: '', url: '', time: 0 },
    { ...event, kind: 'console-log' },
    { ...event, kind: undefined },
    { ...event, message: 'x'.repeat(LIMITS.message) },
    { ...event, message: 'x'.repeat(LIMITS.message + 1) },
    { ...event, stack: 'x'.repeat(LIMITS.stack + 1) },
    { ...event, source: 'x'.repeat(LIMITS.url + 1) },
    { ...event, url: 'x'.repeat(LIMITS.url + 1) },
    { ...event, url: undefined },
    { ...event, time: Number.NaN },
    { ...event, time: Number.POSITIVE_INFINITY },
    { ...event, time: '1' },
    { ...event, lastTime: null },
    { ...event, count: 0 },
    { ...event, count: 1.5 },
    { ...event, count: 2 ** 53 },
    { ...event, extra: 'dropped' },
  ];
  it.each(cases.map((input) => [JSON.stringify(input) ?? String(input), input]))(
    '%s',
    (_name, input) => expectParity(checkPageEvent, PageEventSchema, input),
  );
});

describe('isWireEntry', () => {
  // The schema the page-context script used for the hook's entries before it dropped zod.
  const optionalNumber = z.optional(z.nullable(z.number()));
  const WireEntrySchema = z.tuple([
    z.string().check(z.maxLength(1)),
    z.string().check(z.maxLength(LIMITS.message)),
    z.string().check(z.maxLength(LIMITS.stack)),
    z.string().check(z.maxLength(LIMITS.url)),
    z.string().check(z.maxLength(LIMITS.url)),
    z.number(),
    z.int().check(z.minimum(0), z.maximum(1_000_000_000)),
    optionalNumber,
    optionalNumber,
    optionalNumber,
  ]);
  const entry = ['e', 'Boom', 'at x', 'src', 'https://a.example/', 1, 1];
  const cases: unknown[] = [
    ...NOT_OBJECTS,
    {},
    entry,
    [...entry, 500, 12.5, 3],
    [...entry, null, null, null],
    [...entry, undefined],
    [...entry, 1, 2, 3, 4],
    entry.slice(0, 6),
    ['ee', ...entry.slice(1)],
    ['', ...entry.slice(1)],
    [1, ...entry.slice(1)],
    ['e', 'x'.repeat(LIMITS.message + 1), ...entry.slice(2)],
    ['e', 'Boom', 'x'.repeat(LIMITS.stack + 1), ...entry.slice(3)],
    ['e', 'Boom', 'at x', 'x'.repeat(LIMITS.url + 1), ...entry.slice(4)],
    [...entry.slice(0, 4), 'x'.repeat(LIMITS.url + 1), 1, 1],
    [...entry.slice(0, 5), Number.NaN, 1],
    [...entry.slice(0, 5), '1', 1],
    [...entry.slice(0, 6), -1],
    [...entry.slice(0, 6), 1.5],
    [...entry.slice(0, 6), 1_000_000_000],
    [...entry.slice(0, 6), 1_000_000_001],
    [...entry, 'x'],
    [...entry, Number.POSITIVE_INFINITY],
    // A sparse array: its holes are missing strings.
    Object.assign(new Array(7), { 1: 'Boom', 2: '', 3: '', 4: '', 5: 1, 6: 1 }),
  ];
  it.each(cases.map((input, index) => [index, input]))('case %i', (_index, input) => {
    expect(isWireEntry(input)).toBe(WireEntrySchema.safeParse(input).success);
  });
});
