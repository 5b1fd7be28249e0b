/**
 * Encoding within a byte budget: PNG while it is small (UI shots are mostly flat colour and
 * text, which PNG keeps sharp and compact), else WebP (JPEG where the browser cannot encode
 * WebP), stepping the quality down and then the size, until the image fits both the budget
 * and the portal's upload limit.
 */
import { AppError } from '../errors';

type ImageType = 'image/png' | 'image/webp' | 'image/jpeg';

export interface EncodeBudget {
  /** Bytes per image; default 1 MB. */
  budgetBytes?: number;
  /** The portal's upload limit (`/rest/api/3/attachment/meta` uploadLimit), when known. */
  uploadLimitBytes?: number;
  /** PNG is kept up to this size; above it a lossy format is smaller at equal legibility. */
  pngBelowBytes?: number;
  /** Largest width or height; larger images are scaled down first (canvas limits). */
  maxDimension?: number;
  /**
   * Above this many pixels PNG is not tried (a UI shot that large is never under the PNG
   * limit) and JPEG is used instead of WebP: Chromium's WebP encoder took 1.7-2.6 s on a
   * 1280x5000-10000 page where JPEG takes a fraction of that (tests/bench/screenshot.ts).
   */
  largePixels?: number;
}

const DEFAULT_BUDGET = {
  budgetBytes: 1_000_000,
  pngBelowBytes: 400_000,
  maxDimension: 16_384,
  largePixels: 4_200_000,
} as const;

/** Draws the image at `scale` and encodes it; the environment provides it (OffscreenCanvas). */
type Encoder = (scale: number, type: ImageType, quality?: number) => Promise<Blob>;

export interface Encoded {
  blob: Blob;
  type: ImageType;
  scale: number;
  width: number;
  height: number;
  quality?: number;
}

const QUALITIES = [0.9, 0.75, 0.6];
/** Below this the text of a console screenshot is no longer legible; better to say so. */
const MIN_SCALE = 0.25;

function byteLimit(budget: EncodeBudget): number {
  const base = budget.budgetBytes ?? DEFAULT_BUDGET.budgetBytes;
  return budget.uploadLimitBytes !== undefined ? Math.min(base, budget.uploadLimitBytes) : base;
}

export function scaledSize(size: { width: number; height: number }, scale: number) {
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

/**
 * Finds the first encoding that fits. `original` is a PNG of the unscaled image when one
 * exists already (captureVisibleTab returns one), so the common case costs no re-encoding.
 */
export async function encodeWithinBudget(
  size: { width: number; height: number },
  encoder: Encoder,
  budget: EncodeBudget = {},
  original?: Blob,
): Promise<Encoded> {
  const limit = byteLimit(budget);
  const pngBelow = Math.min(limit, budget.pngBelowBytes ?? DEFAULT_BUDGET.pngBelowBytes);
  const maxDimension = budget.maxDimension ?? DEFAULT_BUDGET.maxDimension;
  const largePixels = budget.largePixels ?? DEFAULT_BUDGET.largePixels;
  let scale = Math.min(1, maxDimension / Math.max(size.width, size.height));

  while (scale >= MIN_SCALE) {
    const dims = scaledSize(size, scale);
    const large = dims.width * dims.height > largePixels;
    let smallest = Number.POSITIVE_INFINITY;
    if (!large || (scale === 1 && original)) {
      const png = scale === 1 && original ? original : await encoder(scale, 'image/png');
      if (png.size <= pngBelow) return { blob: png, type: 'image/png', scale, ...dims };
      smallest = png.size;
    }
    for (const quality of QUALITIES) {
      let blob = await encoder(scale, large ? 'image/jpeg' : 'image/webp', quality);
      // Browsers that cannot encode WebP silently return PNG: use JPEG there.
      if (!large && blob.type !== 'image/webp') blob = await encoder(scale, 'image/jpeg', quality);
      const type = blob.type === 'image/webp' ? 'image/webp' : 'image/jpeg';
      if (blob.size <= limit) return { blob, type, scale, quality, ...dims };
      smallest = Math.min(smallest, blob.size);
    }
    // Bytes shrink roughly with the pixel count: aim just under the limit, at least 20 % smaller.
    scale = Math.min(scale * 0.8, scale * Math.sqrt(limit / smallest) * 0.95);
  }
  throw new AppError({
    code: 'validation',
    message:
      'This image is too large to upload even when shrunk. Crop it to the part that matters and try again.',
    messageKey: 'error_imageTooLarge',
  });
}

/** Width and height from a PNG's IHDR chunk, without decoding the image. */
export async function pngSize(blob: Blob): Promise<{ width: number; height: number } | undefined> {
  const head = new DataView(await blob.slice(0, 24).arrayBuffer());
  if (head.byteLength < 24 || head.getUint32(0) !== 0x89504e47 || head.getUint32(12) !== 0x49484452)
    return undefined;
  return { width: head.getUint32(16), height: head.getUint32(20) };
}

export function dataUrlToBlob(dataUrl: string): Blob {
  const match = /^data:([^;,]+)(;base64)?,/.exec(dataUrl);
  if (!match) {
    throw new AppError({
      code: 'internal',
      message: 'The browser returned no image.',
      messageKey: 'error_noImage',
    });
  }
  const body = dataUrl.slice(match[0].length);
  if (!match[2]) return new Blob([decodeURIComponent(body)], { type: match[1] });
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: match[1] });
}

export function extensionFor(type: string): string {
  if (type === 'image/png') return 'png';
  if (type === 'image/webp') return 'webp';
  if (type === 'image/jpeg') return 'jpg';
  return 'bin';
}
