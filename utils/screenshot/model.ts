/**
 * What the extension keeps about each screenshot or attached file of a tab: JSON metadata in
 * `browser.storage` (see `tabScreenshotsItem` in utils/screenshot/items.ts), bytes in IndexedDB
 * (utils/blob-store.ts), joined by blob ids.
 */
import * as z from 'zod/mini';
import { AnnotationDocSchema } from './annotations';

const ScreenshotSourceSchema = z.enum([
  // tabs.captureVisibleTab: exactly what the user saw.
  'visible',
  // The whole page rendered from the DOM (html2canvas-pro).
  'full-page',
  // The whole page as visible captures taken screen by screen and joined.
  'stitched',
  // A file the user attached from disk (logs, HAR).
  'file',
]);
export type ScreenshotSource = z.infer<typeof ScreenshotSourceSchema>;

/** The message keys (public/_locales) of the notes on how a screenshot was taken. */
export const ScreenshotNoteKeySchema = z.enum([
  'screenshot_notePageFits',
  'screenshot_noteFramesStitched',
  'screenshot_noteTooLargeStitched',
  'screenshot_noteRenderFailed',
  'screenshot_notePartTaken',
  'screenshot_notePartRendered',
  'screenshot_noteVisibleOnly',
]);
export type ScreenshotNoteKey = z.infer<typeof ScreenshotNoteKeySchema>;

/** One sentence of a note in the user's words: its message key and values. */
export const NoteWordsSchema = z.object({
  key: ScreenshotNoteKeySchema,
  values: z.optional(z.array(z.string())),
});
export type NoteWords = z.infer<typeof NoteWordsSchema>;

export const ScreenshotSchema = z.object({
  id: z.string(),
  name: z.string().check(z.maxLength(255)),
  source: ScreenshotSourceSchema,
  /** Which capture method was used and why, for the user (e.g. a fallback). */
  note: z.optional(z.string()),
  /** The same note in the user's words, which the popup shows (older items have only `note`). */
  noteWords: z.optional(z.array(NoteWordsSchema)),
  /** Image size in pixels; 0 for files that are not images. */
  width: z.int().check(z.nonnegative()),
  height: z.int().check(z.nonnegative()),
  /** The captured image as taken; kept on this machine for re-editing, never uploaded once edited. */
  originalBlobId: z.string(),
  /** What the request will upload: the original, or the flattened export once annotated. */
  uploadBlobId: z.string(),
  uploadType: z.string(),
  uploadBytes: z.int().check(z.nonnegative()),
  annotations: AnnotationDocSchema,
  createdAt: z.number(),
});
export type Screenshot = z.infer<typeof ScreenshotSchema>;

export const ScreenshotListSchema = z.object({ screenshots: z.array(ScreenshotSchema) });

/** The blob-store owner of a tab's screenshots and files. */
export const tabOwner = (tabId: number) => `tab:${tabId}`;

export const isImage = (screenshot: Screenshot) => screenshot.source !== 'file';
