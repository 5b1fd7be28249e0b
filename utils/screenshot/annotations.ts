/**
 * The annotation model of a screenshot, framework-free: shapes drawn on the image, a crop,
 * and an undo/redo history. Every coordinate is in the image's own pixels (device pixels of
 * the captured tab), as integers, so a redaction covers exactly whole pixels when flattened.
 */
import * as z from 'zod/mini';

const Coord = z.int().check(z.minimum(-100_000), z.maximum(100_000));
const Size = z.int().check(z.minimum(0), z.maximum(100_000));
const Colour = z.string().check(z.regex(/^#[0-9a-f]{6}$/i));

const RectSchema = z.object({ x: Coord, y: Coord, width: Size, height: Size });
export type Rect = z.infer<typeof RectSchema>;

const ShapeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rect'), id: z.string(), rect: RectSchema, colour: Colour }),
  z.object({
    kind: z.literal('arrow'),
    id: z.string(),
    from: z.object({ x: Coord, y: Coord }),
    to: z.object({ x: Coord, y: Coord }),
    colour: Colour,
  }),
  z.object({
    kind: z.literal('text'),
    id: z.string(),
    at: z.object({ x: Coord, y: Coord }),
    text: z.string().check(z.maxLength(500)),
    colour: Colour,
    /** Font size in image pixels. */
    size: z.int().check(z.minimum(6), z.maximum(400)),
  }),
  // Opaque fill: blur or pixelation can be reversed or read, a solid fill cannot.
  z.object({ kind: z.literal('redact'), id: z.string(), rect: RectSchema }),
]);
export type Shape = z.infer<typeof ShapeSchema>;

export const AnnotationDocSchema = z.object({
  shapes: z.array(ShapeSchema).check(z.maxLength(500)),
  crop: z.nullable(RectSchema),
});
export type AnnotationDoc = z.infer<typeof AnnotationDocSchema>;

export const EMPTY_DOC: AnnotationDoc = { shapes: [], crop: null };
export const REDACT_FILL = '#000000';
export const HIGHLIGHT_COLOUR = '#e5004f';

export function isEdited(doc: AnnotationDoc): boolean {
  return doc.shapes.length > 0 || doc.crop !== null;
}

/**
 * A rectangle from two corners in any order, widened outwards to whole pixels and clipped
 * to the image. Outwards, so a redaction never leaves a half-covered pixel at its edge.
 */
export function rectFromPoints(
  a: { x: number; y: number },
  b: { x: number; y: number },
  bounds: { width: number; height: number },
): Rect {
  const left = Math.max(0, Math.floor(Math.min(a.x, b.x)));
  const top = Math.max(0, Math.floor(Math.min(a.y, b.y)));
  const right = Math.min(bounds.width, Math.ceil(Math.max(a.x, b.x)));
  const bottom = Math.min(bounds.height, Math.ceil(Math.max(a.y, b.y)));
  return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

/** The rectangle scaled by `scale`, widened outwards to whole pixels (for downscaled exports). */
export function scaleRectOutwards(rect: Rect, scale: number): Rect {
  const left = Math.floor(rect.x * scale);
  const top = Math.floor(rect.y * scale);
  const right = Math.ceil((rect.x + rect.width) * scale);
  const bottom = Math.ceil((rect.y + rect.height) * scale);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export function moveShape(shape: Shape, dx: number, dy: number): Shape {
  switch (shape.kind) {
    case 'rect':
    case 'redact':
      return { ...shape, rect: { ...shape.rect, x: shape.rect.x + dx, y: shape.rect.y + dy } };
    case 'arrow':
      return {
        ...shape,
        from: { x: shape.from.x + dx, y: shape.from.y + dy },
        to: { x: shape.to.x + dx, y: shape.to.y + dy },
      };
    case 'text':
      return { ...shape, at: { x: shape.at.x + dx, y: shape.at.y + dy } };
  }
}

export function resizeShape(shape: Shape, dw: number, dh: number): Shape {
  switch (shape.kind) {
    case 'rect':
    case 'redact':
      return {
        ...shape,
        rect: {
          ...shape.rect,
          width: Math.max(1, shape.rect.width + dw),
          height: Math.max(1, shape.rect.height + dh),
        },
      };
    case 'arrow':
      return { ...shape, to: { x: shape.to.x + dw, y: shape.to.y + dh } };
    case 'text':
      return { ...shape, size: Math.min(400, Math.max(6, shape.size + dh)) };
  }
}

export type EditAction =
  | { type: 'add'; shape: Shape }
  | { type: 'replace'; shape: Shape }
  | { type: 'remove'; id: string }
  | { type: 'crop'; rect: Rect | null };

function applyEdit(doc: AnnotationDoc, action: EditAction): AnnotationDoc {
  switch (action.type) {
    case 'add':
      return { ...doc, shapes: [...doc.shapes, action.shape] };
    case 'replace':
      return {
        ...doc,
        shapes: doc.shapes.map((shape) => (shape.id === action.shape.id ? action.shape : shape)),
      };
    case 'remove':
      return { ...doc, shapes: doc.shapes.filter((shape) => shape.id !== action.id) };
    case 'crop':
      return { ...doc, crop: action.rect && action.rect.width > 0 ? action.rect : null };
  }
}

/** Undo/redo history; immutable, so a UI keeps it in state and re-renders on change. */
export interface History {
  past: AnnotationDoc[];
  present: AnnotationDoc;
  future: AnnotationDoc[];
}

const HISTORY_LIMIT = 100;

export function createHistory(present: AnnotationDoc = EMPTY_DOC): History {
  return { past: [], present, future: [] };
}

export function edit(history: History, action: EditAction): History {
  const next = applyEdit(history.present, action);
  return {
    past: [...history.past, history.present].slice(-HISTORY_LIMIT),
    present: next,
    future: [],
  };
}

export function undo(history: History): History {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
  };
}

export function redo(history: History): History {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}

export const canUndo = (history: History) => history.past.length > 0;
export const canRedo = (history: History) => history.future.length > 0;

/** The size of the exported image: the crop when there is one, else the whole image. */
export function exportSize(
  doc: AnnotationDoc,
  image: { width: number; height: number },
): { width: number; height: number } {
  return doc.crop ? { width: doc.crop.width, height: doc.crop.height } : image;
}
