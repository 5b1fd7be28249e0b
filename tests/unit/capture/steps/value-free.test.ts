import { describe, expect, it } from 'vitest';
import {
  carriesValue,
  explicitRole,
  isDataElement,
  isEditable,
} from '@/utils/capture/steps/value-free';

function make(html: string): Element {
  document.body.innerHTML = html;
  const found = document.body.firstElementChild;
  if (!found) throw new Error('no element');
  return found;
}

describe('value-free rules', () => {
  it.each([
    '<input value="x">',
    '<textarea>x</textarea>',
    '<select><option>x</option></select>',
    '<div contenteditable="true">x</div>',
    '<div role="textbox">x</div>',
    '<div role="combobox">x</div>',
    '<div role="listbox">x</div>',
    '<div role="option">x</div>',
    '<div role="gridcell">x</div>',
    '<div role="row">x</div>',
    '<button aria-haspopup="listbox">x</button>',
    '<button aria-haspopup="grid">x</button>',
  ])('%s carries a value', (html) => {
    expect(carriesValue(make(html))).toBe(true);
  });

  it.each([
    '<button>x</button>',
    '<a href="/">x</a>',
    '<div role="tab">x</div>',
    '<button aria-haspopup="menu">x</button>',
    '<div contenteditable="false">x</div>',
  ])('%s carries a label', (html) => {
    expect(carriesValue(make(html))).toBe(false);
  });

  it('knows data elements, editable regions and explicit roles', () => {
    expect(isDataElement(make('<div role="cell">x</div>'))).toBe(true);
    expect(
      isDataElement(make('<select><option>x</option></select>').firstElementChild as Element),
    ).toBe(true);
    expect(isDataElement(make('<div role="button">x</div>'))).toBe(false);
    expect(isEditable(make('<div contenteditable="true">x</div>'))).toBe(true);
    expect(isEditable(make('<div>x</div>'))).toBe(false);
    expect(explicitRole(make('<div role=" MenuItem  extra">x</div>'))).toBe('');
    expect(explicitRole(make('<div role="MenuItem extra">x</div>'))).toBe('menuitem');
    expect(explicitRole(make('<div>x</div>'))).toBe('');
  });
});
