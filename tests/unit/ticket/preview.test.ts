import { describe, expect, it } from 'vitest';
import type { Words } from '@/utils/i18n';
import { composeDescription } from '@/utils/ticket/description';
import { buildPreview } from '@/utils/ticket/preview';
import { formatMessage, LOCALES } from '../i18n/messages';
import { draft } from './fixtures';

/** What the popup shows for the words, in English or German. */
const say = (words: Words, lang: 'en' | 'de' = 'en') =>
  formatMessage(LOCALES[lang], words.key, words.values);

describe('buildPreview', () => {
  const d = draft({
    impact: 'Token Bearer abc123def456ghi leaks',
    participants: [{ accountId: 'acc-1', displayName: 'Ann' }, { accountId: 'acc-2' }],
  });

  it('shows the description as it will be sent, with attachments and sizes', () => {
    const preview = buildPreview({
      draft: d,
      attachments: [
        { name: 'screenshot.png', size: 250_000, type: 'image/png' },
        { name: 'console.log', size: 900, type: 'text/plain' },
      ],
    });
    expect(preview.description).toBe(composeDescription(d));
    expect(preview.summary).toBe(`${d.summary} [SC-7F3K9Q]`);
    expect(preview.attachments.map((a) => `${a.name} ${a.sizeLabel}`)).toEqual([
      'screenshot.png 244\u00a0kB',
      'console.log 900\u00a0bytes',
    ]);
    expect(preview.totalSize).toBe(250_900);
    expect(preview.totalSizeLabel).toBe('245\u00a0kB');
  });

  it('lists participants by name, falling back to account ids', () => {
    expect(buildPreview({ draft: d, attachments: [] }).participants).toEqual(['Ann', 'acc-2']);
    expect(
      buildPreview({ draft: d, attachments: [], participants: [{ displayName: 'Bob' }] })
        .participants,
    ).toEqual(['Bob']);
  });

  it('says who will see it: the request, the organisation, and e-mailed attachments', () => {
    const preview = buildPreview({
      draft: d,
      attachments: [{ name: 'a.png', size: 1, type: 'image/png' }],
      organisation: 'Acme Ops',
      portalName: 'support.vendor.example',
    });
    expect(preview.audience).toEqual([
      "The vendor's support team on support.vendor.example, and you as the reporter.",
      'Everyone on the request: Ann, acc-2. Participants get the same notifications as you.',
      'Everyone in the organisation "Acme Ops", because the request is shared with it.',
      'Attachments may be sent by e-mail with notifications to everyone on the request.',
    ]);
    // The popup shows the same sentences in the user's language.
    expect(preview.audienceWords.map((w) => say(w))).toEqual(preview.audience);
    expect(preview.audienceWords.map((w) => say(w, 'de'))).toEqual([
      'Das Support-Team des Anbieters auf support.vendor.example und Sie als meldende Person.',
      'Alle Beteiligten der Anfrage: Ann, acc-2. Beteiligte erhalten dieselben Benachrichtigungen wie Sie.',
      'Alle in der Organisation „Acme Ops“, weil die Anfrage mit ihr geteilt wird.',
      'Anhänge können mit den Benachrichtigungen per E-Mail an alle Beteiligten der Anfrage gesendet werden.',
    ]);
  });

  it('says nobody else is added when alone, and omits the e-mail line without attachments', () => {
    const preview = buildPreview({ draft: draft(), attachments: [] });
    expect(preview.audience).toEqual([
      "The vendor's support team, and you as the reporter.",
      'Nobody else is added to the request.',
    ]);
    expect(preview.audienceWords.map((w) => say(w))).toEqual(preview.audience);
  });

  it('counts redactions from the capture and from typed text', () => {
    const preview = buildPreview({
      draft: { ...d, context: { ...d.context, redactions: 2 } },
      attachments: [],
    });
    expect(preview.redactions).toBe(3);
    expect(preview.redactionNote).toBe(
      '3 secrets were redacted (tokens and credentials replaced by [redacted]).',
    );
    expect(say(preview.redactionWords)).toBe(preview.redactionNote);
    expect(say(preview.redactionWords, 'de')).toBe(
      '3 Geheimnisse wurden geschwärzt (Tokens und Zugangsdaten durch [redacted] ersetzt).',
    );
    expect(preview.description).not.toContain('abc123def456ghi');
  });

  it.each([
    [0, 'No secrets were found to redact.'],
    [1, '1 secret was redacted (tokens and credentials replaced by [redacted]).'],
  ])('words %d redactions', (count, note) => {
    const base = draft();
    const preview = buildPreview({
      draft: { ...base, context: { ...base.context, redactions: count } },
      attachments: [],
    });
    expect(preview.redactionNote).toBe(note);
    expect(say(preview.redactionWords)).toBe(note);
  });
});
