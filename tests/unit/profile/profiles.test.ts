import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type * as z from 'zod/mini';
import { AppError } from '@/utils/errors';
import { CHECK_MESSAGES } from '@/utils/profile/check-messages';
import { parseProfileJson, profileToJson } from '@/utils/profile/import';
import { vendorProfilesItem } from '@/utils/profile/items';
import {
  escalationLinks,
  STAKATER_PROFILE,
  type VendorProfileSchema,
} from '@/utils/profile/vendor-profiles';
import {
  getEffectiveSettings,
  importProfile,
  listProfiles,
  setActiveProfile,
} from '@/utils/settings/effective';
import { formatMessage, LOCALES } from '../i18n/messages';

const ACME: z.input<typeof VendorProfileSchema> = {
  id: 'acme',
  vendorName: 'Acme Cloud',
  portalUrl: 'https://acme.atlassian.net',
  signUpGuidance: 'Use your work address.',
  severities: { P1: { name: 'Sev 1', definition: 'all clusters down' } },
  escalationChannels: [
    { kind: 'chat', label: 'Premium chat', url: 'https://chat.acme.example/p1', hours: '24/7' },
    { kind: 'phone', label: 'Hotline', number: '+1 (555) 0100', hours: 'Mon-Fri 8-18 CET' },
  ],
  environmentRules: [
    { id: 'acme-prod', pattern: '*.acme-prod.example', environment: 'Production', product: 'Acme' },
  ],
  fieldMappings: { customfield_10010: { source: 'severity', options: { P1: '1' } } },
};

async function importError(text: string): Promise<AppError> {
  try {
    await importProfile(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

describe('vendor profile files', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads a good file, filling defaults', () => {
    const parsed = parseProfileJson(
      JSON.stringify({ id: 'min', vendorName: 'Min', portalUrl: 'https://min.atlassian.net' }),
    );
    expect(parsed).toEqual({
      ok: true,
      profile: {
        id: 'min',
        vendorName: 'Min',
        portalUrl: 'https://min.atlassian.net',
        signUpGuidance: '',
        severities: {},
        escalationChannels: [],
        environmentRules: [],
        fieldMappings: {},
      },
    });
  });

  it('exports what it imports', () => {
    const parsed = parseProfileJson(profileToJson(STAKATER_PROFILE));
    expect(parsed).toEqual({ ok: true, profile: STAKATER_PROFILE });
  });

  it.each([
    ['not JSON', '{"id": ', '', 'not valid JSON'],
    ['a missing field', { id: 'x', vendorName: 'X' }, 'portalUrl', 'Missing'],
    ['a plain-http portal', { ...ACME, portalUrl: 'http://acme.example' }, 'portalUrl', 'https://'],
    ['an unknown severity level', { ...ACME, severities: { P5: { name: 'x' } } }, 'severities', ''],
    [
      'a severity name of the wrong type',
      { ...ACME, severities: { P1: { name: 3 } } },
      'severities.P1.name',
      'string',
    ],
    ['a misspelt key', { ...ACME, severites: {} }, '', 'severites'],
    [
      'a chat channel without https',
      {
        ...ACME,
        escalationChannels: [{ kind: 'chat', label: 'Chat', url: 'javascript:alert(1)' }],
      },
      'escalationChannels.0.url',
      '',
    ],
    [
      'a phone channel with letters',
      { ...ACME, escalationChannels: [{ kind: 'phone', label: 'Hotline', number: 'call us' }] },
      'escalationChannels.0.number',
      'phone number',
    ],
    [
      'an environment rule with an unknown environment',
      { ...ACME, environmentRules: [{ id: 'r', pattern: '*.x', environment: 'Prod' }] },
      'environmentRules.0.environment',
      '',
    ],
    [
      'a field mapping with an unknown source',
      { ...ACME, fieldMappings: { customfield_1: { source: 'priority' } } },
      'fieldMappings.customfield_1.source',
      '',
    ],
  ])('names the field for %s', (_name, input, path, words) => {
    const parsed = parseProfileJson(typeof input === 'string' ? input : JSON.stringify(input));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const problem = parsed.problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(parsed.problems)).toBeDefined();
    expect(problem?.message).toContain(words);
    // Where the problem has the user's words, they say the same as the English message.
    for (const p of parsed.problems) {
      if (p.words) expect(formatMessage(LOCALES.en, p.words.key, p.words.values)).toBe(p.message);
    }
  });

  it('words the schemas’ own checks in the user’s language', () => {
    const parsed = parseProfileJson(
      JSON.stringify({
        ...ACME,
        id: 'Acme Corp',
        supportEmail: 'support at acme',
        escalationChannels: [{ kind: 'phone', label: 'Hotline', number: 'call us' }],
      }),
    );
    if (parsed.ok) throw new Error('should not parse');
    const german = Object.fromEntries(
      parsed.problems.map((p) => [
        p.path,
        p.words ? formatMessage(LOCALES.de, p.words.key, p.words.values) : p.message,
      ]),
    );
    expect(german).toEqual({
      id: 'Muss aus 1 bis 64 Kleinbuchstaben, Ziffern oder Bindestrichen bestehen, z. B. „acme“.',
      supportEmail: 'Muss eine E-Mail-Adresse wie support@example.com sein.',
      'escalationChannels.0.number': 'Muss eine Telefonnummer wie +1 555 0100 sein.',
    });
  });

  it('has the same English text for its own checks as the English locale', () => {
    for (const check of Object.values(CHECK_MESSAGES)) {
      expect(formatMessage(LOCALES.en, check.key)).toBe(check.message);
    }
  });

  it('words a file that is not JSON, or too large, in the user’s language', () => {
    const parsed = parseProfileJson('{ nope');
    if (parsed.ok) throw new Error('not JSON');
    const words = parsed.problems[0]?.words;
    expect(words?.key).toBe('profileProblem_notJson');
    expect(words && formatMessage(LOCALES.de, words.key, words.values)).toMatch(
      /^Die Datei ist kein gültiges JSON \(.+\)\.$/,
    );
    const large = parseProfileJson(' '.repeat(300 * 1024));
    expect(large.ok ? undefined : large.problems[0]?.words?.key).toBe('profileProblem_tooLarge');
  });

  it('escalation channels become links the delivery component accepts', () => {
    const parsed = parseProfileJson(JSON.stringify(ACME));
    if (!parsed.ok) throw new Error('ACME should parse');
    expect(escalationLinks(parsed.profile.escalationChannels)).toEqual([
      { kind: 'chat', label: 'Premium chat (24/7)', href: 'https://chat.acme.example/p1' },
      {
        kind: 'phone',
        label: 'Hotline: +1 (555) 0100 (Mon-Fri 8-18 CET)',
        href: 'tel:+15550100',
      },
    ]);
  });
});

