/**
 * Naming an element for a step, cheaply. Not the full accname algorithm: attributes first,
 * then a capped walk over text nodes, and never anything a user typed (value-free.ts).
 * Names are raw here (capped, not redacted): crumb-redaction.ts redacts them before the trail
 * leaves the recorder.
 */

import { roleOf } from './element-role';
import { BREADCRUMB_LIMITS } from './limits';
import { carriesValue, EDITABLE_ROOT, isDataElement, isEditable } from './value-free';

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
  EDITABLE_ROOT,
  '[onclick]',
  '[tabindex="0"]',
].join(',');

export const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Capped, single-line text for a label, not yet redacted (the hot path). */
export const rawLabel = (text: string): string => cut(squash(text), BREADCRUMB_LIMITS.labelChars);

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
export function labelledByText(el: Element): string {
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

/** A form field's name: its <label>, a button's caption, else placeholder, name or id. */
function fieldName(el: Element): string {
  const tag = el.tagName;
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

/**
 * A cheap accessible name: aria-label, aria-labelledby, the field's <label>, alt,
 * placeholder, then visible text (not for fields or editable regions, whose text is the
 * user's). Options, cells and rows get none: their role is the step. A field's `title` is
 * left out too: pages put the current value there. Unredacted: callers pass it through
 * `cleanLabel` (crumb-redaction.ts).
 */
export function accessibleName(el: Element): string {
  if (isDataElement(el)) return '';
  const aria = el.getAttribute('aria-label');
  if (aria?.trim()) return aria;
  const labelledBy = labelledByText(el);
  if (labelledBy.trim()) return labelledBy;
  const tag = el.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return fieldName(el);
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

/** Label (raw, capped) and role of a control. */
export function describeControl(el: Element): { label: string; role?: string } {
  const role = roleOf(el);
  return { label: rawLabel(accessibleName(el)), ...(role ? { role } : {}) };
}
