// Components read their text through browser.i18n; unit tests see the English messages.
import { setLocale } from './messages';

setLocale('en');
