/**
 * The outbox in the background delivers to the connection in force: the saved settings with
 * the organisation's policy over them, so a portal set only by policy is used.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { notifyStorageFailure, portalFor, submitJob, updateBadge } from '@/utils/outbox/background';
import { outboxJobsItem } from '@/utils/outbox/items';
import { createJob } from '@/utils/outbox/job';
import { readConnectionWith } from '@/utils/portal/connection-in-force';
import { portalSettingsItem } from '@/utils/portal/items';
import { connectionReader } from '@/utils/settings/effective';
import { storageErrorInfo } from '@/utils/storage-errors';
import { formatMessage, LOCALES, setLocale } from '../i18n/messages';

const POLICY_PORTAL = 'http://127.0.0.1:9';

const job = {
  captureReference: 'SC-ABC123',
  serviceDeskId: '1',
  requestTypeId: '10',
  requestFieldValues: { summary: 'It broke', description: 'Capture reference: SC-ABC123' },
  summary: 'It broke',
  attachments: [],
  participants: [],
};

// The background wires this at start (entrypoints/background.ts).
readConnectionWith(connectionReader);

beforeEach(() => {
  fakeBrowser.reset();
  // Deliveries start at once; nothing may leave the machine, so every call fails offline.
  vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
});

describe('outbox connection', () => {
  it('files a job for the portal the policy sets when nothing was saved', async () => {
    await fakeBrowser.storage.managed.set({ portalUrl: POLICY_PORTAL });
    const view = await submitJob(job);
    const stored = Object.values(await outboxJobsItem.get());
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: view.id, portal: POLICY_PORTAL });
    await expect(portalFor(POLICY_PORTAL)).resolves.toBeDefined();
  });

  it('the policy portal wins over a saved one for new jobs and deliveries', async () => {
    await portalSettingsItem.set({
      portalUrl: 'https://mine.atlassian.net',
      authMethod: 'portal-session',
      tokenKind: 'classic',
    });
    await fakeBrowser.storage.managed.set({ portalUrl: POLICY_PORTAL });
    await submitJob(job);
    expect(Object.values(await outboxJobsItem.get())[0]).toMatchObject({ portal: POLICY_PORTAL });
    await expect(portalFor('https://mine.atlassian.net')).rejects.toMatchObject({
      code: 'not-configured',
    });
  });

  it('without a policy the saved portal is used', async () => {
    await portalSettingsItem.set({
      portalUrl: 'https://mine.atlassian.net',
      authMethod: 'portal-session',
      tokenKind: 'classic',
    });
    // By id: the outbox (one per worker) may still be writing the previous test's job.
    const view = await submitJob(job);
    expect((await outboxJobsItem.get())[view.id]).toMatchObject({
      portal: 'https://mine.atlassian.net',
    });
  });
});

describe('what the background tells the user outside the popup', () => {
  const queued = createJob({ ...job, portal: POLICY_PORTAL }, 'job-1', 0);

  afterEach(() => setLocale('en'));

  it('notifies a refused progress write in the user’s language, once per report', async () => {
    setLocale('de');
    const create = vi
      .spyOn(fakeBrowser.notifications, 'create')
      .mockImplementation(async (id) => String(id));
    await notifyStorageFailure(queued, storageErrorInfo('delivery', 'quota'));
    expect(create).toHaveBeenCalledWith('outbox-storage:job-1', {
      type: 'basic',
      iconUrl: expect.any(String),
      title: 'It broke',
      message: formatMessage(LOCALES.de, 'storage_delivery_quota'),
    });
  });

  it('does not fail when notifications are turned off', async () => {
    vi.spyOn(fakeBrowser.notifications, 'create').mockRejectedValue(new Error('disabled'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(
      notifyStorageFailure(queued, storageErrorInfo('delivery', 'write')),
    ).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalled();
  });

  it('titles the toolbar button with the reports waiting, or the sign-in they wait for', async () => {
    setLocale('de');
    const setTitle = vi.spyOn(fakeBrowser.action, 'setTitle').mockResolvedValue();
    vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue();
    vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor').mockResolvedValue();
    await updateBadge([queued, { ...queued, id: 'job-2' }]);
    expect(setTitle).toHaveBeenLastCalledWith({
      title: 'Problem mit dieser Seite melden (2 Meldungen warten auf das Einreichen)',
    });
    await updateBadge([{ ...queued, status: 'paused-auth' }]);
    expect(setTitle).toHaveBeenLastCalledWith({
      title: 'Melden Sie sich beim Portal an: Eine Meldung wartet auf das Einreichen',
    });
    await updateBadge([]);
    expect(setTitle).toHaveBeenLastCalledWith({ title: 'Problem mit dieser Seite melden' });
  });
});
