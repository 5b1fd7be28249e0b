import type { Page } from '@playwright/test';
import { launchExtensionBrowser, openPopupFor, openSection, tabIdOf } from '../support/browser';
import { expect, test } from './fixtures';

interface StoredShot {
  id: string;
  source: string;
  note?: string;
  width: number;
  height: number;
  originalBlobId: string;
  uploadBlobId: string;
  uploadType: string;
  annotations: {
    shapes: { kind: string; rect?: { x: number; y: number; width: number; height: number } }[];
  };
}

/** The tab's stored screenshot list, read the way the composer will: from storage.local. */
async function storedShots(popup: Page, tabId: number): Promise<StoredShot[]> {
  return popup.evaluate(async (id) => {
    const key = `tabScreenshots:${id}`;
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const all = await api.storage.local.get(key);
    return (all[key] ?? []) as StoredShot[];
  }, tabId);
}

interface PixelQuery {
  blobId: string;
  points?: { x: number; y: number }[];
  /** Counts pixels in this rectangle that differ from `rgb`. */
  rect?: { x: number; y: number; width: number; height: number };
  rgb?: [number, number, number];
}

/** Decodes a stored blob inside the extension (IndexedDB is per origin) and reads pixels. */
async function readPixels(popup: Page, query: PixelQuery) {
  return popup.evaluate(async (q) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('support-capture');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const record = await new Promise<{ blob: Blob; type: string }>((resolve, reject) => {
      const get = db.transaction('blobs').objectStore('blobs').get(q.blobId);
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error);
    });
    db.close();
    const bitmap = await createImageBitmap(record.blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no canvas');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const at = (x: number, y: number) => {
      const i = (y * bitmap.width + x) * 4;
      return [data[i], data[i + 1], data[i + 2], data[i + 3]];
    };
    let mismatches = 0;
    let checked = 0;
    if (q.rect && q.rgb) {
      for (let y = q.rect.y; y < q.rect.y + q.rect.height; y += 1) {
        for (let x = q.rect.x; x < q.rect.x + q.rect.width; x += 1) {
          const [r, g, b, a] = at(x, y);
          checked += 1;
          if (r !== q.rgb[0] || g !== q.rgb[1] || b !== q.rgb[2] || a !== 255) mismatches += 1;
        }
      }
    }
    return {
      width: bitmap.width,
      height: bitmap.height,
      type: record.type,
      points: (q.points ?? []).map((p) => at(p.x, p.y)),
      checked,
      mismatches,
    };
  }, query);
}

const list = (popup: Page) => popup.getByRole('list', { name: 'Screenshots and files' });

for (const dpr of [1, 2]) {
  test(`the visible screenshot is viewport x DPR and exact in colour at DPR ${dpr}`, async ({
    consoleServer,
  }) => {
    const extension = await launchExtensionBrowser({
      deviceScaleFactor: dpr,
      args: [`--force-device-scale-factor=${dpr}`],
    });
    try {
      const page = await extension.context.newPage();
      await page.goto(consoleServer.url('/pages/screenshot-box.html'));
      const viewport = await page.evaluate(() => ({
        width: innerWidth,
        height: innerHeight,
        dpr: devicePixelRatio,
      }));
      expect(viewport.dpr).toBe(dpr);
      const tabId = await tabIdOf(extension, page);
      // Opening the popup takes the screenshot of the tab it was opened for.
      const popup = await openPopupFor(extension, page);
      await openSection(popup, 'Screenshots and files');
      await expect(list(popup).getByRole('listitem')).toHaveCount(1);
      const [shot] = await storedShots(popup, tabId);
      if (!shot) throw new Error('no screenshot stored');
      expect(shot.source).toBe('visible');
      expect([shot.width, shot.height]).toEqual([viewport.width * dpr, viewport.height * dpr]);
      // The green box is at CSS (100, 80), 200 x 120: sample its centre and just inside its
      // corners, scaled to device pixels; and white just outside.
      const pixels = await readPixels(popup, {
        blobId: shot.uploadBlobId,
        points: [
          { x: 200 * dpr, y: 140 * dpr },
          { x: 100 * dpr + 1, y: 80 * dpr + 1 },
          { x: 300 * dpr - 2, y: 200 * dpr - 2 },
          { x: 100 * dpr - 2, y: 80 * dpr - 2 },
        ],
      });
      expect([pixels.width, pixels.height]).toEqual([1280 * dpr, 720 * dpr]);
      expect(pixels.points.slice(0, 3)).toEqual([
        [0, 170, 85, 255],
        [0, 170, 85, 255],
        [0, 170, 85, 255],
      ]);
      expect(pixels.points[3]).toEqual([255, 255, 255, 255]);
    } finally {
      await extension.close();
    }
  });
}

