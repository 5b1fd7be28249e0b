import { describe, expect, it } from 'vitest';
import type { AnnotationDoc } from '@/utils/screenshot/annotations';
import { type DrawContext, drawAnnotated } from '@/utils/screenshot/flatten';

/** Records the drawing calls a canvas would get. */
function recorder() {
  const calls: string[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    lineCap: 'butt',
    font: '',
    textBaseline: 'alphabetic',
    imageSmoothingEnabled: true,
    imageSmoothingQuality: 'low',
    drawImage: (...args: unknown[]) => calls.push(`drawImage ${args.slice(1).join(',')}`),
    fillRect(x: number, y: number, w: number, h: number) {
      calls.push(`fillRect ${this.fillStyle} ${x},${y},${w},${h}`);
    },
    strokeRect: (x: number, y: number, w: number, h: number) =>
      calls.push(`strokeRect ${x},${y},${w},${h}`),
    fillText: (text: string) => calls.push(`fillText ${text}`),
    measureText: (text: string) => ({ width: text.length * 8 }),
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    closePath: () => undefined,
    stroke: () => calls.push('stroke'),
    fill: () => calls.push('fill'),
  };
  return { ctx: ctx as unknown as DrawContext, calls };
}

const image = {} as CanvasImageSource;
const size = { width: 200, height: 100 };

describe('drawAnnotated', () => {
  it('draws redactions last, as opaque black over whole pixels', () => {
    const doc: AnnotationDoc = {
      shapes: [
        { kind: 'redact', id: 'r', rect: { x: 10, y: 10, width: 30, height: 20 } },
        { kind: 'text', id: 't', at: { x: 12, y: 12 }, text: 'here', colour: '#e5004f', size: 12 },
      ],
      crop: null,
    };
    const { ctx, calls } = recorder();
    drawAnnotated(ctx, image, size, doc);
    expect(calls[0]).toBe('drawImage 0,0,200,100,0,0,200,100');
    expect(calls.at(-1)).toBe('fillRect #000000 10,10,30,20');
  });

  it('crops and shifts shapes into the cropped area', () => {
    const doc: AnnotationDoc = {
      shapes: [{ kind: 'redact', id: 'r', rect: { x: 60, y: 30, width: 10, height: 10 } }],
      crop: { x: 50, y: 20, width: 100, height: 50 },
    };
    const { ctx, calls } = recorder();
    drawAnnotated(ctx, image, size, doc);
    expect(calls).toEqual(['drawImage 50,20,100,50,0,0,100,50', 'fillRect #000000 10,10,10,10']);
  });

  it('widens a scaled-down redaction outwards', () => {
    const doc: AnnotationDoc = {
      shapes: [{ kind: 'redact', id: 'r', rect: { x: 3, y: 3, width: 3, height: 3 } }],
      crop: null,
    };
    const { ctx, calls } = recorder();
    drawAnnotated(ctx, image, size, doc, 0.5);
    expect(calls.at(-1)).toBe('fillRect #000000 1,1,2,2');
  });
});
