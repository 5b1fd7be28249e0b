/**
 * The stored form of a step: label and location redacted and capped. The recorder keeps
 * crumbs raw in this script's memory (redaction runs dozens of patterns; most crumbs are never
 * sent) and passes every one through `redactCrumb` before the trail leaves it.
 */
import { redact } from '../../privacy/redact';
import type { Breadcrumb } from './breadcrumb';
import { cut, rawLabel } from './element-name';
import { BREADCRUMB_LIMITS } from './limits';

/** Results kept per cache; cleared when full. Users click the same few controls again and again. */
const CACHE_SIZE = 200;

function cached(compute: (key: string) => string): (key: string) => string {
  const known = new Map<string, string>();
  return (key) => {
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (known.size >= CACHE_SIZE) known.clear();
    known.set(key, value);
    return value;
  };
}

const cleanRawLabel = cached((raw) => cut(redact(raw), BREADCRUMB_LIMITS.storedChars));

/** Redacted, capped, single-line text for a label. */
export function cleanLabel(text: string): string {
  return cleanRawLabel(rawLabel(text));
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A location as it appears in a step: path and hash, with query values dropped (search boxes
 * often put typed text there) and the rest redacted. `/search?q=…&page=…#/x`
 */
export function describeLocation(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return '';
  }
  const dropValues = (query: string) =>
    query
      .split('&')
      .filter(Boolean)
      .map((pair) => `${decodeSafe(pair.split('=')[0] ?? '')}=…`)
      .join('&');
  const query = url.search.length > 1 ? `?${dropValues(url.search.slice(1))}` : '';
  let hash = url.hash;
  const hashQuery = hash.indexOf('?');
  if (hashQuery >= 0) hash = `${hash.slice(0, hashQuery)}?${dropValues(hash.slice(hashQuery + 1))}`;
  return cut(redact(`${decodeSafe(url.pathname)}${query}${hash}`), BREADCRUMB_LIMITS.storedChars);
}

const describeLocationCached = cached(describeLocation);

/** The stored form of a crumb the recorder kept raw: label and location redacted and capped. */
export function redactCrumb(crumb: Breadcrumb): Breadcrumb {
  return {
    ...crumb,
    label: cleanLabel(crumb.label),
    location: describeLocationCached(crumb.location),
  };
}