describe('importing and choosing profiles', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts with the built-in profile active', async () => {
    const active = await getEffectiveSettings();
    expect(active.profileSource).toBe('built-in');
    expect(active.profile.id).toBe('stakater');
    expect(active.severityDefinitions[0]).toEqual({
      level: 'P1',
      name: 'Critical',
      definition: 'production outage, no viable workaround',
    });
  });

  it('imports a profile and makes it active', async () => {
    await importProfile(JSON.stringify(ACME));
    const active = await getEffectiveSettings();
    expect(active.profileSource).toBe('imported');
    expect(active.severityDefinitions[0]).toEqual({
      level: 'P1',
      name: 'Sev 1',
      definition: 'all clusters down',
    });
    expect(active.severityDefinitions[1]?.name).toBe('High');
    expect(active.escalationChannels.map((c) => c.href)).toEqual([
      'https://chat.acme.example/p1',
      'tel:+15550100',
    ]);
    expect(active.environmentRules.vendor[0]?.pattern).toBe('*.acme-prod.example');
    expect(active.fieldMappings.customfield_10010?.source).toBe('severity');
    expect((await listProfiles()).map((p) => p.id)).toEqual(['stakater', 'acme']);
    await setActiveProfile('stakater');
    expect((await getEffectiveSettings()).profile.id).toBe('stakater');
  });

  it('a bad field names that field and changes nothing', async () => {
    await importProfile(JSON.stringify(ACME));
    const before = await fakeBrowser.storage.local.get();
    const bad = {
      ...ACME,
      id: 'acme-2',
      vendorName: 'Acme Two',
      escalationChannels: [
        ACME.escalationChannels?.[0],
        { kind: 'phone', label: 'Hotline', number: 'call us' },
      ],
    };
    const error = await importError(JSON.stringify(bad));
    expect(error.code).toBe('validation');
    expect(error.message).toContain('nothing was changed');
    expect(Object.keys(error.info.fields ?? {})).toEqual(['escalationChannels.1.number']);
    // Not half-applied: the stored profiles, the active one and every other key are as before.
    expect(await fakeBrowser.storage.local.get()).toEqual(before);
    expect((await getEffectiveSettings()).profile.id).toBe('acme');
    expect(Object.keys((await vendorProfilesItem.get()).imported)).toEqual(['acme']);
  });

  it('refuses to switch to a profile that is not there', async () => {
    await expect(setActiveProfile('nobody')).rejects.toMatchObject({ code: 'not-found' });
  });
});
