/**
 * Flattens an image and its annotations into one picture: the crop, then highlights, arrows
 * and labels, and redactions last, as opaque fills over whole pixels, so nothing drawn later
 * can show through them and the exported file holds no trace of what they cover.
 * Works with OffscreenCanvas (background, extension pages) and with a recording context in
 * unit tests.
 */
import {
  type AnnotationDoc,
  exportSize,
  REDACT_FILL,
  type Rect,
  type Shape,
  scaleRectOutwards,
} from './annotations';
import { type EncodeBudget, type Encoded, encodeWithinBudget, scaledSize } from './encode';

/** The part of the 2D context API used here; both canvas context types satisfy it. */
export interface DrawContext {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  lineCap: CanvasLineCap;
  font: string;
  textBaseline: CanvasTextBaseline;
  imageSmoothingEnabled: boolean;
  imageSmoothingQuality: ImageSmoothingQuality;
  drawImage(
    image: CanvasImageSource,
    sx: number,
    sy: number,
    sw: number,
    sh: number,
    dx: number,
    dy: number,
    dw: number,
    dh: number,
  ): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  stroke(): void;
  fill(): void;
}

/** Shapes in their drawing order: redactions last. */
export function drawingOrder(shapes: readonly Shape[]): Shape[] {
  return [
    ...shapes.filter((shape) => shape.kind !== 'redact'),
    ...shapes.filter((shape) => shape.kind === 'redact'),
  ];
}

function drawArrow(ctx: DrawContext, shape: Extract<Shape, { kind: 'arrow' }>, k: number) {
  const fx = shape.from.x * k;
  const fy = shape.from.y * k;
  const tx = shape.to.x * k;
  const ty = shape.to.y * k;
  const width = Math.max(2, 4 * k);
  const head = Math.max(10, 18 * k);
  const angle = Math.atan2(ty - fy, tx - fx);
  ctx.strokeStyle = shape.colour;
  ctx.fillStyle = shape.colour;
  ctx.lineWidth = width;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(fx, fy);
  ctx.lineTo(tx - Math.cos(angle) * head * 0.8, ty - Math.sin(angle) * head * 0.8);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(tx, ty);
  ctx.lineTo(tx - head * Math.cos(angle - 0.45), ty - head * Math.sin(angle - 0.45));
  ctx.lineTo(tx - head * Math.cos(angle + 0.45), ty - head * Math.sin(angle + 0.45));
  ctx.closePath();
  ctx.fill();
}

function drawShape(ctx: DrawContext, shape: Shape, k: number, offset: { x: number; y: number }) {
  const moved = (rect: Rect): Rect => ({ ...rect, x: rect.x - offset.x, y: rect.y - offset.y });
  switch (shape.kind) {
    case 'rect': {
      const r = moved(shape.rect);
      const width = Math.max(2, 4 * k);
      ctx.strokeStyle = shape.colour;
      ctx.lineWidth = width;
      ctx.strokeRect(r.x * k, r.y * k, r.width * k, r.height * k);
      return;
    }
    case 'redact': {
      // Outwards to whole pixels at the export scale: no anti-aliased, half-covered edge.
      const r = scaleRectOutwards(moved(shape.rect), k);
      ctx.fillStyle = REDACT_FILL;
      ctx.fillRect(r.x, r.y, r.width, r.height);
      return;
    }
    case 'arrow':
      return drawArrow(
        ctx,
        {
          ...shape,
          from: { x: shape.from.x - offset.x, y: shape.from.y - offset.y },
          to: { x: shape.to.x - offset.x, y: shape.to.y - offset.y },
        },
        k,
      );
    case 'text': {
      const size = shape.size * k;
      const x = (shape.at.x - offset.x) * k;
      const y = (shape.at.y - offset.y) * k;
      ctx.font = `600 ${size}px system-ui, sans-serif`;
      ctx.textBaseline = 'top';
      // A light plate behind the label keeps it legible on any background.
      const pad = Math.max(2, size * 0.2);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(x - pad, y - pad, ctx.measureText(shape.text).width + 2 * pad, size + 2 * pad);
      ctx.fillStyle = shape.colour;
      ctx.fillText(shape.text, x, y);
      return;
    }
  }
}

/** Draws `image` cropped, scaled by `scale`, with the annotations, onto `ctx` at (0, 0). */
export function drawAnnotated(
  ctx: DrawContext,
  image: CanvasImageSource,
  imageSize: { width: number; height: number },
  doc: AnnotationDoc,
  scale = 1,
): void {
  const area = doc.crop ?? { x: 0, y: 0, ...imageSize };
  const out = scaledSize(area, scale);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, area.x, area.y, area.width, area.height, 0, 0, out.width, out.height);
  for (const shape of drawingOrder(doc.shapes)) drawShape(ctx, shape, scale, area);
}

interface ImageSource {
  image: CanvasImageSource;
  width: number;
  height: number;
}

/** Renders and encodes the annotated image within the budget, with OffscreenCanvas. */
export function flattenToBlob(
  source: ImageSource,
  doc: AnnotationDoc,
  budget: EncodeBudget = {},
  original?: Blob,
): Promise<Encoded> {
  const size = exportSize(doc, source);
  return encodeWithinBudget(
    size,
    async (scale, type, quality) => {
      const out = scaledSize(size, scale);
      const canvas = new OffscreenCanvas(out.width, out.height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('No 2D canvas context');
      drawAnnotated(ctx, source.image, source, doc, scale);
      return canvas.convertToBlob({ type, quality });
    },
    budget,
    original,
  );
}
