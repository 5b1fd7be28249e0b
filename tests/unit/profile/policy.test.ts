import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { allowOrigin, removeOrigin } from '@/utils/capture/allowed-origins';
import { allowedOriginsItem, environmentRulesItem } from '@/utils/capture/items';
import { AppError } from '@/utils/errors';
import { portalSettingsItem } from '@/utils/portal/items';
import { parseManagedPolicy } from '@/utils/profile/policy';
import {
  getEffectiveSettings,
  importProfile,
  readPortalSettings,
} from '@/utils/settings/effective';
import { mergeSettings } from '@/utils/settings/merge';

type UserSettings = Parameters<typeof mergeSettings>[0];

const USER: UserSettings = {
  portal: {
    portalUrl: 'https://mine.atlassian.net',
    authMethod: 'api-token',
    email: 'a@b.c',
    tokenKind: 'scoped',
  },
  allowedOrigins: ['https://mine.example'],
  environmentRules: [{ id: 'u1', pattern: '*.mine.example', environment: 'Staging', product: '' }],
  profiles: { imported: {} },
};

const INLINE = JSON.stringify({
  id: 'acme',
  vendorName: 'Acme',
  portalUrl: 'https://acme.atlassian.net',
  escalationChannels: [{ kind: 'phone', label: 'Hotline', number: '+1 555 0100' }],
});

describe('managed policy', () => {
  beforeEach(() => fakeBrowser.reset());

  it('without a policy the user decides everything', () => {
    const merged = mergeSettings(USER, parseManagedPolicy({}));
    expect(merged.profile.id).toBe('stakater');
    expect(Object.values(merged.locked).every((v) => v === false)).toBe(true);
    expect(merged.allowedOrigins).toEqual([{ origin: 'https://mine.example', source: 'user' }]);
    expect(merged.composerDefaults).toEqual({});
  });

  it('policy values win and are locked', () => {
    const merged = mergeSettings(
      USER,
      parseManagedPolicy({
        profile: INLINE,
        portalUrl: 'https://support.acme.example/servicedesk/customer/portals',
        authMethod: 'portal-session',
        allowedCaptureOrigins: ['https://console.acme.example'],
        environmentRules: [{ pattern: 'console.acme.example', environment: 'Production' }],
        serviceDeskId: '7',
        requestTypeId: '70',
        lockedSettings: ['environmentRules', 'allowedOrigins'],
      }),
    );
    expect(merged.profile.id).toBe('acme');
    expect(merged.profileSource).toBe('policy');
    expect(merged.portal).toEqual({
      portalUrl: 'https://support.acme.example',
      authMethod: 'portal-session',
    });
    expect(merged.locked).toEqual({
      portalUrl: true,
      authMethod: true,
      allowedOrigins: true,
      environmentRules: true,
      profile: true,
      requestType: true,
    });
    expect(merged.allowedOrigins).toEqual([
      { origin: 'https://console.acme.example', source: 'policy' },
    ]);
    expect(merged.environmentRules.policy).toEqual([
      { id: 'policy:1', pattern: 'console.acme.example', environment: 'Production', product: '' },
    ]);
    expect(merged.environmentRules.user).toEqual([]);
    expect(merged.composerDefaults).toEqual({ serviceDeskId: '7', requestTypeId: '70' });
    expect(merged.policyProblems).toEqual([]);
  });

  it('names a built-in profile, and keeps the user lists when not locked', () => {
    const merged = mergeSettings(
      USER,
      parseManagedPolicy({ profile: 'stakater', allowedCaptureOrigins: ['https://org.example'] }),
    );
    expect(merged.profile.id).toBe('stakater');
    expect(merged.portal.portalUrl).toBe('https://stakater-cloud.atlassian.net');
    expect(merged.allowedOrigins.map((o) => o.source)).toEqual(['policy', 'user']);
    expect(merged.environmentRules.user).toHaveLength(1);
  });

  it('reports bad policy values by key and uses the good ones', () => {
    const read = parseManagedPolicy({
      profile: 'nobody',
      portalUrl: 'http://insecure.example',
      allowedCaptureOrigins: ['https://ok.example', 'not an origin'],
      environmentRules: [{ pattern: 'x.example', environment: 'Live' }],
      lockedSettings: ['everything'],
      serviceDeskId: '3',
    });
    expect(read.problems.map((p) => p.path)).toEqual([
      'profile',
      'portalUrl',
      'allowedCaptureOrigins.1',
      'environmentRules.0.environment',
      'lockedSettings.0',
    ]);
    expect(read.policy).toEqual({ lockedSettings: [], serviceDeskId: '3' });
  });

  it('a bad inline profile in the policy names its field', () => {
    const read = parseManagedPolicy({ profile: INLINE.replace('"phone"', '"fax"') });
    expect(read.problems).toEqual([
      {
        path: 'profile.escalationChannels.0.kind',
        message: 'Must be one of "chat", "phone".',
        words: { key: 'profileProblem_oneOf', values: ['"chat", "phone"'] },
      },
    ]);
  });

  it('the capture, the portal and the profile read the policy from storage.managed', async () => {
    await fakeBrowser.storage.managed.set({
      profile: INLINE,
      environmentRules: [{ pattern: '127.0.0.1', environment: 'Production', product: 'Org' }],
      authMethod: 'portal-session',
    });
    await environmentRulesItem.set([...USER.environmentRules]);
    const effective = await getEffectiveSettings();
    expect(effective.environmentRules.policy[0]?.product).toBe('Org');
    expect(effective.environmentRules.user).toHaveLength(1);
    expect((await getEffectiveSettings()).escalationChannels[0]?.href).toBe('tel:+15550100');
    // No saved connection: the policy's portal is usable as it is.
    expect(await readPortalSettings()).toEqual({
      portalUrl: 'https://acme.atlassian.net',
      authMethod: 'portal-session',
      tokenKind: 'classic',
    });
    await portalSettingsItem.set(USER.portal);
    expect(await readPortalSettings()).toMatchObject({
      portalUrl: 'https://acme.atlassian.net',
      authMethod: 'portal-session',
      email: 'a@b.c',
      tokenKind: 'classic',
    });
    await expect(importProfile(INLINE)).rejects.toMatchObject({ code: 'locked' });
  });

  it('users cannot add or remove sites the policy decides', async () => {
    await fakeBrowser.storage.managed.set({
      allowedCaptureOrigins: ['https://org.example'],
      lockedSettings: ['allowedOrigins'],
    });
    await expect(allowOrigin('https://mine.example')).rejects.toBeInstanceOf(AppError);
    await expect(removeOrigin('https://org.example')).rejects.toMatchObject({ code: 'locked' });
    expect(await allowedOriginsItem.get()).toEqual([]);
  });
});

describe('environment inference with the organisation rules', () => {
  it('the policy tier decides before the user rules and says so', async () => {
    const { inferEnvironment } = await import('@/utils/capture/environment');
    const inference = inferEnvironment(
      'https://console.acme.example/ns',
      [{ id: 'u', pattern: 'console.acme.example', environment: 'Staging', product: 'Mine' }],
      undefined,
      [],
      [{ id: 'policy:1', pattern: '*.acme.example', environment: 'Production', product: '' }],
    );
    expect(inference.environment).toEqual({
      value: 'Production',
      matched: {
        source: 'policy',
        ruleId: 'policy:1',
        description: 'Your organisation\'s rule #1 "*.acme.example"',
        words: { key: 'ruleMatch_policy', values: ['1', '*.acme.example'] },
      },
    });
    expect(inference.product.value).toBe('Mine');
  });
});
