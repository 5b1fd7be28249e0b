import { describe, expect, it } from 'vitest';
import {
  AnnotationDocSchema,
  canRedo,
  canUndo,
  createHistory,
  edit,
  exportSize,
  rectFromPoints,
  redo,
  type Shape,
  scaleRectOutwards,
  undo,
} from '@/utils/screenshot/annotations';

const redaction: Shape = {
  kind: 'redact',
  id: 'r1',
  rect: { x: 10, y: 10, width: 50, height: 20 },
};
const highlight: Shape = {
  kind: 'rect',
  id: 'h1',
  rect: { x: 0, y: 0, width: 5, height: 5 },
  colour: '#e5004f',
};

describe('annotation model', () => {
  it.each([
    // Corners in any order; fractional device pixels widen outwards.
    [
      { x: 10.6, y: 20.2 },
      { x: 30.1, y: 40.9 },
      { x: 10, y: 20, width: 21, height: 21 },
    ],
    [
      { x: 30, y: 40 },
      { x: 10, y: 20 },
      { x: 10, y: 20, width: 20, height: 20 },
    ],
    // Clipped to the image.
    [
      { x: -5, y: -5 },
      { x: 120, y: 90 },
      { x: 0, y: 0, width: 100, height: 80 },
    ],
  ])('rectFromPoints(%o, %o) = %o', (a, b, expected) => {
    expect(rectFromPoints(a, b, { width: 100, height: 80 })).toEqual(expected);
  });

  it('scales a redaction outwards so no edge pixel is half covered', () => {
    expect(scaleRectOutwards({ x: 3, y: 3, width: 3, height: 3 }, 0.5)).toEqual({
      x: 1,
      y: 1,
      width: 2,
      height: 2,
    });
  });

  it('undoes and redoes edits, and a new edit clears the redo list', () => {
    let history = createHistory();
    history = edit(history, { type: 'add', shape: redaction });
    history = edit(history, { type: 'add', shape: highlight });
    expect(history.present.shapes).toHaveLength(2);
    history = undo(history);
    expect(history.present.shapes).toEqual([redaction]);
    expect(canRedo(history)).toBe(true);
    history = redo(history);
    expect(history.present.shapes).toHaveLength(2);
    history = undo(undo(history));
    expect(canUndo(history)).toBe(false);
    history = edit(history, { type: 'crop', rect: { x: 0, y: 0, width: 40, height: 30 } });
    expect(canRedo(history)).toBe(false);
    expect(exportSize(history.present, { width: 100, height: 80 })).toEqual({
      width: 40,
      height: 30,
    });
  });

  it('validates stored documents', () => {
    expect(AnnotationDocSchema.safeParse({ shapes: [redaction], crop: null }).success).toBe(true);
    expect(
      AnnotationDocSchema.safeParse({ shapes: [{ kind: 'redact', id: 'x' }], crop: null }).success,
    ).toBe(false);
  });
});
