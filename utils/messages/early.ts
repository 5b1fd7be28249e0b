/**
 * Requests an extension page sends from its first JavaScript, before the app's code and the
 * message schemas have loaded: the popup's capture and portal state are on their way while
 * its composer loads. The raw answer waits here; the sender (./core.ts) takes it once, for the
 * same type and data, and validates it as any other answer.
 */

import type * as z from 'zod/mini';
import { nativeBrowser as browser } from '../native-browser';

/** A receiver's protocol as ./core.ts declares it (its types only, so no import cycle). */
type Protocol = Record<string, { request: z.ZodMiniType }>;

/** An answer nobody took within this time is dropped: later asks get a fresh one. */
const FRESH_MS = 5_000;
const pending = new Map<string, { answer: Promise<unknown>; sentAt: number }>();
const keyOf = (type: string, data: unknown) => `${type} ${JSON.stringify(data)}`;

/**
 * A sender for protocol `P` (a type only: its schemas stay out of the first JavaScript) that
 * sends to the background now; `takeEarlyAnswer` hands each answer over later.
 */
export function earlySender<P extends Protocol>() {
  return <T extends keyof P & string>(type: T, data: z.input<P[T]['request']>): void =>
    sendEarly(type, data);
}

function sendEarly(type: string, data: unknown): void {
  const answer: Promise<unknown> = browser.runtime.sendMessage({ type, data });
  // Awaited (and its failure reported) where it is taken; dropped if nobody asks.
  answer.catch(() => undefined);
  pending.set(keyOf(type, data), { answer, sentAt: performance.now() });
}

/** The early answer to this exact message, once; undefined if none was sent. */
export function takeEarlyAnswer(type: string, data: unknown): Promise<unknown> | undefined {
  const key = keyOf(type, data);
  const early = pending.get(key);
  pending.delete(key);
  return early && performance.now() - early.sentAt < FRESH_MS ? early.answer : undefined;
}