test('a full page of a page three screens tall reaches its bottom marker', async ({
  openPagePopup,
}) => {
  const { tabId, popup } = await openPagePopup('/pages/screenshot-tall.html');
  await expect(list(popup).getByRole('listitem')).toHaveCount(1);
  await popup.getByRole('button', { name: 'Full page' }).click();
  await expect(popup.getByRole('status')).toContainText('Full page added', { timeout: 30_000 });
  const shots = await storedShots(popup, tabId);
  const full = shots[1];
  if (!full) throw new Error('no full page stored');
  expect(full.source).toBe('full-page');
  expect(full.height).toBe(2160);
  const pixels = await readPixels(popup, {
    blobId: full.uploadBlobId,
    points: [
      { x: 640, y: 2160 - 50 },
      { x: 640, y: 2160 - 10 },
    ],
  });
  for (const [r, g, b] of pixels.points) {
    expect(Math.abs((r ?? 0) - 230) + Math.abs(g ?? 0) + Math.abs((b ?? 0) - 180)).toBeLessThan(30);
  }
});

test('a page styled with oklch() renders instead of throwing', async ({
  extension,
  consoleServer,
  openPopup,
}) => {
  const page = await extension.context.newPage();
  await page.goto(consoleServer.url('/pages/screenshot-oklch.html'));
  // Make it taller than the window, so a rendering (not the visible capture) is needed.
  await page.evaluate(() => {
    document.body.style.minHeight = '1500px';
  });
  const tabId = await tabIdOf(extension, page);
  const popup = await openPopup(page);
  await openSection(popup, 'Screenshots and files');
  await expect(list(popup).getByRole('listitem')).toHaveCount(1);
  await popup.getByRole('button', { name: 'Full page' }).click();
  await expect(popup.getByRole('status')).toContainText('Full page added', { timeout: 30_000 });
  const full = (await storedShots(popup, tabId))[1];
  if (!full) throw new Error('no full page stored');
  expect(full.source).toBe('full-page');
  expect(full.note).toBeUndefined();
  // The swatch, oklch(62.8% 0.2577 29.23) = sRGB red, at CSS (16..216, 64..184) roughly.
  const swatchTop = await page.evaluate(
    () => document.getElementById('swatch')?.getBoundingClientRect().top ?? 0,
  );
  const pixels = await readPixels(popup, {
    blobId: full.uploadBlobId,
    points: [{ x: 116, y: Math.round(swatchTop) + 60 }],
  });
  const [r, g, b] = pixels.points[0] ?? [];
  expect(r).toBeGreaterThan(220);
  expect(g).toBeLessThan(40);
  expect(b).toBeLessThan(40);
});

/** Drags on the editor's canvas between two points given as fractions of its size. */
async function drag(popup: Page, from: [number, number], to: [number, number]) {
  const surface = popup.getByRole('application', { name: 'Screenshot canvas' });
  await surface.scrollIntoViewIfNeeded();
  const box = await surface.boundingBox();
  if (!box) throw new Error('no canvas');
  await popup.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await popup.mouse.down();
  await popup.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 4 });
  await popup.mouse.up();
}

