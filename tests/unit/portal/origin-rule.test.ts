import { describe, expect, it } from 'vitest';
import { applyOriginRules, portalOrigins, rewrittenHeaders } from '@/utils/portal/origin-rule';

/** The session rules as the browser keeps them, for applyOriginRules. */
function sessionRules(initial: { id: number }[] = []) {
  let rules: { id: number }[] = initial;
  const api: Parameters<typeof applyOriginRules>[0] = {
    getSessionRules: async () => rules,
    updateSessionRules: async (update) => {
      rules = [
        ...rules.filter((rule) => !update.removeRuleIds?.includes(rule.id)),
        ...(update.addRules ?? []),
      ];
    },
  };
  return { api, rules: () => rules };
}

describe('the portal origin rule (Chromium)', () => {
  it('sets the portal origin as Origin and Referer on non-tab requests to that origin only', async () => {
    const session = sessionRules();
    await applyOriginRules(session.api, ['https://vendor.atlassian.net']);
    expect(session.rules()).toEqual([
      {
        id: 7100,
        priority: 1,
        action: {
          type: 'modifyHeaders',
          requestHeaders: [
            { header: 'origin', operation: 'set', value: 'https://vendor.atlassian.net' },
            { header: 'referer', operation: 'set', value: 'https://vendor.atlassian.net/' },
          ],
        },
        condition: {
          urlFilter: '|https://vendor.atlassian.net/',
          tabIds: [-1],
          resourceTypes: ['xmlhttprequest'],
        },
      },
    ]);
  });

  it('keeps the port and drops paths: one rule per origin', () => {
    expect(
      portalOrigins([
        'http://127.0.0.1:4000',
        'http://127.0.0.1:4000/servicedesk',
        'https://api.atlassian.com',
      ]),
    ).toEqual(['http://127.0.0.1:4000', 'https://api.atlassian.com']);
  });

  it('replaces only its own session rules', async () => {
    const session = sessionRules([{ id: 1 }, { id: 7100 }, { id: 7101 }]);
    await applyOriginRules(session.api, ['https://a.atlassian.net']);
    expect(session.rules().map((rule) => rule.id)).toEqual([1, 7100]);
    await applyOriginRules(session.api, []);
    expect(session.rules().map((rule) => rule.id)).toEqual([1]);
  });
});

describe('the portal origin rewrite (Firefox)', () => {
  const own = 'moz-extension://0a1b2c3d-0000-4000-8000-000000000001/';
  const origins = new Set(['https://vendor.atlassian.net']);
  const headers = [
    { name: 'Origin', value: 'moz-extension://0a1b2c3d-0000-4000-8000-000000000001' },
    { name: 'Content-Type', value: 'application/json' },
  ];

  it('rewrites the extension background requests to the portal', () => {
    expect(
      rewrittenHeaders(
        {
          url: 'https://vendor.atlassian.net/rest/servicedeskapi/request',
          originUrl: `${own}_generated_background_page.html`,
          tabId: -1,
          requestHeaders: headers,
        },
        own,
        origins,
      ),
    ).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Origin', value: 'https://vendor.atlassian.net' },
      { name: 'Referer', value: 'https://vendor.atlassian.net/' },
    ]);
  });

  it('leaves tabs, other origins and other senders alone', () => {
    const base = {
      url: 'https://vendor.atlassian.net/rest/servicedeskapi/request',
      originUrl: `${own}background.html`,
      tabId: -1,
      requestHeaders: headers,
    };
    expect(rewrittenHeaders({ ...base, tabId: 3 }, own, origins)).toBeUndefined();
    expect(
      rewrittenHeaders({ ...base, url: 'https://other.example/rest/x' }, own, origins),
    ).toBeUndefined();
    expect(
      rewrittenHeaders(
        { ...base, originUrl: 'https://vendor.atlassian.net/servicedesk' },
        own,
        origins,
      ),
    ).toBeUndefined();
    expect(rewrittenHeaders({ ...base, originUrl: undefined }, own, origins)).toBeUndefined();
  });
});
