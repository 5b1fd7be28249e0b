/**
 * The value-free rules of the step recorder: which elements' text is what the user typed or
 * chose (a value) rather than a label. Steps never carry values, so these rules run in the
 * page, before anything leaves it.
 */

/** Elements whose text is a value (typed or chosen), not a label. */
const NO_TEXT = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'SCRIPT', 'STYLE', 'TEMPLATE']);

/** Custom widgets whose text is what the user typed or chose. */
const VALUE_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton', 'listbox']);

/**
 * Roles whose text is data (a choice, a table's content): recorded by their role alone, never
 * by their name or text.
 */
const DATA_ROLES = new Set(['option', 'gridcell', 'cell', 'row', 'rowheader', 'treeitem']);

/** The root of an editable region (everything inside it is the user's text). */
export const EDITABLE_ROOT = '[contenteditable]:not([contenteditable=false])';

/** The first token of an element's explicit `role`, lower-cased ('' when none). */
export function explicitRole(el: Element): string {
  return el.getAttribute('role')?.split(/\s+/)[0]?.toLowerCase() ?? '';
}

export function isEditable(el: Element): boolean {
  return (el as HTMLElement).isContentEditable === true;
}

/** Options, cells and rows: their role is the step, their text is data. */
export function isDataElement(el: Element): boolean {
  return DATA_ROLES.has(explicitRole(el)) || el.tagName === 'OPTION';
}

/**
 * Whether an element's own text is a value rather than a label: fields, editable regions,
 * custom text boxes and selects (a button opening a listbox shows the chosen value), options,
 * cells and rows.
 */
export function carriesValue(el: Element): boolean {
  if (NO_TEXT.has(el.tagName) || isEditable(el)) return true;
  const role = explicitRole(el);
  if (VALUE_ROLES.has(role) || DATA_ROLES.has(role)) return true;
  const popup = el.getAttribute('aria-haspopup');
  return popup === 'listbox' || popup === 'grid' || popup === 'tree';
}
