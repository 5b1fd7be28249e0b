/**
 * "Send by e-mail": the last resort when the portal refuses writes and the vendor profile
 * names a support address. JSM turns an e-mail to the vendor's support address into a request
 * raised by the sender (README, "Portal-only customers"). A `mailto:` carries no attachment,
 * so its text says to attach the downloaded report, and is cut to a length mail clients and
 * browsers open reliably (about 2,000 characters for the whole URL).
 */
const MAILTO_MAX_LENGTH = 1900;

interface MailtoInput {
  to: string;
  summary: string;
  text: string;
  /** The line that asks to attach the report file (in the user's language). */
  attachNote: string;
  /** Said when the text had to be cut (in the user's language). */
  cutNote: string;
}

function build(to: string, subject: string, body: string): string {
  return `mailto:${encodeURIComponent(to).replace('%40', '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

export function mailtoFor(input: MailtoInput, maxLength = MAILTO_MAX_LENGTH): string {
  const subject = input.summary.slice(0, 255);
  const whole = `${input.attachNote}\n\n${input.text}`;
  const full = build(input.to, subject, whole);
  if (full.length <= maxLength) return full;
  // Cut the text (not the note) until the encoded URL fits.
  let keep = input.text.length;
  let url = full;
  while (keep > 0 && url.length > maxLength) {
    keep = Math.floor(keep * 0.8);
    url = build(
      input.to,
      subject,
      `${input.attachNote}\n\n${input.text.slice(0, keep)}\n\n${input.cutNote}`,
    );
  }
  return url;
}

/** The readable text of the downloaded report page (HTML), for the e-mail's body. */
export function reportText(
  html: string,
  parse = (s: string) => new DOMParser().parseFromString(s, 'text/html'),
): string {
  const doc = parse(html);
  for (const node of doc.querySelectorAll('script, style, img')) node.remove();
  // textContent has no line breaks of its own: end every block with one.
  for (const block of doc.querySelectorAll('p, div, li, tr, br, pre, h1, h2, h3, h4, h5, h6')) {
    block.append(doc.createTextNode('\n'));
  }
  return (doc.body?.textContent ?? '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
