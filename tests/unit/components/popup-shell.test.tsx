import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupFrame } from '@/components/ui/PopupFrame';

afterEach(cleanup);

const ROOT = join(import.meta.dirname, '..', '..', '..');
const html = readFileSync(join(ROOT, 'entrypoints', 'popup', 'index.html'), 'utf8');

/** The header's markup, whitespace between tags removed, as the browser would build it. */
function headerOf(markup: string): string {
  const box = document.createElement('div');
  box.innerHTML = markup;
  const header = box.querySelector('header');
  if (!header) throw new Error('no header');
  return header.outerHTML.replace(/>\s+</g, '><').replace(/\s+</g, '<').replace(/>\s+/g, '>');
}

describe('the popup page before its scripts run', () => {
  it('shows the same header as the rendered frame, so nothing moves when the app takes over', () => {
    const { container } = render(<PopupFrame>{null}</PopupFrame>);
    const staticApp = /<div id="app">([\s\S]*?)<\/div>\s*<script/.exec(html)?.[1] ?? '';
    expect(headerOf(staticApp)).toBe(headerOf(container.innerHTML));
  });

  it('has the frame and its scrolling body, marked busy', () => {
    const box = document.createElement('div');
    box.innerHTML = /<div id="app">([\s\S]*)<\/div>/.exec(html)?.[1] ?? '';
    expect(box.querySelector('.popup[aria-busy="true"] > main.popup-body')).not.toBeNull();
  });
});
