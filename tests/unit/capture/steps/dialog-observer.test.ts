import { afterEach, describe, expect, it } from 'vitest';
import { dialogName, isDialog, observeDialogs } from '@/utils/capture/steps/dialog-observer';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('dialog observer', () => {
  let observer: MutationObserver | undefined;
  afterEach(() => observer?.disconnect());

  it('reports dialogs added and <dialog>s opened, not other elements', async () => {
    document.body.innerHTML = '';
    const seen: string[] = [];
    observer = observeDialogs(document, (dialog) => seen.push(dialogName(dialog)));
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.innerHTML = '<h2>Scale checkout</h2>';
    document.body.append(dialog);
    const wrapper = document.createElement('section');
    wrapper.innerHTML = '<p>row</p><div aria-modal="true" title="Nested"></div>';
    document.body.append(wrapper);
    const native = document.createElement('dialog');
    native.setAttribute('aria-label', 'Confirm');
    document.body.append(native);
    await tick();
    native.setAttribute('open', '');
    document.body.append(document.createElement('p'));
    await tick();
    expect(seen).toEqual(['Scale checkout', 'Nested', 'Confirm']);
  });

  it('knows a dialog', () => {
    const make = (html: string) => {
      document.body.innerHTML = html;
      return document.body.firstElementChild as Element;
    };
    expect(isDialog(make('<dialog open></dialog>'))).toBe(true);
    expect(isDialog(make('<dialog></dialog>'))).toBe(false);
    expect(isDialog(make('<div role="alertdialog"></div>'))).toBe(true);
    expect(isDialog(make('<div></div>'))).toBe(false);
    expect(dialogName(make('<div role="dialog"><h3>Title</h3></div>'))).toBe('Title');
  });
});
