import { beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundProtocol, onBackgroundMessages, sendMessage } from '@/utils/messages/background';
import { contentProtocol } from '@/utils/messages/content';
import { classifySender, dispatch, type Handlers, onMessages } from '@/utils/messages/core';
import { fromPageProtocol } from '@/utils/messages/from-page';
import { pagesProtocol } from '@/utils/messages/pages';

const EXTENSION_ORIGIN = 'chrome-extension://test-extension-id/';

function fromPopup() {
  return { id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') };
}

function fromTab(url = 'https://console.example.com/') {
  return { id: browser.runtime.id, url, tab: { id: 7 } as never, frameId: 0 };
}

describe('messaging core', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('rejects a malformed payload with a clear error and does not run the handler', async () => {
    const handler = vi.fn();
    const reply = await dispatch(
      backgroundProtocol,
      { collectCapture: handler },
      { type: 'collectCapture', data: { tabId: 'seven' } },
      fromPopup(),
    );
    expect(handler).not.toHaveBeenCalled();
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(reply?.ok === false && reply.error.message).toContain('Malformed "collectCapture"');
    expect(reply?.ok === false && reply.error.message).toContain('tabId');
  });

  it('rejects an envelope that is not a message of the protocol', async () => {
    const reply = await dispatch(backgroundProtocol, {}, 'collectCapture', fromPopup());
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-message' } });
  });

  it('refuses a message from a sender of the wrong kind', async () => {
    const handler = vi.fn();
    // A content script (a page) may not ask for another tab's capture.
    const reply = await dispatch(
      backgroundProtocol,
      { collectCapture: handler },
      { type: 'collectCapture', data: { tabId: 1 } },
      fromTab(),
    );
    expect(handler).not.toHaveBeenCalled();
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses messages from other extensions', async () => {
    const handler = vi.fn();
    const reply = await dispatch(
      backgroundProtocol,
      { collectCapture: handler },
      { type: 'collectCapture', data: { tabId: 1 } },
      { id: 'another-extension', url: 'chrome-extension://another-extension/popup.html' },
    );
    expect(handler).not.toHaveBeenCalled();
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('passes a valid message to its handler and wraps the answer', async () => {
    const handlers: Partial<Handlers<typeof backgroundProtocol>> = {
      allowOrigin: vi.fn(async ({ origin }) => ({ origins: [origin] })),
    };
    const reply = await dispatch(
      backgroundProtocol,
      handlers,
      { type: 'allowOrigin', data: { origin: 'https://console.example.com' } },
      fromPopup(),
    );
    expect(reply).toEqual({ ok: true, value: { origins: ['https://console.example.com'] } });
  });

  it('turns a handler failure into an error reply with a code', async () => {
    const reply = await dispatch(
      backgroundProtocol,
      {
        allowOrigin: () => {
          throw new Error('boom');
        },
      },
      { type: 'allowOrigin', data: { origin: 'https://console.example.com' } },
      fromPopup(),
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('leaves types it does not handle to other listeners', async () => {
    expect(
      await dispatch(
        backgroundProtocol,
        {},
        { type: 'allowOrigin', data: { origin: 'x' } },
        fromPopup(),
      ),
    ).toBeUndefined();
  });

  it('validates answers: a malformed one is an error, an error reply keeps its code', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage') as unknown as MockInstance<
      (message: unknown) => Promise<unknown>
    >;
    send.mockResolvedValueOnce({ ok: true, value: { origins: 'not-a-list' } });
    await expect(
      sendMessage('removeOrigin', { origin: 'https://a.example' }),
    ).rejects.toMatchObject({
      code: 'bad-message',
    });
    send.mockResolvedValueOnce({ ok: false, error: { code: 'permission-denied', message: 'No.' } });
    await expect(
      sendMessage('removeOrigin', { origin: 'https://a.example' }),
    ).rejects.toMatchObject({
      code: 'permission-denied',
      message: 'No.',
    });
    send.mockResolvedValueOnce({ ok: true, value: { origins: ['https://a.example'] } });
    await expect(sendMessage('removeOrigin', { origin: 'https://a.example' })).resolves.toEqual({
      origins: ['https://a.example'],
    });
  });

  it('answers through the browser with sendResponse', async () => {
    const stop = onMessages(
      { removeOrigin: backgroundProtocol.removeOrigin },
      { removeOrigin: async ({ origin }) => ({ origins: [origin] }) },
    );
    // The fake browser reports no sender identity, so the protocol refuses the message.
    await expect(
      browser.runtime.sendMessage({ type: 'removeOrigin', data: { origin: 'https://a.example' } }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    stop();
  });

  it('classifies senders from what the browser reports', () => {
    const id = 'test-extension-id';
    expect(
      classifySender({ id, url: `${EXTENSION_ORIGIN}popup.html?tabId=3` }, EXTENSION_ORIGIN, id),
    ).toBe('extension-page');
    expect(
      classifySender({ id, url: `${EXTENSION_ORIGIN}background.js` }, EXTENSION_ORIGIN, id),
    ).toBe('background');
    expect(
      classifySender(
        { id, url: 'https://x.example/', tab: { id: 1 } as never },
        EXTENSION_ORIGIN,
        id,
      ),
    ).toBe('content-script');
    expect(classifySender({ id: 'other', url: 'https://x.example/' }, EXTENSION_ORIGIN, id)).toBe(
      undefined,
    );
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'refuses the inherited name %s as a message type without throwing',
    async (type) => {
      const handler = vi.fn();
      const reply = await dispatch(
        backgroundProtocol,
        { allowOrigin: handler },
        { type, data: {} },
        fromPopup(),
      );
      expect(handler).not.toHaveBeenCalled();
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad-message' } });
      // A listener does not even claim such a message.
      const stop = onMessages(backgroundProtocol, {} as never);
      await expect(browser.runtime.sendMessage({ type, data: {} })).resolves.toBeUndefined();
      stop();
    },
  );
});

describe('protocols per receiver', () => {
  it('each message belongs to exactly one receiver', () => {
    const owners = [
      Object.keys(backgroundProtocol),
      Object.keys(contentProtocol),
      Object.keys(pagesProtocol),
    ].flat();
    expect(new Set(owners).size).toBe(owners.length);
  });

  it('the background protocol includes what content scripts send it', () => {
    for (const type of Object.keys(fromPageProtocol)) {
      expect(Object.hasOwn(backgroundProtocol, type)).toBe(true);
    }
  });

  it('a receiver must handle every message of its protocol (checked by the compiler)', () => {
    // @ts-expect-error: a handler map without `getPageEvents`, `collectCapture`, ... is refused.
    const install = () => onBackgroundMessages({ pageEvents: () => ({ stored: 0 }) });
    expect(install).toBeTypeOf('function');
  });
});
