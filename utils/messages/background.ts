/** The background's protocol: every message the background worker receives. */
import * as z from 'zod/mini';
import { CaptureSchema } from '../capture/capture';
import * as composer from '../composer/protocol';
import * as outbox from '../outbox/protocol';
import * as portal from '../portal/protocol';
import * as shots from '../screenshot/protocol';
import { createSender, type Handlers, message, onMessages } from './core';
import { fromPageProtocol } from './from-page';

const AllowedOriginsSchema = z.object({ origins: z.array(z.string()) });
const TabIdSchema = z.object({ tabId: z.int().check(z.nonnegative()) });

export const backgroundProtocol = {
  ...fromPageProtocol,
  // Popup -> background: everything captured for a tab, for the composer.
  collectCapture: message(['extension-page'], TabIdSchema, CaptureSchema),
  // Popup or options -> background: register always-on capture for an origin the user just
  // granted (the background checks the grant itself).
  allowOrigin: message(['extension-page'], z.object({ origin: z.url() }), AllowedOriginsSchema),
  removeOrigin: message(['extension-page'], z.object({ origin: z.url() }), AllowedOriginsSchema),
  // Options -> background: the portal connection. Pages never receive the API token itself.
  getConnection: message(['extension-page'], z.object({}), portal.ConnectionViewSchema),
  saveConnection: message(
    ['extension-page'],
    portal.SaveConnectionSchema,
    portal.ConnectionViewSchema,
  ),
  forgetConnection: message(['extension-page'], z.object({}), portal.ConnectionViewSchema),
  testConnection: message(['extension-page'], z.object({}), portal.TestConnectionResultSchema),
  // Popup -> background: what the portal offers, for the composer.
  listServiceDesks: message(['extension-page'], z.object({}), portal.ServiceDeskListSchema),
  listRequestTypes: message(
    ['extension-page'],
    z.object({ serviceDeskId: z.string() }),
    portal.RequestTypeListSchema,
  ),
  getRequestTypeFields: message(
    ['extension-page'],
    z.object({ serviceDeskId: z.string(), requestTypeId: z.string() }),
    portal.RequestTypeFieldsSchema,
  ),
  searchMyRequests: message(
    ['extension-page'],
    portal.RequestSearchSchema,
    portal.RequestSearchResultSchema,
  ),
  searchKnowledgeBase: message(
    ['extension-page'],
    portal.KnowledgeSearchSchema,
    portal.KnowledgeSearchResultSchema,
  ),
  // Screenshots and attached files: bytes stay in IndexedDB (utils/blob-store.ts), messages
  // carry ids.
  captureVisible: message(['extension-page'], shots.CaptureVisibleSchema, shots.ScreenshotSchema),
  captureFullPage: message(['extension-page'], shots.CaptureFullPageSchema, shots.ScreenshotSchema),
  cancelCapture: message(['extension-page'], shots.CancelCaptureSchema, shots.CancelResultSchema),
  listScreenshots: message(
    ['extension-page'],
    shots.ListScreenshotsSchema,
    shots.ScreenshotListSchema,
  ),
  saveAnnotations: message(['extension-page'], shots.SaveAnnotationsSchema, shots.ScreenshotSchema),
  addFile: message(['extension-page'], shots.AddFileSchema, shots.ScreenshotSchema),
  removeScreenshot: message(
    ['extension-page'],
    shots.RemoveScreenshotSchema,
    shots.ScreenshotListSchema,
  ),
  // Popup -> background: the delivery outbox. Submit persists the job before any network
  // call and answers at once; progress is read with getOutboxStatus (the popup may close).
  submitJob: message(['extension-page'], outbox.SubmitJobSchema, outbox.JobViewSchema),
  getOutboxStatus: message(['extension-page'], z.object({}), outbox.OutboxStatusSchema),
  cancelJob: message(['extension-page'], outbox.JobIdSchema, outbox.JobViewSchema),
  retryNow: message(['extension-page'], outbox.RetryNowSchema, outbox.OutboxStatusSchema),
  shareRequest: message(['extension-page'], outbox.ShareRequestSchema, outbox.ShareOutcomeSchema),
  findPeople: message(['extension-page'], outbox.FindPeopleSchema, outbox.PeopleSchema),
  listColleagues: message(['extension-page'], z.object({}), outbox.ColleagueListSchema),
  listMyRequests: message(
    ['extension-page'],
    outbox.ListMyRequestsSchema,
    outbox.MyRequestListSchema,
  ),
  downloadReport: message(['extension-page'], outbox.JobIdSchema, outbox.ReportSchema),
  // Popup -> background: the report as a comment with its files on an existing request,
  // instead of a new one (the user chose it among the likely duplicates).
  addToRequest: message(
    ['extension-page'],
    composer.AddToRequestSchema,
    composer.AddToRequestResultSchema,
  ),
} as const;

export type BackgroundProtocol = typeof backgroundProtocol;

/** Sends to the background (from the popup, options or editor). */
export const sendMessage = createSender(backgroundProtocol);

/** Installs the background's handlers: a message of the protocol without one is a type error. */
export const onBackgroundMessages = (handlers: Handlers<BackgroundProtocol>) =>
  onMessages(backgroundProtocol, handlers);
