/**
 * The breadcrumb recorder: what the user did in the page in the last few minutes, for a
 * drafted "steps to reproduce". Runs in the ISOLATED world, started by the page-context
 * script (registered at `document_start` on allowed origins only).
 *
 * Privacy: it records names of controls, never what is in them: no input values, no typed
 * text, no key other than Enter and Escape, nothing from password fields or editable
 * regions. Every label and location passes through `redact()` in `snapshot()`, before the
 * trail leaves the recorder; the hot path only keeps capped raw text in this script's memory,
 * because redaction (dozens of patterns) is the costliest step and most crumbs are never sent.
 *
 * Cost: passive capture-phase listeners on `document`; a click reads attributes and a capped
 * run of text under the clicked control (`closest()` to find it), never layout
 * (no getBoundingClientRect, getComputedStyle or innerText). See tests/bench/breadcrumbs.ts.
 */

import * as z from 'zod/mini';
import { redact } from '../privacy/redact';
import type { EarlyInput } from './early-collector';

export const BREADCRUMB_LIMITS = {
  /** Entries kept. */
  maxCrumbs: 100,
  /** Entries older than this are dropped (ms). */
  maxAgeMs: 5 * 60_000,
  /** Characters of a label before redaction. */
  labelChars: 60,
  /** Characters of a stored label or location (after redaction, which may lengthen it). */
  storedChars: 200,
  /** Identical consecutive actions closer than this are folded into one entry (ms). */
  foldWithinMs: 5_000,
} as const;

export const BreadcrumbKindSchema = z.enum([
  /** The page (re)loaded: a full navigation. */
  'load',
  /** An in-app route change (history API, hash) or a traversal. */
  'route',
  'click',
  /** A field was changed (never its value). */
  'change',
  'submit',
  /** Enter or Escape. */
  'key',
  'dialog',
  'scroll',
]);
export type BreadcrumbKind = z.infer<typeof BreadcrumbKindSchema>;

const shortText = z.string().check(z.maxLength(BREADCRUMB_LIMITS.storedChars));

/**
 * One user action. Crosses content script -> background -> popup, so it is validated at each
 * hop; a page can forge DOM events, so it is only ever shown as text.
 */
export const BreadcrumbSchema = z.object({
  kind: BreadcrumbKindSchema,
  /** Epoch milliseconds of the first occurrence. */
  time: z.number(),
  /** Epoch milliseconds of the last occurrence, when folded. */
  lastTime: z.optional(z.number()),
  count: z._default(z.int().check(z.minimum(1)), 1),
  /** Accessible name or visible text of the control (redacted), or a dialog's title. */
  label: z._default(shortText, ''),
  /** Human role word: "button", "link", "text field"... */
  role: z.optional(z.string().check(z.maxLength(40))),
  /** `Enter` or `Escape` for key crumbs. */
  key: z.optional(z.enum(['Enter', 'Escape'])),
  /** Path and hash of the page (query values removed, redacted): the new one for routes. */
  location: shortText,
  /** How a route or load happened. */
  navigation: z.optional(z.enum(['navigate', 'push', 'replace', 'traverse', 'reload', 'unknown'])),
});
export type Breadcrumb = z.infer<typeof BreadcrumbSchema>;

const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Capped, single-line text for a label, not yet redacted (the hot path). */
export const rawLabel = (text: string): string => cut(squash(text), BREADCRUMB_LIMITS.labelChars);

/** Redacted, capped, single-line text for a label. */
export function cleanLabel(text: string): string {
  const raw = rawLabel(text);
  // Users click the same few controls again and again: remember recent results, since
  // redact() runs many patterns. Bounded; cleared when full.
  const known = labelCache.get(raw);
  if (known !== undefined) return known;
  const clean = cut(redact(raw), BREADCRUMB_LIMITS.storedChars);
  if (labelCache.size >= 200) labelCache.clear();
  labelCache.set(raw, clean);
  return clean;
}

const labelCache = new Map<string, string>();

/**
 * A location as it appears in a step: path and hash, with query values dropped (search boxes
 * often put typed text there) and the rest redacted. `/search?q=…&page=…#/x`
 */
export function describeLocation(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return '';
  }
  const dropValues = (query: string) =>
    query
      .split('&')
      .filter(Boolean)
      .map((pair) => `${decodeSafe(pair.split('=')[0] ?? '')}=…`)
      .join('&');
  const query = url.search.length > 1 ? `?${dropValues(url.search.slice(1))}` : '';
  let hash = url.hash;
  const hashQuery = hash.indexOf('?');
  if (hashQuery >= 0) hash = `${hash.slice(0, hashQuery)}?${dropValues(hash.slice(hashQuery + 1))}`;
  return cut(redact(`${decodeSafe(url.pathname)}${query}${hash}`), BREADCRUMB_LIMITS.storedChars);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Accessible name and role, cheaply. Not the full accname algorithm: attributes first, then a
