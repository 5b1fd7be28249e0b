import { beforeEach, describe, expect, it } from 'vitest';
import {
  accessibleName,
  describeControl,
  interactiveTarget,
  labelledByText,
  rawLabel,
  textOf,
} from '@/utils/capture/steps/element-name';
import { VALUE_BEARING_PAGE } from './value-bearing-page';

function el<T extends Element = HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

describe('accessibleName', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <button id="b1">  Scale
        deployment </button>
      <button id="b2" aria-label="Close dialog"><svg></svg></button>
      <span id="lbl">Namespace</span><select id="s1" aria-labelledby="lbl"><option>payments-secret</option></select>
      <label>Replicas <input id="replicas" type="number" value="3"></label>
      <label for="pw">Password</label><input id="pw" type="password" value="hunter2">
      <a id="a1" href="/x"><img alt="Cluster logo"> Home</a>
      <input id="submit" type="submit" value="Create">
      <input id="reset" type="reset">
      <input id="search" type="search" placeholder="Filter pods">
      <div id="ed" contenteditable="true" aria-label="Notes">typed secret words</div>
      <div id="tb" role="textbox">also typed</div>
      <button id="titled" title="Refresh"></button>
      <button id="long">${'x'.repeat(500)}</button>
    `;
  });

  it('uses visible text, aria-label and aria-labelledby', () => {
    expect(accessibleName(el('#b1')).replace(/\s+/g, ' ').trim()).toBe('Scale deployment');
    expect(accessibleName(el('#b2'))).toBe('Close dialog');
    expect(accessibleName(el('#s1'))).toBe('Namespace');
    expect(accessibleName(el('#a1'))).toBe('Cluster logo Home');
    expect(accessibleName(el('#titled'))).toBe('Refresh');
  });

  it('names fields by their label, caption or placeholder, never by their value', () => {
    expect(accessibleName(el('#replicas')).trim()).toBe('Replicas');
    expect(accessibleName(el('#pw'))).toBe('Password');
    expect(accessibleName(el('#submit'))).toBe('Create');
    expect(accessibleName(el('#reset'))).toBe('Reset');
    expect(accessibleName(el('#search'))).toBe('Filter pods');
    expect(accessibleName(el('#ed'))).toBe('Notes');
    expect(accessibleName(el('#tb'))).toBe('');
  });

  it('caps long text cheaply', () => {
    expect(accessibleName(el('#long')).length).toBeLessThanOrEqual(121);
    expect(rawLabel(accessibleName(el('#long')))).toHaveLength(60);
  });
});

describe('textOf and labelledByText', () => {
  it('skip hidden text, form values and editable regions', () => {
    document.body.innerHTML = `
      <div id="root">Deploy <span aria-hidden="true">icon</span><input value="typed">
        <span contenteditable="true">note</span><img alt="now"></div>
      <span id="l1">Name</span><input id="field" value="secret-value">
      <button id="by" aria-labelledby="l1 field by">x</button>`;
    expect(textOf(el('#root'))).toBe('Deploy now');
    // A field, or the element itself, names nothing.
    expect(labelledByText(el('#by')).trim()).toBe('Name');
  });
});

describe('interactiveTarget and describeControl', () => {
  it('finds the control a click is about, or nothing', () => {
    document.body.innerHTML = `
      <button id="b"><span id="inner">Save</span></button>
      <p id="plain">Just text</p>
      <div id="ed" contenteditable="true"><a id="link" href="/x">link</a></div>`;
    expect(interactiveTarget(el('#inner'))?.id).toBe('b');
    expect(interactiveTarget(el('#inner').firstChild)?.id).toBe('b');
    expect(interactiveTarget(el('#plain'))).toBeUndefined();
    expect(interactiveTarget(null)).toBeUndefined();
    // Inside an editable region everything is the user's text: the region is the target.
    expect(interactiveTarget(el('#link'))?.id).toBe('ed');
    expect(describeControl(el('#b'))).toEqual({ label: 'Save', role: 'button' });
    expect(describeControl(el('#plain'))).toEqual({ label: 'Just text' });
  });
});

describe('steps never carry values: names', () => {
  it('names nothing by a value, also when asked directly', () => {
    document.body.innerHTML = VALUE_BEARING_PAGE;
    for (const id of ['ed', 'self', 'combo', 'by-editable', 'opt', 'cell', 'row', 'titled', 'lb']) {
      expect(accessibleName(el(`#${id}`))).not.toMatch(/value|choice/);
    }
  });
});
