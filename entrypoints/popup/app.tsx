import { render } from 'preact';
import { PopupApp } from './PopupApp';

/** The popup's app in place of the static frame (the same frame, rendered: nothing moves). */
export function renderPopup(root: HTMLElement | null): void {
  if (!root) return;
  root.replaceChildren();
  render(<PopupApp />, root);
}
