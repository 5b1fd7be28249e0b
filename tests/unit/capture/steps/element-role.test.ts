import { describe, expect, it } from 'vitest';
import { roleOf } from '@/utils/capture/steps/element-role';

function make(html: string): Element {
  document.body.innerHTML = html;
  const found = document.body.firstElementChild;
  if (!found) throw new Error('no element');
  return found;
}

describe('roleOf', () => {
  it.each([
    ['<button>x</button>', 'button'],
    ['<a href="/x">x</a>', 'link'],
    ['<a>x</a>', ''],
    ['<div role="tab">x</div>', 'tab'],
    ['<div role="Radio other">x</div>', 'radio button'],
    ['<div role="toolbar">x</div>', 'toolbar'],
    ['<div role="not-a-word!">x</div>', ''],
    ['<select><option>a</option></select>', 'drop-down'],
    ['<select multiple><option>a</option></select>', 'list'],
    ['<textarea></textarea>', 'text field'],
    ['<summary>x</summary>', 'expander'],
    ['<img alt="x">', 'image'],
    ['<label>x</label>', 'label'],
    ['<div contenteditable="true">x</div>', 'text field'],
    ['<input type="number">', 'text field'],
    ['<input>', 'text field'],
    ['<input type="password">', 'password field'],
    ['<input type="submit">', 'button'],
    ['<input type="checkbox">', 'checkbox'],
    ['<input type="radio">', 'radio button'],
    ['<input type="range">', 'slider'],
    ['<input type="file">', 'file chooser'],
    ['<input type="color">', 'color picker'],
    ['<input type="hidden">', 'field'],
    ['<p>x</p>', ''],
  ])('%s is a "%s"', (html, role) => {
    expect(roleOf(make(html))).toBe(role);
  });
});