// capped walk over text nodes, and never anything a user typed.

/** Controls a click is about; the first such ancestor of the target is the one recorded. */
const INTERACTIVE = [
  'a[href]',
  'button',
  'input',
  'select',
  'textarea',
  'summary',
  'label',
  ...[
    'button',
    'link',
    'checkbox',
    'radio',
    'switch',
    'tab',
    'menuitem',
    'menuitemcheckbox',
    'menuitemradio',
    'option',
    'treeitem',
    'combobox',
    'textbox',
    'searchbox',
    'slider',
    'spinbutton',
    'gridcell',
    'row',
  ].map((role) => `[role=${role}]`),
  '[contenteditable]:not([contenteditable=false])',
  '[onclick]',
  '[tabindex="0"]',
].join(',');

const EDITABLE_ROOT = '[contenteditable]:not([contenteditable=false])';

const ROLE_WORDS: Record<string, string> = {
  button: 'button',
  link: 'link',
  checkbox: 'checkbox',
  radio: 'radio button',
  switch: 'switch',
  tab: 'tab',
  menuitem: 'menu item',
  menuitemcheckbox: 'menu item',
  menuitemradio: 'menu item',
  option: 'option',
  textbox: 'text field',
  searchbox: 'search field',
  combobox: 'combo box',
  listbox: 'list',
  slider: 'slider',
  spinbutton: 'text field',
  treeitem: 'tree item',
  row: 'row',
  gridcell: 'cell',
  cell: 'cell',
  columnheader: 'column header',
  dialog: 'dialog',
  alertdialog: 'dialog',
  heading: 'heading',
  img: 'image',
};

const TEXT_INPUT_TYPES = new Set([
  'text',
  'number',
  'email',
  'tel',
  'url',
  'search',
  'date',
  'datetime-local',
  'month',
  'week',
  'time',
  '',
]);

/** Custom widgets whose text is what the user typed or chose. */
const VALUE_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton', 'listbox']);

/**
 * Roles whose text is data (a choice, a table's content): recorded by their role alone, never
 * by their name or text.
 */
const DATA_ROLES = new Set(['option', 'gridcell', 'cell', 'row', 'rowheader', 'treeitem']);

/**
 * Whether an element's own text is a value rather than a label: fields, editable regions,
 * custom text boxes and selects (a button opening a listbox shows the chosen value), options,
 * cells and rows.
 */
function carriesValue(el: Element): boolean {
  if (NO_TEXT.has(el.tagName) || isEditable(el)) return true;
  const role = el.getAttribute('role')?.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (VALUE_ROLES.has(role) || DATA_ROLES.has(role)) return true;
  const popup = el.getAttribute('aria-haspopup');
  return popup === 'listbox' || popup === 'grid' || popup === 'tree';
}

/** Elements whose text is a value (typed or chosen), not a label. */
const NO_TEXT = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'SCRIPT', 'STYLE', 'TEMPLATE']);

/** The role word of an element: explicit `role`, else implied by its tag and type. */
export function roleOf(el: Element): string {
  const explicit = el.getAttribute('role')?.split(/\s+/)[0]?.toLowerCase();
  if (explicit) return ROLE_WORDS[explicit] ?? (/^[a-z]{1,30}$/.test(explicit) ? explicit : '');
  if (isEditable(el)) return 'text field';
  switch (el.tagName) {
    case 'A':
      return el.hasAttribute('href') ? 'link' : '';
    case 'BUTTON':
      return 'button';
    case 'SELECT':
      return (el as HTMLSelectElement).multiple ? 'list' : 'drop-down';
    case 'TEXTAREA':
      return 'text field';
    case 'SUMMARY':
      return 'expander';
    case 'IMG':
      return 'image';
    case 'LABEL':
      return 'label';
    case 'INPUT': {
      const type = (el.getAttribute('type') ?? '').toLowerCase();
      if (type === 'password') return 'password field';
      if (TEXT_INPUT_TYPES.has(type)) return 'text field';
      if (type === 'button' || type === 'submit' || type === 'reset' || type === 'image')
        return 'button';
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio button';
      if (type === 'range') return 'slider';
      if (type === 'file') return 'file chooser';
      if (type === 'color') return 'color picker';
      return 'field';
    }
    default:
      return '';
  }
}

function isEditable(el: Element): boolean {
  return (el as HTMLElement).isContentEditable === true;
}

