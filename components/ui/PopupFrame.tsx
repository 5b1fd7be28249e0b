import type { ComponentChildren } from 'preact';
import { t } from '@/utils/i18n';
import { Icon } from './Icon';

/**
 * The popup's frame: a header, and a body that scrolls on its own so a stage's footer (its
 * main action) stays on screen. Fixed size (theme.css `.popup`) in the toolbar and as a tab.
 */
export function PopupFrame({ children }: { children: ComponentChildren }) {
  return (
    <div class="popup">
      <header class="popup-header">
        <h1 class="popup-brand">
          <Icon name="logo" />
          {t('extName')}
        </h1>
      </header>
      <main class="popup-body">{children}</main>
    </div>
  );
}
