/**
 * The background's side of the page settings: computed from the stored items for the exact
 * origin of the frame that asks, and pushed to open tabs when one of them changes.
 */
import { recordingAllowed } from './breadcrumbs';
import { allowedOriginsItem, captureSettingsItem, stepRecordingOffItem } from './items';
import { pagePort } from './page-port';
import type { PageSettings } from './page-settings-schema';

function originOf(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : '';
  } catch {
    return '';
  }
}

/** The settings for a page at `url` (the browser's word for the sender, never the page's). */
export async function pageSettingsFor(url: string | undefined): Promise<PageSettings> {
  const [captureSettings, allowed, off] = await Promise.all([
    captureSettingsItem.get(),
    allowedOriginsItem.get(),
    stepRecordingOffItem.get(),
  ]);
  const origin = originOf(url);
  return { captureSettings, recordSteps: origin !== '' && recordingAllowed(origin, allowed, off) };
}

/** Sends every open tab its page settings again; tabs without the content script ignore it. */
export async function pushPageSettings(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return;
      const settings = await pageSettingsFor(tab.url);
      await pagePort()
        .sendPageSettings(tab.id, settings)
        .catch(() => undefined);
    }),
  );
}

/** Pushes the page settings whenever one of the items they come from changes. */
export function watchPageSettings(): () => void {
  const push = () => void pushPageSettings().catch(() => undefined);
  const stops = [
    captureSettingsItem.watch(push),
    allowedOriginsItem.watch(push),
    stepRecordingOffItem.watch(push),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
