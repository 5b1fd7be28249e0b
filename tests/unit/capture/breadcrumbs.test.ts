import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  accessibleName,
  type BreadcrumbRecorder,
  BreadcrumbSchema,
  BreadcrumbTrail,
  describeLocation,
  recordingAllowed,
  roleOf,
  startBreadcrumbRecorder,
} from '@/utils/capture/breadcrumbs';

const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

function el<T extends Element = HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

const click = (target: Element) =>
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
const key = (target: Element, name: string) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));

describe('accessible name and role', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <button id="b1">  Scale
        deployment </button>
      <button id="b2" aria-label="Close dialog"><svg></svg></button>
      <span id="lbl">Namespace</span><select id="s1" aria-labelledby="lbl"><option>payments-secret</option></select>
      <label>Replicas <input id="replicas" type="number" value="3"></label>
      <label for="pw">Password</label><input id="pw" type="password" value="hunter2">
      <a id="a1" href="/x"><img alt="Cluster logo"> Home</a>
      <div id="d1" role="tab">Overview</div>
      <input id="submit" type="submit" value="Create">
      <div id="ed" contenteditable="true" aria-label="Notes">typed secret words</div>
      <div id="tb" role="textbox">also typed</div>
      <button id="long">${'x'.repeat(500)}</button>
    `;
  });

  it('uses visible text, aria-label and aria-labelledby', () => {
    expect(accessibleName(el('#b1')).replace(/\s+/g, ' ').trim()).toBe('Scale deployment');
    expect(accessibleName(el('#b2'))).toBe('Close dialog');
    expect(accessibleName(el('#s1'))).toBe('Namespace');
    expect(accessibleName(el('#a1'))).toBe('Cluster logo Home');
    expect(roleOf(el('#b1'))).toBe('button');
    expect(roleOf(el('#a1'))).toBe('link');
    expect(roleOf(el('#d1'))).toBe('tab');
    expect(roleOf(el('#s1'))).toBe('drop-down');
  });

  it('names fields by their label, never by their value', () => {
    expect(accessibleName(el('#replicas')).trim()).toBe('Replicas');
    expect(roleOf(el('#replicas'))).toBe('text field');
    expect(accessibleName(el('#pw'))).toBe('Password');
    expect(roleOf(el('#pw'))).toBe('password field');
    expect(accessibleName(el('#submit'))).toBe('Create');
    expect(accessibleName(el('#ed'))).toBe('Notes');
    expect(accessibleName(el('#tb'))).toBe('');
  });

  it('caps long text cheaply', () => {
    expect(accessibleName(el('#long')).length).toBeLessThanOrEqual(121);
  });
});

describe('describeLocation', () => {
  it('keeps path and hash, drops query values', () => {
    expect(
      describeLocation('https://c.example/ns/payments?q=typed%20text&page=2#/pods?filter=abc'),
    ).toBe('/ns/payments?q=…&page=…#/pods?filter=…');
    expect(describeLocation('https://c.example/')).toBe('/');
    expect(describeLocation('not a url')).toBe('');
  });
});

describe('BreadcrumbTrail', () => {
  it('folds identical consecutive actions and bounds count and age', () => {
    let now = 1_000;
    const trail = new BreadcrumbTrail({ maxCrumbs: 3, maxAgeMs: 10_000, now: () => now });
    const clickAt = (time: number, label: string) =>
      trail.push({ kind: 'click', time, label, role: 'button', location: '/' });
    clickAt(1_000, 'Save');
    clickAt(2_000, 'Save');
    clickAt(3_000, 'Save');
    expect(trail.snapshot()).toEqual([
      expect.objectContaining({ label: 'Save', count: 3, time: 1_000, lastTime: 3_000 }),
    ]);
    clickAt(4_000, 'A');
    clickAt(5_000, 'B');
    clickAt(6_000, 'C');
    expect(trail.snapshot().map((crumb) => crumb.label)).toEqual(['A', 'B', 'C']);
    expect(trail.dropped).toBe(1);
    now = 15_500;
    expect(trail.snapshot().map((crumb) => crumb.label)).toEqual(['C']);
  });

  it('does not fold the same click far apart in time', () => {
    const trail = new BreadcrumbTrail();
    trail.push({ kind: 'click', time: 0, label: 'Save', location: '/' });
    trail.push({ kind: 'click', time: 60_000, label: 'Save', location: '/' });
    expect(trail.size).toBe(2);
  });
});

describe('startBreadcrumbRecorder', () => {
  let recorder: BreadcrumbRecorder;
  let now = 10_000;

  beforeEach(() => {
    now = 10_000;
    window.history.replaceState({}, '', '/console');
    document.body.innerHTML = `
      <form id="f" aria-label="Scale">
        <label>Replicas <input id="replicas" type="number" value="3"></label>
        <label>Password <input id="pw" type="password"></label>
        <button id="save" type="submit">Save ${JWT}</button>
      </form>
      <button id="scale" type="button"><span>Scale deployment</span></button>
      <p id="plain">Just text</p>
    `;
    recorder = startBreadcrumbRecorder(document, { acceptUntrusted: true, now: () => now++ });
  });
  afterEach(() => recorder.stop());

  it('starts with the load and records clicks with role and name', () => {
    click(el('#scale span'));
    click(el('#plain'));
    const crumbs = recorder.snapshot();
    expect(crumbs[0]).toMatchObject({ kind: 'load', location: '/console' });
    expect(crumbs[1]).toMatchObject({ kind: 'click', role: 'button', label: 'Scale deployment' });
    // A click on nothing in particular is not a step.
    expect(crumbs).toHaveLength(2);
    for (const crumb of crumbs) expect(BreadcrumbSchema.safeParse(crumb).success).toBe(true);
  });

  it('redacts labels', () => {
    click(el('#save'));
    const label = recorder.snapshot()[1]?.label ?? '';
    expect(label).not.toContain('eyJ');
    expect(label).toContain('[redacted:jwt]');
  });

  it('records fields, Enter and Escape without any typed text', () => {
    const replicas = el<HTMLInputElement>('#replicas');
    const password = el<HTMLInputElement>('#pw');
    click(replicas);
    replicas.value = '987654';
    replicas.dispatchEvent(new Event('change', { bubbles: true }));
    click(password);
    password.value = 'hunter2-secret';
    key(password, 'h');
    key(password, 'Enter');
    key(password, 'Escape');
    password.dispatchEvent(new Event('change', { bubbles: true }));
    const crumbs = recorder.snapshot();
    const json = JSON.stringify(crumbs);
    expect(json).not.toContain('987654');
    expect(json).not.toContain('hunter2');
    expect(crumbs.slice(1).map((c) => [c.kind, c.role, c.label.trim(), c.key])).toEqual([
      ['click', 'text field', 'Replicas', undefined],
      ['change', 'text field', 'Replicas', undefined],
      ['click', 'password field', 'Password', undefined],
      ['key', 'password field', 'Password', 'Enter'],
      ['key', 'password field', 'Password', 'Escape'],
      ['change', 'password field', 'Password', undefined],
    ]);
  });

  it('records a click on a <label> once, as a click on its field', () => {
    click(el('#f label'));
    const clicks = recorder.snapshot().filter((c) => c.kind === 'click');
    // happy-dom forwards the label's click to the field, as browsers do.
    expect(clicks.every((c) => c.role === 'text field')).toBe(true);
  });

  it('records submissions with the form name', () => {
    el<HTMLFormElement>('#f').dispatchEvent(new Event('submit', { bubbles: true }));
    expect(recorder.snapshot()[1]).toMatchObject({ kind: 'submit', label: 'Scale' });
  });

  it('sees route changes before the next action, and on popstate', () => {
    window.history.pushState({}, '', '/workloads');
    click(el('#scale'));
    window.history.pushState({}, '', '/deployments?name=secret');
    window.dispatchEvent(new PopStateEvent('popstate'));
    const crumbs = recorder.snapshot();
    expect(crumbs.map((c) => [c.kind, c.location])).toEqual([
      ['load', '/console'],
      ['route', '/workloads'],
      ['click', '/workloads'],
      ['route', '/deployments?name=…'],
    ]);
  });

  it('folds scrolls into one entry', () => {
    for (let i = 0; i < 50; i += 1) document.dispatchEvent(new Event('scroll'));
    const crumbs = recorder.snapshot();
    expect(crumbs[1]).toMatchObject({ kind: 'scroll', count: 50 });
    expect(crumbs).toHaveLength(2);
  });

  it('records dialogs that open', async () => {
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.innerHTML = '<h2>Scale checkout</h2>';
    document.body.append(dialog);
    const native = document.createElement('dialog');
    native.setAttribute('aria-label', 'Confirm');
    document.body.append(native);
    native.setAttribute('open', '');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const dialogs = recorder.snapshot().filter((c) => c.kind === 'dialog');
    expect(dialogs.map((c) => c.label)).toEqual(['Scale checkout', 'Confirm']);
  });

  it('ignores events the page made up unless told otherwise', () => {
    recorder.stop();
    recorder = startBreadcrumbRecorder(document);
    click(el('#scale'));
    expect(recorder.snapshot().map((c) => c.kind)).toEqual(['load']);
  });

  it('stops listening', () => {
    recorder.stop();
    click(el('#scale'));
    expect(recorder.snapshot()).toHaveLength(1);
  });
});

describe('steps never carry values', () => {
  let recorder: BreadcrumbRecorder;
  const VALUES = [
    'typed-note-value',
    'self-labelled-value',
    'custom-select-choice',
    'labelled-by-editable',
    'option-value',
    'cell-value',
    'row-value',
    'textarea-value',
    'title-value',
    'listbox-choice',
  ];

  beforeEach(() => {
    document.body.innerHTML = `
      <div id="ed" contenteditable="true">typed-note-value <a href="/x">link inside</a></div>
      <div id="self" role="button" tabindex="0" aria-labelledby="self">self-labelled-value</div>
      <span id="sel-label">Namespace</span>
      <button id="custom" aria-haspopup="listbox" aria-labelledby="sel-label custom">custom-select-choice</button>
      <div id="combo" role="combobox" tabindex="0" aria-labelledby="combo">custom-select-choice</div>
      <div id="note" contenteditable="true">labelled-by-editable</div>
      <button id="by-editable" aria-labelledby="note">x</button>
      <ul role="listbox" aria-label="Namespaces">
        <li id="opt" role="option" aria-label="option-value">option-value</li>
      </ul>
      <div role="grid" aria-label="Pods">
        <div id="row" role="row" aria-label="row-value"><span id="cell" role="gridcell">cell-value</span></div>
      </div>
      <label for="ta">Description</label><textarea id="ta">textarea-value</textarea>
      <input id="titled" type="text" title="title-value" value="title-value">
      <div id="lb" role="listbox" tabindex="0" aria-labelledby="lb">listbox-choice</div>
    `;
    recorder = startBreadcrumbRecorder(document, { acceptUntrusted: true, now: () => 1 });
  });
  afterEach(() => recorder.stop());

  it('records the role of each control and none of their values', () => {
    for (const id of [
      'ed',
      'self',
      'custom',
      'combo',
      'by-editable',
      'opt',
      'cell',
      'row',
      'ta',
      'titled',
      'lb',
    ]) {
      const target = el(`#${id}`);
      click(target);
      key(target, 'Enter');
      target.dispatchEvent(new Event('change', { bubbles: true }));
    }
    click(el('#ed a'));
    const crumbs = recorder.snapshot();
    const json = JSON.stringify(crumbs);
    for (const value of VALUES) expect(json).not.toContain(value);
    const clicks = crumbs.filter((c) => c.kind === 'click');
    expect(clicks.map((c) => c.role)).toEqual([
      'text field',
      'button',
      'button',
      'combo box',
      'button',
      'option',
      'cell',
      'row',
      'text field',
      'text field',
      'list',
      'text field',
    ]);
    // Labels that are not values are kept.
    expect(clicks[2]?.label.trim()).toBe('Namespace');
    expect(clicks[8]?.label.trim()).toBe('Description');
  });

  it('names nothing by a value, also when asked directly', () => {
    for (const id of ['ed', 'self', 'combo', 'by-editable', 'opt', 'cell', 'row', 'titled', 'lb']) {
      expect(accessibleName(el(`#${id}`))).not.toMatch(/value|choice/);
    }
  });
});

describe('recordingAllowed', () => {
  it('needs an allowed origin where recording is not off', () => {
    expect(recordingAllowed('https://a', ['https://a'], [])).toBe(true);
    expect(recordingAllowed('https://a', ['https://a'], ['https://a'])).toBe(false);
    expect(recordingAllowed('https://b', ['https://a'], [])).toBe(false);
  });
});
