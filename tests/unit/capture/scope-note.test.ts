import { describe, expect, it } from 'vitest';
import { scopeNote } from '@/utils/capture/collect';
import { formatMessage, LOCALES } from '../i18n/messages';

describe('the capture’s scope note', () => {
  it.each([
    ['always-on', true, 'capture_scopeAlwaysOn'],
    ['from-now', true, 'capture_scopeAllowedLate'],
    ['from-now', false, 'capture_scopeOnOpen'],
  ] as const)(
    '%s (allowed: %s) carries %s, whose English is the logged note',
    (scope, allowed, key) => {
      const note = scopeNote(scope, allowed);
      expect(note.scopeNoteKey).toBe(key);
      expect(formatMessage(LOCALES.en, key)).toBe(note.scopeNote);
      expect(formatMessage(LOCALES.de, key)).not.toBe(note.scopeNote);
    },
  );
});
