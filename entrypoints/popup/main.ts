import { readLastChoice } from '@/utils/composer/last-choice';
import { t } from '@/utils/i18n';
import type { BackgroundProtocol } from '@/utils/messages/background';
import { earlySender } from '@/utils/messages/early';
import { targetTabId } from '@/utils/tab-target';

// The popup's first JavaScript: no Preact, no polyfill, no schemas (tests/bench/sizes.ts).
// What the composer shows first is asked for now, while its code loads (utils/messages/early.ts).
const ask = earlySender<BackgroundProtocol>();
void targetTabId(location.search).then(
  (tabId) => tabId !== undefined && ask('collectCapture', { tabId }),
  () => undefined,
);
ask('getConnection', {});
ask('listServiceDesks', {});
void readLastChoice().then(({ serviceDeskId, requestTypeId }) => {
  if (!serviceDeskId) return;
  ask('listRequestTypes', { serviceDeskId });
  if (requestTypeId) ask('getRequestTypeFields', { serviceDeskId, requestTypeId });
});

// The language of the messages shown (the browser's UI language may have none).
document.documentElement.lang = t('locale_lang');
// The page's static frame (index.html) says what is happening until the app renders in its
// place; popup.html preloads the app, which replaces the frame with the same one.
const status = document.createElement('p');
status.className = 'popup-message';
status.setAttribute('aria-live', 'polite');
status.textContent = t('popup_capturing');
document.querySelector('#app .popup-body')?.append(status);

void import('./app').then(({ renderPopup }) => renderPopup(document.getElementById('app')));
