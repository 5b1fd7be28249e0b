/**
 * The breadcrumb recorder: what the user did in the page in the last few minutes, for a
 * drafted "steps to reproduce". Runs in the ISOLATED world, started by the page-context
 * script (../step-recording.ts). Its parts, beside it: the crumb (breadcrumb.ts, limits.ts),
 * naming an element (element-name.ts), its role (element-role.ts), the value-free rules
 * (value-free.ts), the trail buffer (trail.ts), route changes (route-listener.ts), dialogs
 * (dialog-observer.ts) and redaction (crumb-redaction.ts).
 *
 * Privacy: it records names of controls, never what is in them: no input values, no typed
 * text, no key other than Enter and Escape, nothing from password fields or editable
 * regions. Every label and location passes through `redactCrumb()` in `snapshot()`, before the
 * trail leaves the recorder; the hot path only keeps capped raw text in this script's memory,
 * because redaction (dozens of patterns) is the costliest step and most crumbs are never sent.
 *
 * Cost: passive capture-phase listeners on `document`; a click reads attributes and a capped
 * run of text under the clicked control (`closest()` to find it), never layout
 * (no getBoundingClientRect, getComputedStyle or innerText). See tests/bench/breadcrumbs.ts.
 */
import type { EarlyInput } from '../early-collector';
import type { Breadcrumb } from './breadcrumb';
import { redactCrumb } from './crumb-redaction';
import { dialogName, observeDialogs } from './dialog-observer';
import {
  accessibleName,
  describeControl,
  interactiveTarget,
  labelledByText,
  rawLabel,
} from './element-name';
import {
  type Listen,
  listenForRoutes,
  type NavigationKind,
  navigationType,
} from './route-listener';
import { BreadcrumbTrail, type TrailOptions } from './trail';

export interface RecorderOptions extends TrailOptions {
  /**
   * Record events the page dispatched itself (`isTrusted === false`). Off in the product: the
   * steps are what the user did, and a page must not be able to write them. Unit tests and the
   * benchmark turn it on because they cannot make trusted events.
   */
  acceptUntrusted?: boolean;
  /** Time the page started loading, for the `load` crumb (defaults to now). */
  loadTime?: number;
  /**
   * Start with a `load` crumb (default). Off when recording starts long after the page
   * loaded (capture injected on demand): the trail then starts at the first action.
   */
  recordLoad?: boolean;
  /**
   * Actions the early collector kept before the recorder started (it starts after the page's
   * load event): replayed first, with their own time and page URL.
   */
  earlyInputs?: readonly EarlyInput[];
}

/** Longest page URL kept raw in the trail (before it is described and redacted). */
const MAX_RAW_HREF = 2000;

