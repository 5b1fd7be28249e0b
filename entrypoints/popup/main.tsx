import { render } from 'preact';
import { PopupFrame } from '@/components/ui/PopupFrame';
import { readLastChoice } from '@/utils/composer/last-choice';
import { t } from '@/utils/i18n';
import type { BackgroundProtocol } from '@/utils/messages/background';
import { earlySender } from '@/utils/messages/early';
import { targetTabId } from '@/utils/tab-target';

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
const root = document.getElementById('app') as HTMLElement;
// The static frame of index.html makes way for the rendered one.
root.replaceChildren();
// The popup's frame and status show at once; the app (message protocol, schemas: most of the
// first JavaScript's evaluation time) follows in the same moment it is ready.
render(
  <PopupFrame>
    <p class="popup-message" aria-live="polite">
      {t('popup_capturing')}
    </p>
  </PopupFrame>,
  root,
);
void import('./PopupApp').then(({ PopupApp }) => render(<PopupApp />, root));
// The composer's code is fetched alongside, not after the app's (it is most of the popup).
void import('./Composer');
