import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createReportMenu, openCaptureFor, REPORT_MENU_ID } from '@/utils/launchers';

describe('launchers', () => {
  beforeEach(() => fakeBrowser.reset());

  it('creates the "Report a problem with this page" context-menu entry', async () => {
    vi.spyOn(browser.contextMenus, 'removeAll').mockResolvedValue(undefined);
    const create = vi.spyOn(browser.contextMenus, 'create').mockReturnValue(REPORT_MENU_ID);
    await createReportMenu('Report a problem with this page');
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({ id: REPORT_MENU_ID, title: 'Report a problem with this page' }),
    );
  });

  it('opens the toolbar popup when the browser allows it', async () => {
    const openPopup = vi.spyOn(browser.action, 'openPopup').mockResolvedValue(undefined);
    const create = vi.spyOn(browser.windows, 'create');
    await expect(openCaptureFor(42, 7)).resolves.toBe('popup');
    expect(openPopup).toHaveBeenCalledWith({ windowId: 7 });
    expect(create).not.toHaveBeenCalled();
  });

  it('falls back to the popup page in a window, pointed at the tab', async () => {
    vi.spyOn(browser.action, 'openPopup').mockRejectedValue(new Error('not allowed'));
    const create = vi.spyOn(browser.windows, 'create').mockResolvedValue(undefined as never);
    await expect(openCaptureFor(42, 7)).resolves.toBe('window');
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'chrome-extension://test-extension-id/popup.html?tabId=42' }),
    );
  });
});
