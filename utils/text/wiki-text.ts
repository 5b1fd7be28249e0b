/**
 * The one encoder for text the portal renders as Jira wiki markup (the description, paragraph
 * fields, comments). Jira Cloud turns wiki text into its document format with Atlassian's
 * converter (`@atlaskit/editor-wikimarkup-transformer`, run in tests/unit/ticket/wiki-text.test.ts),
 * so the rules here follow that converter:
 * - markup characters get a backslash, which the converter drops, so text reads as typed;
 * - no HTML entities: the converter shows them literally;
 * - URLs stay untouched, so they become clean links showing their own address; nothing else
 *   can become a link, a mention, an image, a macro, a heading or an emoticon;
 * - what a backslash cannot make safe (a line starting `h1.`/`bq.`, `:D`, `mailto:`, a
 *   backslash before a markup character) goes into a verbatim `{noformat}` block instead;
 * - every value passes the user's redaction, and long values are cut at the field's limit.
 */
import { redactCounted } from '../privacy/redact';

/**
 * Jira's limit for the description and multi-line text fields
 * (docs/jsm-portal.md#field-limits).
 */
export const MAX_TEXT_FIELD = 32_767;
const SHORTENED = '… (shortened to fit the field)';

/** Characters the converter treats as markup and drops a backslash before. */
const ESCAPABLE = new Set('-#*_+?^~|%{}[]()!@'.split(''));
/** Of those, the ones that can start markup and so are escaped. */
const MARKUP = /[-#*_+?^~|{}[\]()!]/;

/**
 * The converter's own URL pattern (its link-text tokenizer) and the characters it trims from
 * a URL's end: a URL found here is the very link the converter makes.
 */
const URL_PATTERN =
  /^((?:(?:https?|ftps?):\/\/)|irc:\/\/)([\w?!~^/\\#$%&'()*+,\-./:;<=@]*[\w~^/\\#$%&'()*+,\-/:;<=@])/i;
const BAD_END = /[.,>)\];}"'!]*$/;
const URL_START = /(?:https?|ftps?|irc):\/\//gi;

/** Emoticons the converter turns into emoji that no backslash can stop (`:P`, `:D`). */
const EMOTICON = /[:;][PpD](?![A-Za-z0-9])/;
/** Line starts that are markup and cannot be escaped. */
const LEADING = /^\s*(h[1-6]\.|bq\.)/;

function urlAt(text: string, index: number): string | undefined {
  const match = URL_PATTERN.exec(text.slice(index));
  if (!match) return undefined;
  const url = match[0].replace(BAD_END, '');
  if (url.includes('\\')) return undefined;
  try {
    new URL(url);
  } catch {
    return undefined;
  }
  return url;
}

/** One line escaped, or `undefined` when escaping cannot make it read as typed. */
function escapeLine(line: string): string | undefined {
  if (LEADING.test(line) || EMOTICON.test(line) || /mailto:/i.test(line)) return undefined;
  let out = '';
  const links = new Map<number, string>();
  let index = 0;
  while (index < line.length) {
    URL_START.lastIndex = index;
    const found = URL_START.exec(line);
    const end = found ? found.index : line.length;
    for (let i = index; i < end; i++) {
      const c = line.charAt(i);
      if (c === '\\') {
        // A backslash reads as itself only before an ordinary character.
        const next = line.charAt(i + 1);
        if (next === '' || next === '\\' || ESCAPABLE.has(next)) return undefined;
        out += c;
      } else out += MARKUP.test(c) ? `\\${c}` : c;
    }
    if (!found) break;
    const url = urlAt(line, found.index);
    if (url) {
      links.set(out.length, url);
      out += url;
      index = found.index + url.length;
      // A closing bracket right after a URL is plain text to the converter, and escaping it
      // would put a backslash into the link.
      const next = line.charAt(index);
      if (next === ')' || next === ']') {
        out += next;
        index += 1;
      }
    } else {
      // Not a URL after all: its first character as text, then carry on.
      out += line.charAt(found.index);
      index = found.index + 1;
    }
  }
  // The converter must find exactly these links (an escape right after a URL would join it).
  URL_START.lastIndex = 0;
  for (const match of out.matchAll(URL_START)) {
    const intended = links.get(match.index);
    const seen = URL_PATTERN.exec(out.slice(match.index))?.[0].replace(BAD_END, '');
    if (seen !== intended) return undefined;
  }
  return out;
}

/**
 * A verbatim block. The converter ends a `{noformat}` block only at the same spelling it was
 * opened with (case-sensitive), so a spelling absent from the text is chosen.
 */
export function verbatimBlock(text: string): string {
  const body = text.replace(/\r\n?/g, '\n');
  let name = 'noformat';
  for (let n = 0; n < 256 && body.includes(`{${name}}`); n++) {
    name = [...'noformat'].map((c, i) => (((n + 1) >> i) & 1 ? c.toUpperCase() : c)).join('');
  }
  return `{${name}}\n${body}\n{${name}}`;
}

/**
 * Text as it should read, in wiki markup: paragraphs (split on blank lines) are escaped line
 * by line; a paragraph that escaping cannot keep verbatim becomes a `{noformat}` block.
 */
export function wikiText(text: string): string {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  return paragraphs
    .map((paragraph) => {
      const lines = paragraph.split('\n').map(escapeLine);
      if (lines.every((line) => line !== undefined)) return lines.join('\n');
      return verbatimBlock(paragraph);
    })
    .join('\n\n');
}

interface EncodedText {
  /** Wiki markup to send. */
  text: string;
  /** Secrets the redaction removed. */
  redactions: number;
  /** Whether the text was cut to fit the field. */
  shortened: boolean;
}

interface EncodeOptions {
  /** The field's limit in characters (default: Jira's 32,767). */
  max?: number;
  /** Text already in wiki markup, put before the encoded text (not redacted or escaped). */
  after?: string;
}

/**
 * Typed or captured text for a wiki-rendered field: redacted, escaped, and cut at the
 * field's limit with a note, keeping `after` (e.g. the capture reference) whole.
 */
export function encodeText(text: string, options: EncodeOptions = {}): EncodedText {
  const max = options.max ?? MAX_TEXT_FIELD;
  const redacted = redactCounted(text);
  const tail = options.after ? `\n\n${options.after}` : '';
  const full = `${wikiText(redacted.text)}${tail}`;
  if (full.length <= max) return { text: full, redactions: redacted.count, shortened: false };
  const room = max - tail.length - SHORTENED.length - 2;
  let lo = 0;
  let hi = redacted.text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (wikiText(redacted.text.slice(0, mid)).length <= room) lo = mid;
    else hi = mid - 1;
  }
  return {
    text: `${wikiText(redacted.text.slice(0, lo))}\n\n${SHORTENED}${tail}`,
    redactions: redacted.count,
    shortened: true,
  };
}

/** Wiki markup of already-composed text cut at a limit, keeping the last line (reference). */
export function fitWiki(wiki: string, max = MAX_TEXT_FIELD): string {
  if (wiki.length <= max) return wiki;
  const cut = wiki.lastIndexOf('\n\n');
  const last = cut >= 0 ? wiki.slice(cut) : '';
  return `${wiki.slice(0, max - last.length - SHORTENED.length - 2)}\n\n${SHORTENED}${last}`;
}
