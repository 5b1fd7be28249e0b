/** The human role word of an element ("button", "link", "text field"…) for a step. */
import { explicitRole, isEditable } from './value-free';

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

/** The role word of an `<input>` by its type. */
function inputRole(type: string): string {
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

/** The role word of an element: explicit `role`, else implied by its tag and type. */
export function roleOf(el: Element): string {
  const explicit = explicitRole(el);
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
    case 'INPUT':
      return inputRole((el.getAttribute('type') ?? '').toLowerCase());
    default:
      return '';
  }
}
