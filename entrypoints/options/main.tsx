import { render } from 'preact';
import { t } from '@/utils/i18n';
import { OptionsApp } from './OptionsApp';

// index.html carries the English title; the page shows the browser's language.
document.title = t('options_heading');
// The language of the messages shown (the browser's UI language may have none).
document.documentElement.lang = t('locale_lang');
render(<OptionsApp />, document.getElementById('app') as HTMLElement);
