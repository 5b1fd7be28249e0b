import { describe, expect, it } from 'vitest';
import { checkPortalUrl, gatewayUrlFor, requiredOrigins, tokenHint } from '@/utils/portal/settings';
import { findVendorProfile, STAKATER_PROFILE } from '@/utils/profile/vendor-profiles';
import { severityDefinitions } from '@/utils/severity/wording';

describe('portal settings', () => {
  it.each([
    ['https://vendor.atlassian.net', 'https://vendor.atlassian.net'],
    ['vendor.atlassian.net', 'https://vendor.atlassian.net'],
    ['https://vendor.atlassian.net/servicedesk/customer/portal/1', 'https://vendor.atlassian.net'],
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
    ['http://localhost:4010', 'http://localhost:4010'],
  ])('accepts %s as %s', (input, siteUrl) => {
    expect(checkPortalUrl(input)).toEqual({ ok: true, siteUrl });
  });

  it.each([
    ['', 'Enter the Portal URL'],
    ['http://vendor.atlassian.net', 'must start with https://'],
    ['ftp://vendor.atlassian.net', 'must start with https://'],
    ['https://user:pw@vendor.atlassian.net', 'user name and password'],
    ['https://exa mple', 'not a web address'],
  ])('refuses %s', (input, message) => {
    const result = checkPortalUrl(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  it('asks for the site, and the gateway for scoped tokens', () => {
    const local = { portalUrl: 'http://127.0.0.1:4010', authMethod: 'portal-session' as const };
    expect(requiredOrigins({ ...local, tokenKind: 'classic' })).toEqual(['http://127.0.0.1/*']);
    expect(
      requiredOrigins({
        portalUrl: 'https://v.atlassian.net',
        authMethod: 'api-token',
        tokenKind: 'scoped',
      }),
    ).toEqual(['https://v.atlassian.net/*', 'https://api.atlassian.com/*']);
    expect(
      requiredOrigins({
        portalUrl: 'https://v.atlassian.net',
        authMethod: 'portal-session',
        tokenKind: 'scoped',
      }),
    ).toEqual(['https://v.atlassian.net/*']);
    expect(gatewayUrlFor('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
  });

  it('shows only the last four characters of a token', () => {
    expect(tokenHint('ATATT3xFfGF0-secret-1234')).toBe('••••1234');
  });

  it('bundles the first vendor profile', () => {
    expect(findVendorProfile('stakater')).toBe(STAKATER_PROFILE);
    expect(STAKATER_PROFILE.portalUrl).toBe('https://stakater-cloud.atlassian.net');
    expect(STAKATER_PROFILE.signUpGuidance).toContain('official company email address');
    expect(
      severityDefinitions(STAKATER_PROFILE.severities).map((s) => `${s.level} ${s.name}`),
    ).toEqual(['P1 Critical', 'P2 High', 'P3 Medium', 'P4 Low']);
  });
});
