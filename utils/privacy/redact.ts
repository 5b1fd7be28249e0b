/**
 * The one scrubber every captured string passes through before it is stored, shown or sent.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{5,}/g, '[redacted:jwt]'],
  [/\b(Bearer|Basic)\s+[\w.~+/-]+=*/gi, '$1 [redacted:credential]'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
