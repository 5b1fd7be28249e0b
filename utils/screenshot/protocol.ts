/** Request and response schemas of the screenshot messages (entries in utils/messages/background.ts and pages.ts). */
import * as z from 'zod/mini';
import { AnnotationDocSchema } from './annotations';
import { ScreenshotListSchema, ScreenshotSchema } from './model';

const TabId = z.int().check(z.nonnegative());
const Bytes = z.int().check(z.minimum(1));

/** The portal's upload limit, when the composer knows it (`/rest/api/3/attachment/meta`). */
const BudgetFields = { uploadLimitBytes: z.optional(Bytes) };

export const CaptureVisibleSchema = z.object({ tabId: TabId, ...BudgetFields });
export const CaptureFullPageSchema = z.object({
  tabId: TabId,
  /** Chosen by the caller, so it can cancel before the answer comes. */
  jobId: z.string().check(z.minLength(1), z.maxLength(100)),
  ...BudgetFields,
});
export const CancelCaptureSchema = z.object({ jobId: z.string() });
export const CancelResultSchema = z.object({ cancelled: z.boolean() });
export const CaptureProgressSchema = z.object({
  jobId: z.string(),
  tabId: TabId,
  phase: z.enum(['inspecting', 'rendering', 'stitching', 'encoding']),
  done: z.int(),
  total: z.int(),
});
export type CaptureProgress = z.infer<typeof CaptureProgressSchema>;
export const ListScreenshotsSchema = z.object({ tabId: TabId });
export const SaveAnnotationsSchema = z.object({
  tabId: TabId,
  id: z.string(),
  annotations: AnnotationDocSchema,
  ...BudgetFields,
});
export const AddFileSchema = z.object({ tabId: TabId, blobId: z.string() });
export const RemoveScreenshotSchema = z.object({ tabId: TabId, id: z.string() });

export { ScreenshotListSchema, ScreenshotSchema };
