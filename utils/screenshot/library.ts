/**
 * A tab's screenshots and attached files: records in `tabScreenshotsItem`, bytes in the blob
 * store. The background is the only writer, one change at a time, so two captures finishing
 * together cannot drop each other from the list.
 */
import {
  type BlobInfo,
  deleteBlob,
  deleteOwner,
  getBlob,
  listOwners,
  moveOwner,
  putBlob,
} from '../blob-store';
import { AppError } from '../errors';
import { type AnnotationDoc, EMPTY_DOC, isEdited } from './annotations';
import { type EncodeBudget, extensionFor } from './encode';
import { flattenToBlob } from './flatten';
import { screenshotTabIds, tabScreenshotsItem } from './items';
import { type NoteWords, type Screenshot, type ScreenshotSource, tabOwner } from './model';

/** Largest attached file; bigger logs and HARs should be trimmed or zipped first. */
const MAX_FILE_BYTES = 25 * 1024 * 1024;
const MAX_ITEMS_PER_TAB = 20;

let lock: Promise<unknown> = Promise.resolve();

/** Runs read-modify-write changes of the lists one after another. */
function serial<T>(task: () => Promise<T>): Promise<T> {
  const result = lock.then(task);
  lock = result.catch(() => undefined);
  return result;
}

async function update(
  tabId: number,
  change: (list: Screenshot[]) => Screenshot[] | Promise<Screenshot[]>,
): Promise<Screenshot[]> {
  const item = tabScreenshotsItem(tabId);
  const next = await change(await item.get());
  await item.set(next);
  return next;
}

export function listScreenshots(tabId: number): Promise<Screenshot[]> {
  return tabScreenshotsItem(tabId).get();
}

function tooMany(): AppError {
  return new AppError({
    code: 'validation',
    message: `A request can carry ${MAX_ITEMS_PER_TAB} screenshots and files. Remove one to add another.`,
    messageKey: 'error_tooManyItems',
    values: [String(MAX_ITEMS_PER_TAB)],
  });
}

interface NewImage {
  blob: Blob;
  width: number;
  height: number;
  source: Exclude<ScreenshotSource, 'file'>;
  note?: string;
  noteWords?: NoteWords[];
}

function timestampName(prefix: string, type: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return `${prefix}-${stamp}.${extensionFor(type)}`;
}

/** Adds an item for bytes just stored; not annotated yet, so it uploads the original. */
async function append(
  tabId: number,
  stored: BlobInfo,
  item: Pick<Screenshot, 'name' | 'source' | 'note' | 'noteWords' | 'width' | 'height'>,
): Promise<Screenshot> {
  const screenshot: Screenshot = {
    id: crypto.randomUUID(),
    ...item,
    originalBlobId: stored.id,
    uploadBlobId: stored.id,
    uploadType: stored.type,
    uploadBytes: stored.size,
    annotations: EMPTY_DOC,
    createdAt: Date.now(),
  };
  await update(tabId, (list) => [...list, screenshot]);
  return screenshot;
}

export function addImage(tabId: number, image: NewImage): Promise<Screenshot> {
  return serial(async () => {
    if ((await listScreenshots(tabId)).length >= MAX_ITEMS_PER_TAB) throw tooMany();
    const name = timestampName(
      image.source === 'visible' ? 'screenshot' : 'full-page',
      image.blob.type,
    );
    const stored = await putBlob({ owner: tabOwner(tabId), blob: image.blob, name });
    const { source, note, noteWords, width, height } = image;
    return append(tabId, stored, {
      name,
      source,
      note,
      ...(noteWords?.length ? { noteWords } : {}),
      width,
      height,
    });
  });
}

/** Records a file the popup put into the blob store (the bytes never travel in a message). */
export function addFile(tabId: number, blobId: string): Promise<Screenshot> {
  return serial(async () => {
    const stored = await getBlob(blobId);
    if (stored === undefined || stored.owner !== tabOwner(tabId)) {
      throw new AppError({
        code: 'not-found',
        message: 'The attached file could not be read back. Attach it again.',
        messageKey: 'error_fileUnreadable',
      });
    }
    if (stored.size > MAX_FILE_BYTES) {
      await deleteBlob(blobId);
      throw new AppError({
        code: 'validation',
        message: `"${stored.name}" is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB. Trim or compress it, then attach it again.`,
        messageKey: 'error_fileTooLarge',
        values: [stored.name, String(MAX_FILE_BYTES / 1024 / 1024)],
      });
    }
    if ((await listScreenshots(tabId)).length >= MAX_ITEMS_PER_TAB) {
      await deleteBlob(blobId);
      throw tooMany();
    }
    return append(tabId, stored, { name: stored.name, source: 'file', width: 0, height: 0 });
  });
}

