import { beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  allowedOriginsItem,
  captureSettingsItem,
  stepRecordingOffItem,
} from '@/utils/capture/items';
import { connectPagePort } from '@/utils/capture/page-port';
import {
  pageSettingsFor,
  pushPageSettings,
  watchPageSettings,
} from '@/utils/capture/page-settings';
import type { PageSettings } from '@/utils/capture/page-settings-schema';
import { DEFAULT_CAPTURE_SETTINGS } from '@/utils/capture/settings';
import { followPageSettings } from '@/utils/capture/settings-sync';
import { startStepRecording } from '@/utils/capture/step-recording';
import { sendMessage as sendToPage } from '@/utils/messages/content';

/** `tabs.query` has a callback overload; the promise one is what the code uses. */
const spyQuery = () =>
  vi.spyOn(browser.tabs, 'query') as unknown as MockInstance<() => Promise<Browser.tabs.Tab[]>>;

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  // As the background connects it (entrypoints/background.ts).
  connectPagePort({
    getPageEvents: (tabId) => sendToPage('getPageEvents', {}, { tabId }),
    sendPageSettings: (tabId, settings) => sendToPage('pageSettings', settings, { tabId }),
  });
});

describe('page settings from the background', () => {
  it('records steps only on the exact allowed origin, port included', async () => {
    await allowedOriginsItem.set(['https://console.example:8443']);
    expect((await pageSettingsFor('https://console.example:8443/a?b')).recordSteps).toBe(true);
    expect((await pageSettingsFor('https://console.example/a')).recordSteps).toBe(false);
    expect((await pageSettingsFor('https://console.example:9443/a')).recordSteps).toBe(false);
    expect((await pageSettingsFor('http://console.example:8443/a')).recordSteps).toBe(false);
    expect((await pageSettingsFor(undefined)).recordSteps).toBe(false);
    expect((await pageSettingsFor('not a url')).recordSteps).toBe(false);
  });

  it('does not record where the user turned steps off, and carries the capture settings', async () => {
    await allowedOriginsItem.set(['https://a.example']);
    await stepRecordingOffItem.set(['https://a.example']);
    await captureSettingsItem.set({ ...DEFAULT_CAPTURE_SETTINGS, captureWarnings: true });
    const settings = await pageSettingsFor('https://a.example/x');
    expect(settings.recordSteps).toBe(false);
    expect(settings.captureSettings.captureWarnings).toBe(true);
  });

  it('pushes each open tab the settings of its own origin, and ignores tabs without the script', async () => {
    await allowedOriginsItem.set(['https://a.example']);
    spyQuery().mockResolvedValue([
      { id: 1, url: 'https://a.example/x' },
      { id: 2, url: 'https://b.example/' },
      { id: 3 },
    ] as Browser.tabs.Tab[]);
    const sent = vi
      .spyOn(browser.tabs, 'sendMessage')
      .mockImplementation(async (tabId: number, envelope: unknown) => {
        if (tabId === 2) throw new Error('Could not establish connection');
        return { ok: true, value: { envelope } };
      });
    await pushPageSettings();
    const byTab = new Map(
      sent.mock.calls.map(([tabId, envelope]) => [
        tabId,
        envelope as { type: string; data: PageSettings },
      ]),
    );
    expect(byTab.get(1)).toMatchObject({ type: 'pageSettings', data: { recordSteps: true } });
    expect(byTab.get(2)).toMatchObject({ type: 'pageSettings', data: { recordSteps: false } });
    expect(byTab.get(3)).toMatchObject({ type: 'pageSettings', data: { recordSteps: false } });
  });

  it('pushes again when a setting changes', async () => {
    const query = spyQuery().mockResolvedValue([]);
    const stop = watchPageSettings();
    await stepRecordingOffItem.set(['https://a.example']);
    await vi.waitFor(() => expect(query).toHaveBeenCalled());
    stop();
  });
});

describe('page settings in the content script', () => {
  const settings = (recordSteps: boolean): PageSettings => ({
    captureSettings: DEFAULT_CAPTURE_SETTINGS,
    recordSteps,
  });

  it('applies the first answer, and a push wins over an answer that comes later', async () => {
    const seen: boolean[] = [];
    let answer: (value: PageSettings) => void = () => {};
    const follow = followPageSettings(
      () => new Promise((resolve) => (answer = resolve)),
      (next) => seen.push(next.recordSteps),
    );
    follow.receive(settings(false));
    answer(settings(true));
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual([false]);
  });

  it('records steps only once the background says so, and stops when told', async () => {
    const steps = startStepRecording(document);
    expect(steps.recording).toBe(false);
    steps.setRecording(true);
    expect(steps.recording).toBe(true);
    steps.setRecording(false);
    expect(steps.recording).toBe(false);
    steps.stop();
  });
});
