import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createReportMenu, listenForReportMenu } from '@/utils/launchers';

/** The id the menu entry was created with. */
async function menuId(): Promise<string | number> {
  vi.spyOn(browser.contextMenus, 'removeAll').mockResolvedValue(undefined);
  const create = vi.spyOn(browser.contextMenus, 'create').mockReturnValue('menu');
  await createReportMenu('Report a problem with this page');
  const id = create.mock.calls[0]?.[0].id;
  if (id === undefined) throw new Error('The menu entry has no id.');
  return id;
}

type MenuListener = Parameters<typeof browser.contextMenus.onClicked.addListener>[0];

/** Installs the listener (the fake browser has no context-menu events) and returns a click. */
function listen(): (menuItemId: string | number) => void {
  let listener: MenuListener | undefined;
  vi.spyOn(browser.contextMenus.onClicked, 'addListener').mockImplementation((added) => {
    listener = added;
  });
  listenForReportMenu();
  // A click on an entry, on tab 42 of window 7.
  return (menuItemId) =>
    listener?.({ menuItemId, editable: false, pageUrl: 'https://console.example.com/' }, {
      id: 42,
      windowId: 7,
    } as never);
}

describe('launchers', () => {
  beforeEach(() => fakeBrowser.reset());

  it('creates the "Report a problem with this page" context-menu entry', async () => {
    vi.spyOn(browser.contextMenus, 'removeAll').mockResolvedValue(undefined);
    const create = vi.spyOn(browser.contextMenus, 'create').mockReturnValue('menu');
    await createReportMenu('Report a problem with this page');
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Report a problem with this page' }),
    );
  });

  it('opens the toolbar popup from the entry when the browser allows it', async () => {
    const openPopup = vi.spyOn(browser.action, 'openPopup').mockResolvedValue(undefined);
    const create = vi.spyOn(browser.windows, 'create');
    const click = listen();
    click(await menuId());
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledWith({ windowId: 7 }));
    expect(create).not.toHaveBeenCalled();
  });

  it('falls back to the popup page in a window, pointed at the tab', async () => {
    vi.spyOn(browser.action, 'openPopup').mockRejectedValue(new Error('not allowed'));
    const create = vi.spyOn(browser.windows, 'create').mockResolvedValue(undefined as never);
    const click = listen();
    click(await menuId());
    await vi.waitFor(() =>
      expect(create).toHaveBeenCalledWith(
        expect.objectContaining({
          url: 'chrome-extension://test-extension-id/popup.html?tabId=42',
        }),
      ),
    );
  });

  it('ignores other entries', async () => {
    const openPopup = vi.spyOn(browser.action, 'openPopup').mockResolvedValue(undefined);
    const click = listen();
    await menuId();
    click('something-else');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(openPopup).not.toHaveBeenCalled();
  });
});
