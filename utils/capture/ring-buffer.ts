import { eventKey } from './event-fit';
import type { PageEvent } from './page-event';

export interface RingBufferLimits {
  maxEvents: number;
  maxBytes: number;
}

export const DEFAULT_RING_LIMITS: RingBufferLimits = { maxEvents: 200, maxBytes: 512 * 1024 };

export function sizeOf(event: PageEvent): number {
  // UTF-16 code units x2 approximates the memory held; good enough for a bound.
  return (
    (event.message.length +
      (event.stack?.length ?? 0) +
      (event.source?.length ?? 0) +
      event.url.length) *
      2 +
    64
  );
}

/**
 * A bounded buffer of page events, by count and by bytes. Identical events are folded into
 * the existing entry (count and last time), so a page logging the same error in a loop costs
 * one entry.
 */
export class EventRingBuffer {
  private readonly entries = new Map<string, PageEvent>();
  private bytes = 0;
  private droppedCount = 0;
  /** Keys pushed or folded since the last `takeChanges()`. */
  private readonly changed = new Set<string>();

  constructor(private readonly limits: RingBufferLimits = DEFAULT_RING_LIMITS) {}

  push(event: PageEvent): void {
    const key = eventKey(event);
    const existing = this.entries.get(key);
    if (existing) {
      existing.count += event.count;
      existing.lastTime = event.lastTime ?? event.time;
      // Move to the newest position so folding keeps recent errors alive.
      this.entries.delete(key);
      this.entries.set(key, existing);
      this.changed.add(key);
      return;
    }
    const size = sizeOf(event);
    if (size > this.limits.maxBytes) {
      this.droppedCount += event.count;
      return;
    }
    this.entries.set(key, { ...event });
    this.changed.add(key);
    this.bytes += size;
    this.evict();
  }

  private evict(): void {
    for (const [key, oldest] of this.entries) {
      if (this.entries.size <= this.limits.maxEvents && this.bytes <= this.limits.maxBytes) break;
      this.entries.delete(key);
      this.changed.delete(key);
      this.bytes -= sizeOf(oldest);
      this.droppedCount += oldest.count;
    }
  }

  /** Oldest first. */
  snapshot(): PageEvent[] {
    return [...this.entries.values()].map((event) => ({ ...event }));
  }

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  /** Events evicted or refused to stay within bounds. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Counts events dropped before they reached this buffer (by the page hook's own bound). */
  addDropped(count: number): void {
    this.droppedCount += count;
  }

  /** The events new or folded since the last call (what to forward), oldest first. */
  takeChanges(): PageEvent[] {
    const changes: PageEvent[] = [];
    for (const [key, event] of this.entries) {
      if (this.changed.has(key)) changes.push({ ...event });
    }
    this.changed.clear();
    return changes;
  }

  get hasChanges(): boolean {
    return this.changed.size > 0;
  }

  clear(): void {
    this.changed.clear();
    this.entries.clear();
    this.bytes = 0;
    this.droppedCount = 0;
  }
}
