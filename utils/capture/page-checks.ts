/**
 * Checks for what reaches the page-context script, without zod: zod's runtime alone would take
 * about 30 KB of the 45 KB that script may weigh (tests/bench/page-side.ts), and it runs in
 * every captured page. Each check accepts exactly what its schema accepts and returns what the
 * schema's parse would (tests/unit/capture/page-checks.test.ts runs both on the same inputs);
 * the schemas stay the source of truth for the types and for every other context.
 */
import { MAX_CUSTOM_PATTERN_LENGTH } from '../privacy/redact';
import { LIMITS, WIRE_KINDS } from './page-channel';
import type { PageEvent } from './page-event';
import type { PageSettings } from './page-settings-schema';
import type { CaptureSettings } from './settings';

/** zod's object check: a non-null object that is not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** zod's `z.number()`: finite. */
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** zod's `z.int()`: a safe integer. */
export const isInt = (value: unknown): value is number => Number.isSafeInteger(value);

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

const optional = <T>(value: unknown, check: (item: unknown) => item is T): value is T | undefined =>
  value === undefined || check(value);

/** `CaptureSettingsSchema` (settings.ts): booleans and patterns, with their defaults. */
export function checkCaptureSettings(value: unknown): CaptureSettings | undefined {
  if (!isRecord(value)) return undefined;
  const { captureWarnings = true, maskEmails = false, customPatterns = [] } = value;
  if (typeof captureWarnings !== 'boolean' || typeof maskEmails !== 'boolean') return undefined;
  if (
    !Array.isArray(customPatterns) ||
    customPatterns.length > 50 ||
    !customPatterns.every((pattern) => isText(pattern, MAX_CUSTOM_PATTERN_LENGTH))
  ) {
    return undefined;
  }
  return { captureWarnings, maskEmails, customPatterns: [...customPatterns] };
}

/** `PageSettingsSchema` (page-settings-schema.ts). */
export function checkPageSettings(value: unknown): PageSettings | undefined {
  if (!isRecord(value) || typeof value.recordSteps !== 'boolean') return undefined;
  const captureSettings = checkCaptureSettings(value.captureSettings);
  return captureSettings && { captureSettings, recordSteps: value.recordSteps };
}

/** Every event kind has a wire letter (page-channel.ts), so these are all of them. */
const PAGE_EVENT_KINDS: ReadonlySet<unknown> = new Set(Object.values(WIRE_KINDS));

/** `PageEventSchema` (page-event.ts), for an event this script built from a page's batch. */
export function checkPageEvent(value: unknown): PageEvent | undefined {
  if (
    !isRecord(value) ||
    !PAGE_EVENT_KINDS.has(value.kind) ||
    !isText(value.message, LIMITS.message) ||
    !optional(value.stack, (item) => isText(item, LIMITS.stack)) ||
    !optional(value.source, (item) => isText(item, LIMITS.url)) ||
    !isText(value.url, LIMITS.url) ||
    !isNumber(value.time) ||
    !optional(value.lastTime, isNumber)
  ) {
    return undefined;
  }
  const { count = 1 } = value;
  if (!isInt(count) || count < 1) return undefined;
  const { kind, message, stack, source, url, time, lastTime } = value as PageEvent;
  return { kind, message, stack, source, url, time, lastTime, count };
}

/**
 * One entry of the hook's batches (console-hook.ts `send`): `[kind, message, stack, source,
 * url, time, count, status?, duration?, lastTime?]`, the last three numbers or null. A page can
 * forge these, so every string is bounded.
 */
export type WireEntry = [
  kind: string,
  message: string,
  stack: string,
  source: string,
  url: string,
  time: number,
  count: number,
  status?: number | null,
  duration?: number | null,
  lastTime?: number | null,
];

const isOptionalNumber = (value: unknown) =>
  value === undefined || value === null || isNumber(value);

/** Whether `value` is a well-formed wire entry within its limits. */
export function isWireEntry(value: unknown): value is WireEntry {
  return (
    Array.isArray(value) &&
    value.length >= 7 &&
    value.length <= 10 &&
    isText(value[0], 1) &&
    isText(value[1], LIMITS.message) &&
    isText(value[2], LIMITS.stack) &&
    isText(value[3], LIMITS.url) &&
    isText(value[4], LIMITS.url) &&
    isNumber(value[5]) &&
    isInt(value[6]) &&
    value[6] >= 0 &&
    value[6] <= 1_000_000_000 &&
    isOptionalNumber(value[7]) &&
    isOptionalNumber(value[8]) &&
    isOptionalNumber(value[9])
  );
}
