import { describe, expect, it } from 'vitest';
import { AppError } from '@/utils/errors';
import { encodeWithinBudget, pngSize } from '@/utils/screenshot/encode';

type Encoder = Parameters<typeof encodeWithinBudget>[1];

/** Sizes proportional to pixels: PNG 1 byte/px, WebP 0.3 byte/px at q0.9 (less at lower q). */
function fakeEncoder(size: { width: number; height: number }, webp = true) {
  const calls: string[] = [];
  const encoder: Encoder = async (scale, type, quality) => {
    calls.push(`${type}@${scale.toFixed(2)}${quality ? `q${quality}` : ''}`);
    const pixels = size.width * size.height * scale * scale;
    const actual = type === 'image/webp' && !webp ? 'image/png' : type;
    const perPixel = actual === 'image/png' ? 1 : (quality ?? 1) * 0.33;
    return new Blob([new Uint8Array(Math.round(pixels * perPixel))], { type: actual });
  };
  return { encoder, calls };
}

describe('encodeWithinBudget', () => {
  it('keeps a small PNG as it is, without re-encoding', async () => {
    const { encoder, calls } = fakeEncoder({ width: 100, height: 100 });
    const original = new Blob([new Uint8Array(5_000)], { type: 'image/png' });
    const result = await encodeWithinBudget({ width: 100, height: 100 }, encoder, {}, original);
    expect(result.blob).toBe(original);
    expect(result.type).toBe('image/png');
    expect(calls).toEqual([]);
  });

  it('switches to WebP when the PNG is large', async () => {
    const { encoder } = fakeEncoder({ width: 1000, height: 1000 });
    const result = await encodeWithinBudget({ width: 1000, height: 1000 }, encoder);
    expect(result.type).toBe('image/webp');
    expect(result.scale).toBe(1);
    expect(result.blob.size).toBeLessThanOrEqual(1_000_000);
  });

  it('uses JPEG where the browser cannot encode WebP', async () => {
    const { encoder } = fakeEncoder({ width: 1000, height: 1000 }, false);
    const result = await encodeWithinBudget({ width: 1000, height: 1000 }, encoder);
    expect(result.type).toBe('image/jpeg');
  });

  it('scales down to fit the portal upload limit', async () => {
    const size = { width: 4000, height: 3000 };
    const { encoder } = fakeEncoder(size);
    const result = await encodeWithinBudget(size, encoder, { uploadLimitBytes: 500_000 });
    expect(result.scale).toBeLessThan(1);
    expect(result.blob.size).toBeLessThanOrEqual(500_000);
    expect(result.width).toBe(Math.round(4000 * result.scale));
  });

  it('says what to do when even a shrunk image cannot fit', async () => {
    const size = { width: 4000, height: 3000 };
    const { encoder } = fakeEncoder(size);
    const error = await encodeWithinBudget(size, encoder, { uploadLimitBytes: 1_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain('Crop it');
  });

  it('reads the size of a PNG from its header', async () => {
    const bytes = new Uint8Array(24);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 0x89504e47);
    view.setUint32(12, 0x49484452);
    view.setUint32(16, 2560);
    view.setUint32(20, 1440);
    expect(await pngSize(new Blob([bytes]))).toEqual({ width: 2560, height: 1440 });
    expect(await pngSize(new Blob([new Uint8Array(24)]))).toBeUndefined();
  });
});
