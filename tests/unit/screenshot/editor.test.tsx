import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScreenshotEditor } from '@/components/screenshot/ScreenshotEditor';
import { EMPTY_DOC } from '@/utils/screenshot/annotations';

afterEach(cleanup);

function setup() {
  const onChange = vi.fn();
  render(
    <ScreenshotEditor
      imageUrl="blob:test"
      width={1280}
      height={720}
      name="screenshot.png"
      initial={EMPTY_DOC}
      onChange={onChange}
      onClose={() => undefined}
    />,
  );
  return { onChange, canvas: screen.getByRole('application', { name: 'Screenshot canvas' }) };
}

describe('ScreenshotEditor by keyboard', () => {
  it('has a named button for every tool and for undo and redo', () => {
    setup();
    for (const name of ['Rectangle', 'Arrow', 'Text', 'Redact', 'Crop', 'Undo', 'Redo']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    expect(screen.getByRole('button', { name: 'Undo' }).hasAttribute('disabled')).toBe(true);
  });

  it('adds a redaction with Enter, moves it with the arrows and undoes with Ctrl+Z', () => {
    const { onChange, canvas } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Redact' }));
    fireEvent.keyDown(canvas, { key: 'Enter' });
    const added = onChange.mock.lastCall?.[0];
    expect(added.shapes).toEqual([
      { kind: 'redact', id: expect.any(String), rect: { x: 480, y: 270, width: 320, height: 180 } },
    ]);
    fireEvent.keyDown(canvas, { key: 'ArrowRight' });
    expect(onChange.mock.lastCall?.[0].shapes[0].rect.x).toBe(480 + 13);
    fireEvent.keyDown(canvas, { key: 'z', ctrlKey: true });
    fireEvent.keyDown(canvas, { key: 'z', ctrlKey: true });
    expect(onChange.mock.lastCall?.[0]).toEqual(EMPTY_DOC);
    fireEvent.keyDown(canvas, { key: 'y', ctrlKey: true });
    expect(onChange.mock.lastCall?.[0].shapes).toHaveLength(1);
  });
});
