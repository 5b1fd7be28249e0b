/**
 * The locale files as the browser reads them, for unit tests: the fake browser has no
 * `i18n.getMessage`, so tests install one that follows Chrome's rules.
 * https://developer.chrome.com/docs/extensions/reference/api/i18n#method-getMessage
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import de from '../../../public/_locales/de/messages.json';
import en from '../../../public/_locales/en/messages.json';

export interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Messages = Record<string, Message>;

export const LOCALES: Record<'en' | 'de', Messages> = { en, de };

/**
 * Chrome's substitution: named placeholders (`$name$`, case-insensitive) become their
 * `content`, then `$1`…`$9` become the substitutions (missing ones: nothing) and `$$` a `$`,
 * in one pass, so a substitution's own `$1` stays as it is. Unknown keys give "".
 */
export function formatMessage(
  messages: Messages,
  key: string,
  substitutions?: string | (string | number)[],
): string {
  const entry =
    messages[key] ??
    messages[Object.keys(messages).find((k) => k.toLowerCase() === key.toLowerCase()) ?? ''];
  if (!entry) return '';
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  const withPlaceholders = entry.message.replace(
    /\$([a-zA-Z0-9_@]+)\$/g,
    (whole, name: string) => placeholders[name.toLowerCase()] ?? whole,
  );
  const subs = substitutions === undefined ? [] : [substitutions].flat().map(String);
  return withPlaceholders.replace(/\$(\$|[1-9])/g, (_, what: string) =>
    what === '$' ? '$' : (subs[Number(what) - 1] ?? ''),
  );
}

/** Makes `browser.i18n.getMessage` answer from one locale's messages. */
export function setLocale(locale: keyof typeof LOCALES): void {
  const messages = LOCALES[locale];
  fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) =>
    formatMessage(messages, key, substitutions);
  fakeBrowser.i18n.getUILanguage = () => locale;
}