/** Up to `max` characters of the text under `root`, skipping form values and editable regions. */
export function textOf(root: Node, max: number = BREADCRUMB_LIMITS.labelChars): string {
  let out = '';
  const visit = (node: Node): boolean => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        out += (child.nodeValue ?? '').slice(0, max * 2);
        if (out.length > max * 2) return false;
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (el.getAttribute('aria-hidden') === 'true' || carriesValue(el)) continue;
        if (el.tagName === 'IMG') {
          out += ` ${el.getAttribute('alt') ?? ''} `;
          continue;
        }
        out += ' ';
        if (!visit(el)) return false;
      }
    }
    return true;
  };
  visit(root);
  return squash(out);
}

/**
 * The text of the elements `aria-labelledby` names. An element labelled by itself or by a
 * field, an editable region or a select would name itself by its value (a custom select
 * points at its own shown choice): those references count for nothing.
 */
function labelledByText(el: Element): string {
  const ids = el.getAttribute('aria-labelledby');
  if (!ids) return '';
  const doc = el.ownerDocument;
  return ids
    .split(/\s+/)
    .map((id) => {
      const target = id ? doc.getElementById(id) : null;
      if (!target || target === el || carriesValue(target)) return '';
      return target.getAttribute('aria-label') ?? textOf(target);
    })
    .join(' ');
}

/**
 * A cheap accessible name: aria-label, aria-labelledby, the field's <label>, alt,
 * placeholder, then visible text (not for fields or editable regions, whose text is the
 * user's). Options, cells and rows get none: their role is the step. A field's `title` is
 * left out too: pages put the current value there. Unredacted: callers pass it through
 * `cleanLabel`.
 */
export function accessibleName(el: Element): string {
  const role = el.getAttribute('role')?.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (DATA_ROLES.has(role) || el.tagName === 'OPTION') return '';
  const aria = el.getAttribute('aria-label');
  if (aria?.trim()) return aria;
  const labelledBy = labelledByText(el);
  if (labelledBy.trim()) return labelledBy;
  const tag = el.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
    const labels = (el as HTMLInputElement).labels;
    const label = labels && labels.length > 0 ? textOf(labels[0] as Node) : '';
    if (label) return label;
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    // A button input's value is its author-given caption, not user data.
    if (tag === 'INPUT' && (type === 'button' || type === 'submit' || type === 'reset')) {
      return el.getAttribute('value') ?? (type === 'reset' ? 'Reset' : 'Submit');
    }
    if (tag === 'INPUT' && type === 'image') return el.getAttribute('alt') ?? '';
    return el.getAttribute('placeholder') ?? el.getAttribute('name') ?? el.id ?? '';
  }
  if (tag === 'IMG') return el.getAttribute('alt') ?? el.getAttribute('title') ?? '';
  // Labelled by itself: the author exposes what it shows (a custom select's choice) as its name.
  const selfLabelled = el.getAttribute('aria-labelledby')?.split(/\s+/).includes(el.id) ?? false;
  if (carriesValue(el) || (el.id && selfLabelled)) return el.getAttribute('aria-placeholder') ?? '';
  const text = textOf(el);
  return text || (el.getAttribute('title') ?? '');
}

/** The control a click is about (or undefined for clicks on nothing in particular). */
export function interactiveTarget(target: EventTarget | null): Element | undefined {
  if (!target || (target as Node).nodeType !== 1) {
    const parent = (target as Node | null)?.parentElement;
    return parent ? interactiveTarget(parent) : undefined;
  }
  const el = target as Element;
  // Inside an editable region everything (links included) is the user's text: name the region.
  if (isEditable(el)) return el.closest(EDITABLE_ROOT) ?? el;
  return el.closest(INTERACTIVE) ?? undefined;
}

/** Label and role of a control, cleaned for storage. */
export function describeControl(el: Element): { label: string; role?: string } {
  const role = roleOf(el);
  return { label: rawLabel(accessibleName(el)), ...(role ? { role } : {}) };
}

// ---------------------------------------------------------------------------------------------
// The trail

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

// ---------------------------------------------------------------------------------------------
// The recorder

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

function isDialog(el: Element): boolean {
  if (el.tagName === 'DIALOG') return el.hasAttribute('open');
  const role = el.getAttribute('role');
  return role === 'dialog' || role === 'alertdialog' || el.getAttribute('aria-modal') === 'true';
}

/** Longest page URL kept raw in the trail (before it is described and redacted). */
const MAX_RAW_HREF = 2000;

const DIALOG_SELECTOR = 'dialog[open],[role=dialog],[role=alertdialog],[aria-modal=true]';

/** Minimal typing of the Navigation API (not in TypeScript's DOM lib yet). */
interface NavigationLike extends EventTarget {
  addEventListener(
    type: 'currententrychange',
    listener: (event: Event & { navigationType?: string | null }) => void,
  ): void;
}

