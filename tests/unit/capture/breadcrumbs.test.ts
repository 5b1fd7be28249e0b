import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BreadcrumbRecorder,
  BreadcrumbSchema,
  recordingAllowed,
  startBreadcrumbRecorder,
} from '@/utils/capture/breadcrumbs';
import { PAGE_VALUES, VALUE_BEARING_PAGE } from './steps/value-bearing-page';

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

  beforeEach(() => {
    document.body.innerHTML = VALUE_BEARING_PAGE;
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
    for (const value of PAGE_VALUES) expect(json).not.toContain(value);
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
});

describe('recordingAllowed', () => {
  it('needs an allowed origin where recording is not off', () => {
    expect(recordingAllowed('https://a', ['https://a'], [])).toBe(true);
    expect(recordingAllowed('https://a', ['https://a'], ['https://a'])).toBe(false);
    expect(recordingAllowed('https://b', ['https://a'], [])).toBe(false);
  });
});