test('a redaction is solid in the exported image, and the export is what gets uploaded', async ({
  openPagePopup,
}) => {
  const { tabId, popup } = await openPagePopup('/pages/screenshot-box.html');
  await list(popup).getByRole('button', { name: 'Edit Screenshot 1' }).click();
  await popup.getByRole('button', { name: 'Redact' }).click();
  // Over the token text at CSS (400, 80).
  await drag(popup, [0.3, 0.1], [0.75, 0.16]);
  await expect(popup.getByRole('status')).toHaveText('Saved');

  const [shot] = await storedShots(popup, tabId);
  if (!shot) throw new Error('no screenshot stored');
  const redaction = shot.annotations.shapes.find((shape) => shape.kind === 'redact');
  if (!redaction?.rect) throw new Error('no redaction stored');
  expect(redaction.rect.width).toBeGreaterThan(100);
  expect(shot.uploadBlobId).not.toBe(shot.originalBlobId);

  const upload = await readPixels(popup, {
    blobId: shot.uploadBlobId,
    rect: redaction.rect,
    rgb: [0, 0, 0],
  });
  expect(upload.checked).toBe(redaction.rect.width * redaction.rect.height);
  expect(upload.mismatches).toBe(0);
  // The original (kept for re-editing only) still shows the text there.
  const original = await readPixels(popup, {
    blobId: shot.originalBlobId,
    rect: redaction.rect,
    rgb: [0, 0, 0],
  });
  expect(original.mismatches).toBeGreaterThan(0);
});

test('five captures requested in quick succession all succeed', async ({
  extension,
  consoleServer,
  openPopup,
}) => {
  const page = await extension.context.newPage();
  await page.goto(consoleServer.url('/pages/screenshot-box.html'));
  const popup = await openPopup(page);
  await openSection(popup, 'Screenshots and files');
  await expect(list(popup).getByRole('listitem')).toHaveCount(1);
  const add = popup.getByRole('button', { name: 'Add screenshot' });
  for (let i = 0; i < 5; i += 1) await add.click();
  await expect(list(popup).getByRole('listitem')).toHaveCount(6, { timeout: 20_000 });
  await expect(popup.getByRole('alert')).toHaveCount(0);
});

test('closing and reopening the popup keeps the screenshots and their annotations', async ({
  extension,
  consoleServer,
  openPopup,
}) => {
  const page = await extension.context.newPage();
  await page.goto(consoleServer.url('/pages/screenshot-box.html'));
  let popup = await openPopup(page);
  await openSection(popup, 'Screenshots and files');
  await list(popup).getByRole('button', { name: 'Edit Screenshot 1' }).click();
  await popup.getByRole('button', { name: 'Rectangle' }).click();
  await drag(popup, [0.05, 0.05], [0.3, 0.3]);
  await expect(popup.getByRole('status')).toHaveText('Saved');
  await popup.getByRole('button', { name: 'Redact' }).click();
  // By keyboard: Enter adds a redaction in the middle.
  await popup.getByRole('application', { name: 'Screenshot canvas' }).press('Enter');
  await expect(popup.getByRole('status')).toHaveText('Saved');
  await popup.getByLabel('Attach file').setInputFiles({
    name: 'console.log',
    mimeType: 'text/plain',
    buffer: Buffer.from('GET /api/pods 500\n'),
  });
  await expect(list(popup)).toContainText('console.log');
  await popup.close();

  popup = await openPopup(page);
  await openSection(popup, 'Screenshots and files');
  const items = list(popup).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('redacted');
  await expect(items.nth(1)).toContainText('console.log');
  await list(popup).getByRole('button', { name: 'Edit Screenshot 1' }).click();
  const layer = popup.getByTestId('annotation-layer');
  await expect(layer.locator('[data-kind="rect"]')).toHaveCount(1);
  await expect(layer.locator('[data-kind="redact"]')).toHaveCount(1);
  // A reopened editor starts its undo history at what was saved.
  await expect(popup.getByRole('button', { name: 'Undo' })).toBeDisabled();
});
