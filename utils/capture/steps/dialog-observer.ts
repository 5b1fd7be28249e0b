/**
 * Dialogs that open, for the step recorder: a <dialog> gaining `open`, or an element with a
 * dialog role being added. Attribute records are limited to `open`; added nodes cost one
 * `matches`/`querySelector` per added element subtree, in the observer's batch after the
 * page's own work (tests/bench/breadcrumbs.ts).
 */
import { labelledByText, textOf } from './element-name';

const DIALOG_SELECTOR = 'dialog[open],[role=dialog],[role=alertdialog],[aria-modal=true]';

export function isDialog(el: Element): boolean {
  if (el.tagName === 'DIALOG') return el.hasAttribute('open');
  const role = el.getAttribute('role');
  return role === 'dialog' || role === 'alertdialog' || el.getAttribute('aria-modal') === 'true';
}

/** A dialog's name (raw, not yet capped or redacted): its label, else its heading or title. */
export function dialogName(el: Element): string {
  const heading = el.querySelector('h1,h2,h3,h4,h5,h6,[role=heading]');
  return (
    el.getAttribute('aria-label') ||
    labelledByText(el) ||
    (heading ? textOf(heading) : '') ||
    el.getAttribute('title') ||
    ''
  );
}

/** Calls `onDialog` for each dialog that opens in `doc`; returns the observer to disconnect. */
export function observeDialogs(
  doc: Document,
  onDialog: (dialog: Element) => void,
): MutationObserver | undefined {
  const Observer = doc.defaultView?.MutationObserver ?? globalThis.MutationObserver;
  if (!Observer) return undefined;
  const observer = new Observer((records) => {
    try {
      for (const record of records) {
        if (record.type === 'attributes') {
          const el = record.target as Element;
          if (el.tagName === 'DIALOG' && el.hasAttribute('open')) onDialog(el);
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
          if (dialog) onDialog(dialog);
        }
      }
    } catch {
      // Recording must never break the page.
    }
  });
  observer.observe(doc, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['open'],
  });
  return observer;
}
