import { browser } from 'wxt/browser';

/** The context-menu entry that opens the capture for the page it was used on. */
const REPORT_MENU_ID = 'report-problem';

/** Context-menu entries vanish when the extension updates; create them on install. */
export async function createReportMenu(title: string): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: REPORT_MENU_ID,
    title,
    contexts: ['page', 'frame', 'selection', 'link', 'image'],
  });
}

/**
 * Opens the capture for a tab: the toolbar popup where the browser allows opening it from
 * code (`action.openPopup`, Chrome 127+, Firefox from a user action), else the popup page in
 * a small window pointed at the tab with `?tabId=`.
 * https://developer.chrome.com/docs/extensions/reference/api/action#method-openPopup
 */
async function openCaptureFor(tabId: number, windowId?: number): Promise<'popup' | 'window'> {
  try {
    await browser.action.openPopup(windowId === undefined ? undefined : { windowId });
    return 'popup';
  } catch {
    await browser.windows.create({
      url: browser.runtime.getURL(`/popup.html?tabId=${tabId}`),
      type: 'popup',
      width: 520,
      height: 720,
    });
    return 'window';
  }
}

export function listenForReportMenu(): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== REPORT_MENU_ID || tab?.id === undefined) return;
    void openCaptureFor(tab.id, tab.windowId);
  });
}