/**
 * Starts recording the user's actions in `doc`. Returns the trail and `stop()`.
 *
 * Route changes: the ISOLATED world cannot see the page's `history.pushState` calls, but the
 * Navigation API's events reach it. Measured in headless Chromium 156: an isolated content
 * script's `navigation.addEventListener('currententrychange')` fires for the page's
 * pushState (type "push"), replaceState ("replace"), hash links and back/forward
 * ("traverse"), with `location` already updated; `popstate`/`hashchange` fire only for
 * traversals and hash changes. Where `navigation` is missing (older Firefox), `popstate` and
 * `hashchange` plus a URL check before each recorded action catch the rest, late but in order.
 * https://developer.mozilla.org/docs/Web/API/Navigation/currententrychange_event
 */
export function startBreadcrumbRecorder(doc: Document, options: RecorderOptions = {}) {
  const trail = new BreadcrumbTrail(options);
  const now = trail.now;
  const win = doc.defaultView;
  const acceptUntrusted = options.acceptUntrusted ?? false;
  let lastHref = doc.location?.href ?? '';
  const listeners: Array<[EventTarget, string, (event: Event) => void]> = [];

  const listen = (target: EventTarget, type: string, handler: (event: Event) => void) => {
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
  const listenInput = (type: string, handler: (event: Event) => void) => {
    inputHandlers.set(type, handler);
    listen(doc, type, handler);
  };

  const navigationType = (): Breadcrumb['navigation'] => {
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
  };

  const recordRoute = (navigation: Breadcrumb['navigation']) => {
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
  const inputHandlers = new Map<string, (event: Event) => void>();

  if (options.recordLoad ?? true) {
    trail.push({
      kind: 'load',
      time: options.loadTime ?? now(),
      location: here(),
      navigation: navigationType(),
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

  listen(win ?? doc, 'popstate', () => recordRoute('traverse'));
  listen(win ?? doc, 'hashchange', () => recordRoute('push'));

  let navigation: NavigationLike | undefined;
  try {
    navigation = (win as { navigation?: NavigationLike } | null)?.navigation;
  } catch {
    navigation = undefined;
  }
  if (navigation) {
    listen(navigation, 'currententrychange', (event) => {
      const type = (event as Event & { navigationType?: string | null }).navigationType;
      recordRoute(
        type === 'push' || type === 'replace' || type === 'traverse' || type === 'reload'
          ? type
          : 'unknown',
      );
    });
  }

  // Dialogs: a <dialog> gaining `open`, or an element with a dialog role being added.
  // Attribute records are limited to `open`; added nodes cost one `matches`/`querySelector`
  // per added element subtree, in the observer's batch after the page's own work.
  const recordDialog = (el: Element) => {
    const heading = el.querySelector('h1,h2,h3,h4,h5,h6,[role=heading]');
    const name =
      el.getAttribute('aria-label') ||
      labelledByText(el) ||
      (heading ? textOf(heading) : '') ||
      el.getAttribute('title') ||
      '';
    trail.push({
      kind: 'dialog',
      time: now(),
      label: rawLabel(name),
      role: 'dialog',
      location: here(),
    });
  };
  const Observer = win?.MutationObserver ?? globalThis.MutationObserver;
  const observer = Observer
    ? new Observer((records) => {
        try {
          for (const record of records) {
            if (record.type === 'attributes') {
              const el = record.target as Element;
              if (el.tagName === 'DIALOG' && el.hasAttribute('open')) recordDialog(el);
              continue;
            }
            for (const node of record.addedNodes) {
              if (node.nodeType !== 1) continue;
              const el = node as Element;
              // Cheap checks first: most added elements are leaves or small rows.
              const dialog = isDialog(el)
                ? el
                : el.firstElementChild
                  ? el.querySelector(DIALOG_SELECTOR)
                  : null;
              if (dialog) recordDialog(dialog);
            }
          }
        } catch {
          // Recording must never break the page.
        }
      })
    : undefined;
  observer?.observe(doc, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['open'],
  });

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

/** The stored form of a crumb the recorder kept raw: label and location redacted and capped. */
export function redactCrumb(crumb: Breadcrumb): Breadcrumb {
  return {
    ...crumb,
    label: cleanLabel(crumb.label),
    location: describeLocationCached(crumb.location),
  };
}

const locationCache = new Map<string, string>();
function describeLocationCached(href: string): string {
  const known = locationCache.get(href);
  if (known !== undefined) return known;
  const described = describeLocation(href);
  if (locationCache.size >= 200) locationCache.clear();
  locationCache.set(href, described);
  return described;
}

/** Whether steps may be recorded on `origin`: always-on capture allowed, recording not off. */
export function recordingAllowed(
  origin: string,
  allowedOrigins: readonly string[],
  recordingOffOrigins: readonly string[],
): boolean {
  return allowedOrigins.includes(origin) && !recordingOffOrigins.includes(origin);
}
