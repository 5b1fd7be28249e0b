/**
 * The page-context script's messaging (utils/messages/page-side.ts) against the protocols it
 * stands for: same message types, same senders, same requests and answers accepted, and the
 * replies core.ts's senders expect.
 */
import { beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_CAPTURE_SETTINGS } from '@/utils/capture/settings';
import { contentProtocol } from '@/utils/messages/content';
import { CONTENT_SENDERS } from '@/utils/messages/content-senders';
import type { Handlers } from '@/utils/messages/core';
import { fromPageProtocol } from '@/utils/messages/from-page';
import {
  CONTENT_REQUEST_CHECKS,
  dispatchContent,
  FROM_PAGE_RESPONSE_CHECKS,
  onContentMessages,
  sendToBackground,
} from '@/utils/messages/page-side';

const SETTINGS = { captureSettings: DEFAULT_CAPTURE_SETTINGS, recordSteps: true };

const fromBackground = () => ({ id: browser.runtime.id, url: '' });
const fromPopup = () => ({ id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') });
const fromTab = () => ({
  id: browser.runtime.id,
  url: 'https://console.example.com/',
  tab: { id: 7 } as never,
});

const SAMPLES: unknown[] = [
  undefined,
  null,
  {},
  [],
  'x',
  3,
  { stored: 2 },
  { stored: 1.5 },
  SETTINGS,
];

describe('page-side messaging matches the protocols', () => {
  it('handles every message of the content protocol, from the same senders', () => {
    expect(Object.keys(CONTENT_REQUEST_CHECKS).sort()).toEqual(Object.keys(contentProtocol).sort());
    for (const [type, definition] of Object.entries(contentProtocol)) {
      expect(definition.from).toEqual(CONTENT_SENDERS[type as keyof typeof CONTENT_SENDERS]);
    }
    expect(Object.keys(FROM_PAGE_RESPONSE_CHECKS).sort()).toEqual(
      Object.keys(fromPageProtocol).sort(),
    );
  });

  it.each(Object.keys(contentProtocol) as (keyof typeof contentProtocol)[])(
    'accepts the requests the schema of "%s" accepts',
    (type) => {
      for (const sample of SAMPLES) {
        const parsed = contentProtocol[type].request.safeParse(sample);
        expect(CONTENT_REQUEST_CHECKS[type](sample)).toEqual(
          parsed.success ? parsed.data : undefined,
        );
      }
    },
  );

  it.each(Object.keys(fromPageProtocol) as (keyof typeof fromPageProtocol)[])(
    'accepts the answers the schema of "%s" accepts',
    (type) => {
      for (const sample of SAMPLES) {
        const parsed = fromPageProtocol[type].response.safeParse(sample);
        expect(FROM_PAGE_RESPONSE_CHECKS[type](sample)).toEqual(
          parsed.success ? parsed.data : undefined,
        );
      }
    },
  );
});

describe('dispatchContent', () => {
  beforeEach(() => fakeBrowser.reset());
  const handlers = (): Handlers<typeof contentProtocol> => ({
    getPageEvents: vi.fn(() => ({
      pageId: 'p',
      url: '',
      events: [],
      dropped: 0,
      since: 1,
      requests: [],
      bytes: 0,
    })),
    pageSettings: vi.fn(() => ({})),
  });

  it('answers the background and the popup with a reply the protocol accepts', async () => {
    const on = handlers();
    for (const sender of [fromBackground(), fromPopup()]) {
      const reply = await dispatchContent(on, { type: 'getPageEvents', data: {} }, sender);
      expect(reply).toMatchObject({ ok: true });
      const value = reply?.ok ? reply.value : undefined;
      expect(contentProtocol.getPageEvents.response.safeParse(value).success).toBe(true);
    }
    await expect(
      dispatchContent(on, { type: 'pageSettings', data: SETTINGS }, fromBackground()),
    ).resolves.toEqual({ ok: true, value: {} });
    expect(on.pageSettings).toHaveBeenCalledWith(SETTINGS, fromBackground());
  });

  it('refuses senders the protocol does not allow', async () => {
    const on = handlers();
    for (const [type, sender] of [
      ['getPageEvents', fromTab()],
      ['pageSettings', fromPopup()],
      ['getPageEvents', { id: 'another-extension', url: '' }],
    ] as const) {
      await expect(dispatchContent(on, { type, data: SETTINGS }, sender)).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    expect(on.getPageEvents).not.toHaveBeenCalled();
    expect(on.pageSettings).not.toHaveBeenCalled();
  });

  it('refuses malformed requests and reports a failing handler', async () => {
    const on = { ...handlers() };
    await expect(
      dispatchContent(on, { type: 'pageSettings', data: { recordSteps: 'yes' } }, fromBackground()),
    ).resolves.toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(on.pageSettings).not.toHaveBeenCalled();
    on.getPageEvents = () => {
      throw new Error('broken');
    };
    await expect(
      dispatchContent(on, { type: 'getPageEvents', data: {} }, fromBackground()),
    ).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('leaves other messages to other listeners', async () => {
    for (const raw of [
      'getPageEvents',
      { type: 'collectCapture' },
      { type: 'constructor' },
      null,
    ]) {
      await expect(dispatchContent(handlers(), raw, fromBackground())).resolves.toBeUndefined();
    }
    const stop = onContentMessages(handlers());
    await expect(
      browser.runtime.sendMessage({ type: 'collectCapture', data: {} }),
    ).resolves.toBeUndefined();
    stop();
  });
});

describe('sendToBackground', () => {
  beforeEach(() => fakeBrowser.reset());

  it('checks answers: a malformed one is an error, an error reply keeps its code', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage') as unknown as MockInstance<
      (message: unknown) => Promise<unknown>
    >;
    send.mockResolvedValueOnce({ ok: true, value: SETTINGS });
    await expect(sendToBackground('getPageSettings', {})).resolves.toEqual(SETTINGS);
    expect(send).toHaveBeenLastCalledWith({ type: 'getPageSettings', data: {} });
    send.mockResolvedValueOnce({ ok: true, value: { recordSteps: true } });
    await expect(sendToBackground('getPageSettings', {})).rejects.toMatchObject({
      code: 'bad-message',
    });
    send.mockResolvedValueOnce({ ok: false, error: { code: 'storage', message: 'No.' } });
    await expect(sendToBackground('getPageSettings', {})).rejects.toMatchObject({
      code: 'storage',
      message: 'No.',
    });
    send.mockResolvedValueOnce('nonsense');
    await expect(sendToBackground('getPageSettings', {})).rejects.toMatchObject({
      code: 'bad-message',
    });
    send.mockRejectedValueOnce(new Error('Could not establish connection'));
    await expect(sendToBackground('getPageSettings', {})).rejects.toMatchObject({
      code: 'no-receiver',
    });
    send.mockResolvedValueOnce({ ok: true, value: { stored: 4 } });
    await expect(
      sendToBackground('pageEvents', { pageId: 'p', url: '', since: 1, events: [], dropped: 0 }),
    ).resolves.toEqual({ stored: 4 });
  });
});
