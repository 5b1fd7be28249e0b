import { getBlob } from '@/utils/blob-store';
import {
  allowOrigin,
  isCaptureOrigin,
  removeOrigin,
  syncAllowedRegistration,
} from '@/utils/capture/allowed-origins';
import { receivePageEvents, startCaptureBackground } from '@/utils/capture/background';
import { collectCapture, consoleFactsCache } from '@/utils/capture/collect';
import { connectPagePort } from '@/utils/capture/page-port';
import { pageSettingsFor, watchPageSettings } from '@/utils/capture/page-settings';
import { startCapturePrefetch } from '@/utils/capture/prefetch';
import { injectPageContextAfterLoad } from '@/utils/capture/registration';
import { watchDeliveriesForDrafts } from '@/utils/composer/drafts';
import { metaKey, portalMeta } from '@/utils/composer/fields-cache';
import { startScreenshotRetention } from '@/utils/composer/screenshot-retention-background';
import { t } from '@/utils/i18n';
import { createReportMenu, listenForReportMenu } from '@/utils/launchers';
import { onBackgroundMessages } from '@/utils/messages/background';
import { sendMessage as sendToPage } from '@/utils/messages/content';
import { sendMessage as sendToPages } from '@/utils/messages/pages';
import * as outbox from '@/utils/outbox/background';
import { readConnectionWith } from '@/utils/portal/connection-in-force';
import { portalCredentialsItem } from '@/utils/portal/credentials-item';
import { portalSettingsItem } from '@/utils/portal/items';
import { startOriginGuard } from '@/utils/portal/origin-guard';
import * as portal from '@/utils/portal/service';
import { managedPolicy } from '@/utils/profile/items';
import * as shots from '@/utils/screenshot/service';
import { connectionReader } from '@/utils/settings/effective';
import { lockStorageToTrustedContexts } from '@/utils/storage-access';

export default defineBackground(() => {
  // Credentials, drafts and the outbox: out of content scripts' reach where the browser can.
  void lockStorageToTrustedContexts();
  // The portal reads its connection in force through the settings' merge.
  readConnectionWith(connectionReader);
  // Capture reaches the tabs' page scripts through the content-script protocol.
  connectPagePort({
    getPageEvents: (tabId) => sendToPage('getPageEvents', {}, { tabId }),
    sendPageSettings: (tabId, settings) => sendToPage('pageSettings', settings, { tabId }),
  });
  startCaptureBackground();
  // The portal's own Origin on the extension's portal writes (utils/portal/origin-rule.ts).
  startOriginGuard();
  injectPageContextAfterLoad(isCaptureOrigin);
  // Content scripts get their settings by message, pushed again when they change.
  watchPageSettings();
  // The popup's capture answers from parts kept ready (settings, platform, console facts).
  startCapturePrefetch(consoleFactsCache, isCaptureOrigin);
  onBackgroundMessages({
    collectCapture: ({ tabId }) => collectCapture(tabId),
    pageEvents: (forward, sender) => receivePageEvents(forward, sender),
    getPageSettings: (_request, sender) => pageSettingsFor(sender.url),
    allowOrigin: async ({ origin }) => ({ origins: await allowOrigin(origin) }),
    removeOrigin: async ({ origin }) => ({ origins: await removeOrigin(origin) }),
    getConnection: () => portal.getConnection(),
    saveConnection: (connection) => portal.saveConnection(connection).then(outbox.afterSignIn),
    forgetConnection: () => portal.forgetConnection(),
    testConnection: () => portal.testConnection().then(outbox.afterSignIn),
    // Answered from the cache at once and refreshed behind it (utils/composer/fields-cache.ts).
    listServiceDesks: () => portalMeta.get(metaKey.desks(), () => portal.listServiceDesks()),
    listRequestTypes: ({ serviceDeskId }) =>
      portalMeta.get(metaKey.types(serviceDeskId), () => portal.listRequestTypes(serviceDeskId)),
    getRequestTypeFields: ({ serviceDeskId, requestTypeId }) =>
      portalMeta.get(metaKey.fields(serviceDeskId, requestTypeId), () =>
        portal.getRequestTypeFields(serviceDeskId, requestTypeId),
      ),
    searchMyRequests: ({ term, requestStatus }) => portal.searchMyRequests(term, requestStatus),
    searchKnowledgeBase: ({ query, serviceDeskId }) =>
      portal.searchKnowledgeBase(query, serviceDeskId),
    captureVisible: ({ tabId, uploadLimitBytes }) => shots.captureVisible(tabId, uploadLimitBytes),
    captureFullPage: (job) =>
      shots.captureFullPage(
        job.tabId,
        job.jobId,
        (progress) => sendToPages('captureProgress', progress),
        job.uploadLimitBytes,
      ),
    cancelCapture: ({ jobId }) => shots.cancelCapture(jobId),
    listScreenshots: ({ tabId }) => shots.listScreenshots(tabId),
    saveAnnotations: (save) =>
      shots.saveAnnotations(save.tabId, save.id, save.annotations, save.uploadLimitBytes),
    addFile: ({ tabId, blobId }) => shots.addFile(tabId, blobId),
    removeScreenshot: ({ tabId, id }) => shots.removeScreenshot(tabId, id),
    submitJob: ({ job, replaces }) => outbox.submitJob(job, replaces),
    getOutboxStatus: () => outbox.getOutboxStatus(),
    cancelJob: ({ id }) => outbox.cancelJob(id),
    retryNow: ({ id }) => outbox.retryNow(id),
    shareRequest: ({ id, people, emails }) => outbox.shareRequest(id, people, emails),
    findPeople: ({ query }) => outbox.searchPeople(query),
    listColleagues: () => outbox.listColleagues(),
    listMyRequests: ({ requestStatus }) => outbox.myRequests(requestStatus),
    downloadReport: ({ id }) => outbox.downloadReport(id),
    addToRequest: (input) => portal.addToRequest(input, async (id) => (await getBlob(id))?.blob),
  });
  // Resumes deliveries left by a stopped worker or browser; wakes up by alarm, start-up, online.
  outbox.startOutbox();
  // A draft is kept until its request is delivered, also when the popup is closed by then.
  watchDeliveriesForDrafts();
  // Screenshots go with their tab or their finished draft (rule in utils/composer/screenshot-retention.ts).
  startScreenshotRetention();

  // Registered scripts persist, but re-sync on start-up in case the list and the browser's
  // registrations drifted (an update, a revoked permission).
  browser.runtime.onStartup.addListener(() => {
    void syncAllowedRegistration();
  });
  // The organisation's sites follow its policy, and register once their access is granted.
  managedPolicy.watch(() => void syncAllowedRegistration());
  // Another portal or account sees other desks and fields.
  portalSettingsItem.watch(() => void portalMeta.clear());
  portalCredentialsItem.watch((next, previous) => {
    if (next?.apiToken !== previous?.apiToken) void portalMeta.clear();
  });
  browser.permissions.onAdded.addListener(() => void syncAllowedRegistration());
  browser.runtime.onInstalled.addListener(() => {
    void syncAllowedRegistration();
    void createReportMenu(t('reportProblem'));
  });
  listenForReportMenu();
});
