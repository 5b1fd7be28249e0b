import { options, render } from 'preact';
import { PopupApp } from './PopupApp';

// Effects run once a render has committed, not after the next frame is painted (Preact's
// default): the composer's effects start reads and messages one after another (the draft,
// then the desk's types, then the type's fields), and each frame waited for delayed the
// pre-filled form by a frame. The DOM is committed when they run (scrolling into view works).
// https://preactjs.com/guide/v10/hooks/#useeffect
options.requestAnimationFrame = (callback) => setTimeout(callback);

/** The popup's app in place of the static frame (the same frame, rendered: nothing moves). */
export function renderPopup(root: HTMLElement | null): void {
  if (!root) return;
  root.replaceChildren();
  render(<PopupApp />, root);
}
