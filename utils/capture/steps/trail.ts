/** The step recorder's trail buffer: bounded by count and age, repeats folded. */
import type { Breadcrumb } from './breadcrumb';
import { BREADCRUMB_LIMITS } from './limits';

export interface TrailOptions {
  maxCrumbs?: number;
  maxAgeMs?: number;
  now?: () => number;
}

/** A bounded trail, by count and age; identical consecutive actions fold into one entry. */
export class BreadcrumbTrail {
  private readonly crumbs: Breadcrumb[] = [];
  private droppedCount = 0;
  private readonly maxCrumbs: number;
  private readonly maxAgeMs: number;
  readonly now: () => number;

  constructor(options: TrailOptions = {}) {
    this.maxCrumbs = options.maxCrumbs ?? BREADCRUMB_LIMITS.maxCrumbs;
    this.maxAgeMs = options.maxAgeMs ?? BREADCRUMB_LIMITS.maxAgeMs;
    this.now = options.now ?? Date.now;
  }

  push(crumb: Omit<Breadcrumb, 'count' | 'label'> & { label?: string; count?: number }): void {
    const entry: Breadcrumb = { ...crumb, label: crumb.label ?? '', count: crumb.count ?? 1 };
    const last = this.crumbs[this.crumbs.length - 1];
    const lastTime = last ? (last.lastTime ?? last.time) : 0;
    if (
      last &&
      last.kind === entry.kind &&
      last.label === entry.label &&
      last.role === entry.role &&
      last.key === entry.key &&
      last.location === entry.location &&
      entry.kind !== 'load' &&
      entry.kind !== 'route' &&
      (entry.kind === 'scroll' || entry.time - lastTime <= BREADCRUMB_LIMITS.foldWithinMs)
    ) {
      last.count += entry.count;
      last.lastTime = entry.time;
    } else {
      this.crumbs.push(entry);
    }
    this.prune(entry.time);
  }

  private prune(now: number): void {
    let remove = Math.max(0, this.crumbs.length - this.maxCrumbs);
    while (remove < this.crumbs.length) {
      const crumb = this.crumbs[remove] as Breadcrumb;
      if (now - (crumb.lastTime ?? crumb.time) <= this.maxAgeMs) break;
      remove += 1;
    }
    if (remove > 0) {
      this.crumbs.splice(0, remove);
      this.droppedCount += remove;
    }
  }

  /** Oldest first, within the age bound as of now. */
  snapshot(): Breadcrumb[] {
    this.prune(this.now());
    return this.crumbs.map((crumb) => ({ ...crumb }));
  }

  get size(): number {
    return this.crumbs.length;
  }

  /** Entries dropped to stay within bounds. */
  get dropped(): number {
    return this.droppedCount;
  }

  clear(): void {
    this.crumbs.length = 0;
    this.droppedCount = 0;
  }
}
