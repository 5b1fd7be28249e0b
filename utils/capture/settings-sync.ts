import { configureRedaction } from '../privacy/redact';
import { captureSettingsItem } from './items';
import type { CaptureSettings } from './settings';

/**
 * Applies the stored capture settings to this context (redaction options, and whatever
 * `onChange` does) now and whenever they change. Returns a function that stops following.
 */
export async function followCaptureSettings(
  onChange: (settings: CaptureSettings) => void = () => {},
): Promise<() => void> {
  const apply = (settings: CaptureSettings) => {
    configureRedaction(settings);
    onChange(settings);
  };
  const stop = captureSettingsItem.watch(apply);
  apply(await captureSettingsItem.get());
  return stop;
}
