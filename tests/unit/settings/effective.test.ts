import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { captureSettingsItem } from '@/utils/capture/items';
import { redact } from '@/utils/privacy/redact';
import { parseManagedPolicy } from '@/utils/profile/policy';
import {
  followEffectiveSettings,
  getEffectiveSettings,
  importProfile,
} from '@/utils/settings/effective';
import { mergeSettings } from '@/utils/settings/merge';

type UserSettings = Parameters<typeof mergeSettings>[0];

const USER: UserSettings = {
  portal: null,
  allowedOrigins: [],
  environmentRules: [],
  profiles: { imported: {} },
};

const ACME = {
  id: 'acme',
  vendorName: 'Acme',
  portalUrl: 'https://acme.atlassian.net',
  severities: { P1: { name: 'Sev 1', definition: 'Acme cluster unreachable' } },
  escalationChannels: [{ kind: 'chat', label: 'Acme war room', url: 'https://chat.acme.example' }],
  fieldMappings: { customfield_1: { source: 'severity' } },
};

describe('effective settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('an imported profile brings its severity wording, escalation and mapping defaults', async () => {
    await importProfile(JSON.stringify(ACME));
    const settings = await getEffectiveSettings();
    expect(settings.profileSource).toBe('imported');
    expect(settings.severityDefinitions[0]).toMatchObject({
      level: 'P1',
      name: 'Sev 1',
      definition: 'Acme cluster unreachable',
    });
    expect(settings.escalationChannels).toEqual([
      { kind: 'chat', label: 'Acme war room', href: 'https://chat.acme.example' },
    ]);
    expect(settings.fieldMappings).toEqual({ customfield_1: { source: 'severity' } });
  });

  it('the profile chosen with the portal connection is active until another is chosen', () => {
    const merged = mergeSettings(
      {
        ...USER,
        portal: {
          portalUrl: 'https://stakater-cloud.atlassian.net',
          authMethod: 'portal-session',
          tokenKind: 'classic',
          vendorProfileId: 'stakater',
        },
      },
      parseManagedPolicy({}),
    );
    expect(merged.profile.id).toBe('stakater');
    expect(merged.profileSource).toBe('built-in');
  });

  it('the policy request type is preselected and locked', () => {
    const merged = mergeSettings(
      USER,
      parseManagedPolicy({
        serviceDeskId: '1',
        requestTypeId: '12',
        lockedSettings: ['requestType'],
      }),
    );
    expect(merged.composerDefaults).toEqual({ serviceDeskId: '1', requestTypeId: '12' });
    expect(merged.locked.requestType).toBe(true);
  });

  it('following the settings makes redact() mask e-mails when the user asks', async () => {
    await captureSettingsItem.set({ captureWarnings: true, maskEmails: true, customPatterns: [] });
    const seen = await new Promise<boolean>((resolve) => {
      const stop = followEffectiveSettings((settings) => {
        stop();
        resolve(settings.capture.maskEmails);
      });
    });
    expect(seen).toBe(true);
    expect(redact('mail ops@example.com now')).toBe('mail [redacted:email] now');
    await captureSettingsItem.set({ captureWarnings: true, maskEmails: false, customPatterns: [] });
    await new Promise<void>((resolve) => {
      const stop = followEffectiveSettings(() => {
        stop();
        resolve();
      });
    });
    expect(redact('mail ops@example.com now')).toBe('mail ops@example.com now');
  });
});
