/**
 * Where a real JSM Cloud site behaves in ways an emulator easily gets wrong (docs/jsm-portal.md),
 * on by default, each with a switch to turn it off (`EmulatorOptions.realism`, or
 * `POST /__emulator/config {realism: {...}}`):
 *
 * - `searchTerm` matches the summary only (SPEC; docs/jsm-portal.md#request-search).
 * - Request lists are a search index: a new request is listed only `listLagMs` after it was
 *   created ("from a few seconds to minutes"; a short default here, tests set more).
 * - Kept-alive connections stay open (`keepAliveMs`), so a fault that closes one after the
 *   portal committed a POST makes Chromium re-send the POST by itself
 *   (docs/platform-facts.md#the-browser-re-sends-a-post).
 * - Customer transitions on open requests (`GET/POST /request/{key}/transition`).
 * - Scoped tokens through the gateway get `401 {"code":401,"message":"Unauthorized; scope does
 *   not match"}` for a call whose scope the token lacks
 *   (docs/jsm-portal.md#scoped-token-scopes).
 * - Field limits: description and text areas at most 32,767 characters, the summary one line
 *   of at most 255 (docs/jsm-portal.md#field-limits).
 */

export interface Realism {
  summaryOnlySearch: boolean;
  listLagMs: number;
  keepAliveMs: number;
  customerTransitions: boolean;
  /** The scopes the demo customer's scoped token has (every one the product needs by default). */
  tokenScopes: string[];
  fieldLimits: boolean;
}

export const ALL_SCOPES = [
  'read:servicedesk-request',
  'write:servicedesk-request',
  'read:jira-user',
  'read:jira-work',
];

export const DEFAULT_REALISM: Realism = {
  summaryOnlySearch: true,
  listLagMs: 1_000,
  keepAliveMs: 60_000,
  customerTransitions: true,
  tokenScopes: [...ALL_SCOPES],
  fieldLimits: true,
};

export function mergeRealism(base: Realism, change: unknown): Realism {
  if (typeof change !== 'object' || change === null) return base;
  const next = { ...base };
  for (const key of Object.keys(base) as (keyof Realism)[]) {
    const value = (change as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value === typeof base[key] || (Array.isArray(value) && key === 'tokenScopes')) {
      (next as Record<string, unknown>)[key] = value;
    }
  }
  return next;
}

/** The scope a gateway call needs (Atlassian's scopes for these endpoints). */
export function scopeFor(method: string, restPath: string): string | undefined {
  if (restPath.startsWith('/rest/servicedeskapi/')) {
    return method === 'GET' ? 'read:servicedesk-request' : 'write:servicedesk-request';
  }
  if (restPath === '/rest/api/3/myself' || restPath.startsWith('/rest/api/3/user/')) {
    return 'read:jira-user';
  }
  if (restPath.startsWith('/rest/api/3/attachment')) return 'read:jira-work';
  return undefined;
}

/**
 * The gateway's answer to a scoped token without the scope
 * (docs/jsm-portal.md#scoped-token-scopes).
 */
export const SCOPE_ERROR = { code: 401, message: 'Unauthorized; scope does not match' };

/** Jira's field-layer limits; the message is what Jira says, or undefined when it passes. */
export function fieldLimitProblem(
  field: { fieldId: string; jiraSchema: { type?: string; system?: string; custom?: string } },
  value: unknown,
): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (field.jiraSchema.system === 'summary') {
    if (/[\r\n]/.test(value)) {
      return 'The summary is invalid because it contains newline characters.';
    }
    if (value.length > 255) return 'Summary must be less than 255 characters.';
    return undefined;
  }
  if (value.length > 32_767) {
    return 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.';
  }
  return undefined;
}

/** Customer transitions of an open request (names as JSM's default workflows have them). */
export const CUSTOMER_TRANSITIONS = [
  { id: '851', name: 'Cancel request', status: 'Canceled' },
  { id: '761', name: 'Resolve this issue', status: 'Resolved' },
];

/** The edge's HTML 413 (a body larger than it lets through). */
export const EDGE_413 =
  '<!DOCTYPE html><html><head><title>413 Request Entity Too Large</title></head><body><h1>413 Request Entity Too Large</h1></body></html>';
