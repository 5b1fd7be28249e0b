import { configureRedaction } from '../privacy/redact';
import type { PageSettings } from './page-settings-schema';

/**
 * Follows the page settings in a content script: asks the background once (`fetch`) and then
 * takes what it pushes (the returned `receive`). A push that arrives before the first answer
 * wins over that answer, which may be older. Redaction options apply to this context.
 */
export function followPageSettings(
  fetch: () => Promise<PageSettings>,
  onChange: (settings: PageSettings) => void,
): { receive: (settings: PageSettings) => void } {
  let pushed = false;
  const apply = (settings: PageSettings) => {
    configureRedaction(settings.captureSettings);
    onChange(settings);
  };
  void fetch()
    .then((settings) => {
      if (!pushed) apply(settings);
    })
    .catch(() => {
      // No answer (background restarting): defaults stay, steps are not recorded.
    });
  return {
    receive(settings) {
      pushed = true;
      apply(settings);
    },
  };
}
