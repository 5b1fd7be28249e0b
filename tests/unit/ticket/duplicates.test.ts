import { describe, expect, it } from 'vitest';
import { toggleEvent } from '@/utils/ticket/draft';
import {
  draftSignature,
  errorSignature,
  findLikelyDuplicates,
  similarity,
} from '@/utils/ticket/duplicates';
import { draft, event } from './fixtures';

describe('errorSignature', () => {
  it.each([
    ['TypeError: x is undefined', 'typeerror: x is undefined'],
    ['Uncaught TypeError: x is undefined\n    at foo (a.js:1:2)', 'typeerror: x is undefined'],
    ['Uncaught (in promise) Error: boom', 'error: boom'],
    ['GET https://api.example.com/v1/orders/123?x=1 500', 'get <url> <n>'],
    ['Order 4711 not found', 'order <n> not found'],
    ['Invoice 550e8400-e29b-41d4-a716-446655440000 failed', 'invoice <uuid> failed'],
    ['Trace 4bf92f3577b34da6a3ce929d0e0e4736 lost', 'trace <hex> lost'],
    ['Pointer 0xDEADBEEF bad', 'pointer <hex> bad'],
    ['Request req_8f3k2z failed', 'request <id> failed'],
    ['Version 4.15.2 unsupported', 'version <n> unsupported'],
    ['  spaced   out  ', 'spaced out'],
    ['', ''],
  ])('%j -> %j', (message, signature) => {
    expect(errorSignature(message)).toBe(signature);
  });

  it('gives the same signature for the same failure with other ids', () => {
    expect(errorSignature('Order 4711 for tenant abc123 failed at https://a/x')).toBe(
      errorSignature('Order 99 for tenant zz9876 failed at https://b/y?q=2'),
    );
  });
});

describe('draftSignature', () => {
  it('uses the first included error, skipping warnings', () => {
    const d = draft(
      {},
      {
        events: [
          event('Deprecated', { kind: 'console-warn' }),
          event('Order 12 failed'),
          event('Other'),
        ],
      },
    );
    expect(draftSignature(d)).toBe('order <n> failed');
    expect(draftSignature(toggleEvent(d, 1, false))).toBe('other');
    expect(draftSignature(draft({}, { events: [] }))).toBeUndefined();
  });
});

describe('similarity', () => {
  it.each([
    ['Invoice page blank', 'Invoice page blank', 1],
    ['Invoice page blank', 'the invoice page is blank', 1],
    ['Invoice page blank', 'Login fails', 0],
    ['Invoice page blank', 'Invoice export slow', 1 / 3],
    ['', 'x', 0],
  ])('%s ~ %s = %s', (a, b, score) => {
    expect(similarity(a, b)).toBeCloseTo(score, 5);
  });
});

describe('findLikelyDuplicates', () => {
  const requests = [
    { issueKey: 'SUP-1', summary: 'Login fails with SSO' },
    {
      issueKey: 'SUP-2',
      summary: 'Billing: TypeError cannot read properties of undefined reading total',
    },
    {
      issueKey: 'SUP-3',
      summary: 'Invoices broken',
      description: 'Console said:\nOrder 777 failed\nthanks',
    },
    { issueKey: 'SUP-4', summary: 'Billing page slow' },
  ];

  it('offers the request with a matching summary', () => {
    const found = findLikelyDuplicates(
      { summary: "TypeError: Cannot read properties of undefined (reading 'total')" },
      requests,
    );
    expect(found.map((c) => [c.request.issueKey, c.reason])).toEqual([['SUP-2', 'summary']]);
  });

  it('offers the request whose description carries the same error signature', () => {
    const found = findLikelyDuplicates(
      { summary: 'Something else entirely', signature: errorSignature('Order 12 failed') },
      requests,
    );
    expect(found.map((c) => [c.request.issueKey, c.reason, c.score])).toEqual([
      ['SUP-3', 'error', 1],
    ]);
  });

  it('sorts best first, honours threshold and limit', () => {
    const found = findLikelyDuplicates({ summary: 'Billing page slow to load' }, requests, {
      threshold: 0.1,
      limit: 1,
    });
    expect(found.map((c) => c.request.issueKey)).toEqual(['SUP-4']);
  });

  it('finds nothing among unrelated requests', () => {
    expect(
      findLikelyDuplicates({ summary: 'Kubernetes pod crash', signature: 'oomkilled' }, requests),
    ).toEqual([]);
  });

  it('keeps the request it scored', () => {
    const req = requests[0] ?? { issueKey: '', summary: '' };
    expect(findLikelyDuplicates({ summary: 'Login fails with SSO' }, [req])[0]).toEqual({
      request: req,
      score: 1,
      reason: 'summary',
    });
  });
});