function findOrFail(list: Screenshot[], id: string): Screenshot {
  const found = list.find((entry) => entry.id === id);
  if (!found) {
    throw new AppError({
      code: 'not-found',
      message: 'That screenshot is gone (it was removed in another window). Reopen the popup.',
      messageKey: 'error_screenshotGone',
    });
  }
  return found;
}

/**
 * Saves the annotations and stores the flattened export as the image to upload. Once the
 * image is edited (and always once something is redacted) the upload is the export, never
 * the original.
 */
export function saveAnnotations(
  tabId: number,
  id: string,
  annotations: AnnotationDoc,
  budget: EncodeBudget = {},
): Promise<Screenshot> {
  return serial(async () => {
    const current = findOrFail(await listScreenshots(tabId), id);
    if (current.source === 'file') {
      throw new AppError({
        code: 'validation',
        message: 'Files cannot be annotated.',
        messageKey: 'error_fileNotAnnotatable',
      });
    }
    let upload = { id: current.originalBlobId, type: current.uploadType, size: 0 };
    const original = await getBlob(current.originalBlobId);
    if (!original) {
      throw new AppError({
        code: 'storage',
        message: 'The screenshot image is missing from local storage. Take it again.',
        messageKey: 'error_screenshotMissing',
      });
    }
    upload = { id: original.id, type: original.type, size: original.size };
    if (isEdited(annotations)) {
      const bitmap = await createImageBitmap(original.blob);
      try {
        const encoded = await flattenToBlob(
          { image: bitmap, width: bitmap.width, height: bitmap.height },
          annotations,
          budget,
        );
        const stored = await putBlob({
          owner: tabOwner(tabId),
          blob: encoded.blob,
          name: current.name.replace(/\.\w+$/, `-edited.${extensionFor(encoded.type)}`),
          // Overwrite the previous export in place.
          id: current.uploadBlobId !== current.originalBlobId ? current.uploadBlobId : undefined,
        });
        upload = { id: stored.id, type: stored.type, size: stored.size };
      } finally {
        bitmap.close();
      }
    } else if (current.uploadBlobId !== current.originalBlobId) {
      await deleteBlob(current.uploadBlobId);
    }
    const next: Screenshot = {
      ...current,
      annotations,
      uploadBlobId: upload.id,
      uploadType: upload.type,
      uploadBytes: upload.size,
    };
    await update(tabId, (list) => list.map((entry) => (entry.id === id ? next : entry)));
    return next;
  });
}

export function removeScreenshot(tabId: number, id: string): Promise<Screenshot[]> {
  return serial(async () => {
    const current = findOrFail(await listScreenshots(tabId), id);
    await deleteBlob(current.originalBlobId);
    if (current.uploadBlobId !== current.originalBlobId) await deleteBlob(current.uploadBlobId);
    return update(tabId, (list) => list.filter((entry) => entry.id !== id));
  });
}

/** Deletes a tab's screenshots and files: the list and the bytes. */
export function clearTabScreenshots(tabId: number): Promise<void> {
  return serial(async () => {
    await tabScreenshotsItem(tabId).remove();
    await deleteOwner(tabOwner(tabId));
  });
}

/** Moves a tab's screenshots to another tab, after the ones it has (a draft taken over). */
export function moveTabScreenshots(from: number, to: number): Promise<void> {
  return serial(async () => {
    const moving = await listScreenshots(from);
    if (moving.length === 0) return;
    await moveOwner(tabOwner(from), tabOwner(to));
    await update(to, (list) => [
      ...list,
      ...moving.filter((m) => !list.some((e) => e.id === m.id)),
    ]);
    await tabScreenshotsItem(from).remove();
  });
}

/** Deletes the bytes of tabs that have no list any more (a clean-up that was cut short). */
export function deleteOrphanBlobs(): Promise<void> {
  return serial(async () => {
    const kept = new Set((await screenshotTabIds()).map(tabOwner));
    for (const owner of await listOwners()) {
      if (owner.startsWith('tab:') && !kept.has(owner)) await deleteOwner(owner);
    }
  });
}
