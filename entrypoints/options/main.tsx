import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { OptionsApp } from './OptionsApp';

// index.html carries the English title; the page shows the browser's language.
document.title = t('options_heading');
document.documentElement.lang = browser.i18n.getUILanguage();
render(<OptionsApp />, document.getElementById('app') as HTMLElement);