/** Starts recording the user's actions in `doc`. Returns the trail, `snapshot()` and `stop()`. */
export function startBreadcrumbRecorder(doc: Document, options: RecorderOptions = {}) {
  const trail = new BreadcrumbTrail(options);
  const now = trail.now;
  const win = doc.defaultView;
  const acceptUntrusted = options.acceptUntrusted ?? false;
  let lastHref = doc.location?.href ?? '';
  const listeners: Array<[EventTarget, string, (event: Event) => void]> = [];

  const listen: Listen = (target, type, handler) => {
    const guarded = (event: Event) => {
      if (!acceptUntrusted && !event.isTrusted) return;
      try {
        handler(event);
      } catch {
        // Recording must never break the page.
      }
    };
    target.addEventListener(type, guarded, { capture: true, passive: true });
    listeners.push([target, type, guarded]);
  };

  /** An action handler: live from now on, and for the early inputs replayed below. */
  const inputHandlers = new Map<string, (event: Event) => void>();
  const listenInput = (type: string, handler: (event: Event) => void) => {
    inputHandlers.set(type, handler);
    listen(doc, type, handler);
  };

  const recordRoute = (navigation: NavigationKind) => {
    const href = doc.location.href;
    if (href === lastHref) return;
    lastHref = href;
    trail.push({ kind: 'route', time: now(), location: href.slice(0, MAX_RAW_HREF), navigation });
  };

  /** Catches route changes no event told us about, before the action that follows them. */
  const checkUrl = () => {
    if (!replaying && doc.location.href !== lastHref) recordRoute('unknown');
  };

  // While an early input is replayed, its own time and URL stand for "now" and "here".
  let replaying: EarlyInput | undefined;
  const stamp = () => replaying?.time ?? now();
  const here = () => (replaying?.href ?? lastHref).slice(0, MAX_RAW_HREF);

  if (options.recordLoad ?? true) {
    trail.push({
      kind: 'load',
      time: options.loadTime ?? now(),
      location: here(),
      navigation: navigationType(win),
    });
  }

  listenInput('click', (event) => {
    checkUrl();
    const control = interactiveTarget(event.target);
    if (!control) return;
    // A click on a <label> is followed by one the browser sends to its control: record that.
    if (control.tagName === 'LABEL' && (control as HTMLLabelElement).control) return;
    const { label, role } = describeControl(control);
    if (!label && !role) return;
    trail.push({ kind: 'click', time: stamp(), label, role, location: here() });
  });

  listenInput('change', (event) => {
    checkUrl();
    const target = event.target as Element | null;
    if (target?.nodeType !== 1) return;
    const { label, role } = describeControl(target);
    trail.push({ kind: 'change', time: stamp(), label, role, location: here() });
  });

  listenInput('submit', (event) => {
    checkUrl();
    const form = event.target as HTMLFormElement | null;
    if (form?.nodeType !== 1) return;
    const submitter = (event as SubmitEvent).submitter;
    const name =
      form.getAttribute('aria-label') ||
      labelledByText(form) ||
      form.getAttribute('title') ||
      (submitter ? accessibleName(submitter) : '');
    trail.push({ kind: 'submit', time: stamp(), label: rawLabel(name), location: here() });
  });

  listenInput('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    if (key !== 'Enter' && key !== 'Escape') return;
    if ((event as KeyboardEvent).repeat || (event as KeyboardEvent).isComposing) return;
    checkUrl();
    const target = event.target as Element | null;
    const onControl = target && target.nodeType === 1 && target !== doc.body;
    const { label, role } = onControl ? describeControl(target) : { label: '', role: undefined };
    trail.push({ kind: 'key', time: stamp(), key, label, role, location: here() });
  });

  // `scroll` does not bubble; the capture phase on `document` still sees element scrolls.
  listen(doc, 'scroll', () => {
    trail.push({ kind: 'scroll', time: now(), location: here() });
  });

  listenForRoutes(win, doc, listen, recordRoute);

  const observer = observeDialogs(doc, (dialog) =>
    trail.push({
      kind: 'dialog',
      time: now(),
      label: rawLabel(dialogName(dialog)),
      role: 'dialog',
      location: here(),
    }),
  );

  for (const input of options.earlyInputs ?? []) {
    const handler = inputHandlers.get(input.event.type);
    if (!handler || (!acceptUntrusted && !input.event.isTrusted)) continue;
    replaying = input;
    try {
      handler(input.event);
    } catch {
      // Recording must never break the page.
    } finally {
      replaying = undefined;
    }
  }

  return {
    trail,
    /** The trail, oldest first; records a route change the page made since the last action. */
    snapshot(): Breadcrumb[] {
      try {
        checkUrl();
      } catch {
        // A detached document has no location.
      }
      return trail.snapshot().map(redactCrumb);
    },
    stop() {
      for (const [target, type, handler] of listeners) {
        target.removeEventListener(type, handler, { capture: true });
      }
      listeners.length = 0;
      observer?.disconnect();
    },
  };
}

export type BreadcrumbRecorder = ReturnType<typeof startBreadcrumbRecorder>;
