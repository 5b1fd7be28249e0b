import type { ErrorInfo } from './errors';
import { nativeBrowser as browser } from './native-browser';

/**
 * The user-facing text lives in `public/_locales/<lang>/messages.json` (Chrome's i18n format);
 * the browser picks the language and substitutes placeholders, so pages, content scripts and
 * the service worker read it the same way and no text is bundled into the scripts.
 * https://developer.chrome.com/docs/extensions/reference/api/i18n
 *
 * The English file is the reference: its keys type `MessageKey`, so a typo fails typecheck.
 */
export type MessageKey = keyof typeof import('../public/_locales/en/messages.json');

/** Keys that come as a `<base>_one` / `<base>_other` pair, for counts. */
type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_one`
    ? `${Base}_other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

/**
 * The message for `key` in the browser's language, with `$1`…`$9` (and the named placeholders
 * that refer to them) replaced by `substitutions`. A key the locale lacks shows as itself
 * rather than as nothing, so it is noticed.
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** A sentence in the user's words: its message key (public/_locales) and values. */
export interface Words {
  key: MessageKey;
  values?: string[];
}

/** `words` in the browser's language. */
export function say(words: Words): string {
  return t(words.key, words.values);
}

/** An error in the user's words: its message key (and values) when it has one, else its text. */
export function errorText(error: Pick<ErrorInfo, 'message' | 'messageKey' | 'values'>): string {
  return error.messageKey ? t(error.messageKey as MessageKey, error.values ?? []) : error.message;
}

/** The browser's UI language (`en-US`, `de`), for numbers and dates in the same language as the text. */
export function uiLanguage(): string | undefined {
  return browser.i18n.getUILanguage?.() || undefined;
}

/**
 * A count in a sentence: `<base>_one` for 1, else `<base>_other`, with the count as `$1` and
 * `more` as `$2`…. English and German need only these two forms; a language with more plural
 * forms would add keys here (Chrome's i18n has no plural rules of its own).
 */
export function plural(base: PluralKey, count: number, ...more: string[]): string {
  const key = `${base}_${count === 1 ? 'one' : 'other'}` as MessageKey;
  return t(key, [String(count), ...more]);
}

/** Private-use characters around a part's index: they do not occur in messages. */
const MARK = '\uE000';
const SPLIT = new RegExp(`${MARK}(\\d+)${MARK}`);

/**
 * A message with non-text parts (a link, a `<code>`) in the places of `$1`…: the translator
 * sees the whole sentence and may move the parts. Returns text and parts in reading order.
 */
export function interleave<Part>(key: MessageKey, parts: readonly Part[]): Array<string | Part> {
  const pieces = t(
    key,
    parts.map((_, index) => `${MARK}${index}${MARK}`),
  ).split(SPLIT);
  return pieces
    .map((piece, index) => (index % 2 === 1 ? (parts[Number(piece)] as Part) : piece))
    .filter((piece) => piece !== '');
}
