/**
 * How the step recorder hears route changes. The ISOLATED world cannot see the page's
 * `history.pushState` calls, but the Navigation API's events reach it. Measured in headless
 * Chromium 156: an isolated content script's `navigation.addEventListener('currententrychange')`
 * fires for the page's pushState (type "push"), replaceState ("replace"), hash links and
 * back/forward ("traverse"), with `location` already updated; `popstate`/`hashchange` fire only
 * for traversals and hash changes. Where `navigation` is missing (older Firefox), `popstate`
 * and `hashchange` plus the recorder's URL check before each recorded action catch the rest,
 * late but in order.
 * https://developer.mozilla.org/docs/Web/API/Navigation/currententrychange_event
 */
import type { Breadcrumb } from './breadcrumb';

export type NavigationKind = NonNullable<Breadcrumb['navigation']>;

/** Adds a guarded, passive, capture-phase listener (the recorder's `listen`). */
export type Listen = (target: EventTarget, type: string, handler: (event: Event) => void) => void;

/** Minimal typing of the Navigation API (not in TypeScript's DOM lib yet). */
interface NavigationLike extends EventTarget {
  addEventListener(
    type: 'currententrychange',
    listener: (event: Event & { navigationType?: string | null }) => void,
  ): void;
}

/** How the page itself was loaded: a reload, a traversal, else a plain navigation. */
export function navigationType(win: Window | null): NavigationKind {
  try {
    const entry = win?.performance.getEntriesByType('navigation')[0] as
      | PerformanceNavigationTiming
      | undefined;
    if (entry?.type === 'reload') return 'reload';
    if (entry?.type === 'back_forward') return 'traverse';
  } catch {
    // Older engines: a plain navigation.
  }
  return 'navigate';
}

/** The route kind of a Navigation API event. */
export function routeKind(type: string | null | undefined): NavigationKind {
  return type === 'push' || type === 'replace' || type === 'traverse' || type === 'reload'
    ? type
    : 'unknown';
}

/** Calls `onRoute` with the kind of each route change `win` tells of. */
export function listenForRoutes(
  win: Window | null,
  doc: Document,
  listen: Listen,
  onRoute: (navigation: NavigationKind) => void,
): void {
  listen(win ?? doc, 'popstate', () => onRoute('traverse'));
  listen(win ?? doc, 'hashchange', () => onRoute('push'));
  let navigation: NavigationLike | undefined;
  try {
    navigation = (win as { navigation?: NavigationLike } | null)?.navigation;
  } catch {
    navigation = undefined;
  }
  if (navigation) {
    listen(navigation, 'currententrychange', (event) =>
      onRoute(routeKind((event as Event & { navigationType?: string | null }).navigationType)),
    );
  }
}
