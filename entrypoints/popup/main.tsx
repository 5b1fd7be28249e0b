import { render } from 'preact';
import { t } from '@/utils/i18n';
import { PopupApp } from './PopupApp';

// The language of the messages shown (the browser's UI language may have none).
document.documentElement.lang = t('locale_lang');
render(<PopupApp />, document.getElementById('app') as HTMLElement);
