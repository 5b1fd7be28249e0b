import { describe, expect, it } from 'vitest';
import {
  addFailedRequest,
  type FailedRequest,
  isCorrelationHeader,
  mergeFailedRequests,
  pickRequestIds,
} from '@/utils/capture/failed-request';

const request = (patch: Partial<FailedRequest>): FailedRequest => ({
  source: 'network',
  method: 'GET',
  url: 'https://api.example.com/v1/items',
  status: 500,
  time: 1000,
  requestIds: [],
  count: 1,
  ...patch,
});

describe('failed requests', () => {
  it.each([
    ['x-request-id', true],
    ['X-Correlation-ID', true],
    ['traceparent', true],
    ['x-amzn-requestid', true],
    ['cf-ray', true],
    ['request-id', true],
    ['x-ms-request-id', true],
    ['x-my-trace-id', true],
    ['content-type', false],
    ['set-cookie', false],
  ])('%s is a correlation header: %s', (name, expected) => {
    expect(isCorrelationHeader(name)).toBe(expected);
  });

  it('picks correlation headers and scrubs their values', () => {
    const ids = pickRequestIds(
      [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-Request-Id', value: 'req-1' },
        { name: 'traceparent', value: '00-abc-def-01' },
      ],
      (text) => text.toUpperCase(),
    );
    expect(ids).toEqual([
      { name: 'x-request-id', value: 'REQ-1' },
      { name: 'traceparent', value: '00-ABC-DEF-01' },
    ]);
  });

  it('folds repeats and keeps the latest request ids', () => {
    let list = addFailedRequest(
      [],
      request({ requestIds: [{ name: 'x-request-id', value: 'a' }] }),
    );
    list = addFailedRequest(
      list,
      request({ time: 2000, requestIds: [{ name: 'x-request-id', value: 'b' }] }),
    );
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ count: 2, lastTime: 2000, requestIds: [{ value: 'b' }] });
  });

  it('keeps at most the newest N', () => {
    let list: FailedRequest[] = [];
    for (let i = 0; i < 60; i += 1)
      list = addFailedRequest(list, request({ url: `https://a.example/${i}` }), 50);
    expect(list).toHaveLength(50);
    expect(list[0]?.url).toBe('https://a.example/10');
  });

  it('reports a request seen by both the network observer and the page once, with its headers', () => {
    const network = [
      request({ time: 1000, requestIds: [{ name: 'x-request-id', value: 'req-1' }] }),
    ];
    const page = [
      request({ source: 'page', time: 1100, url: 'https://api.example.com/v1/items#frag' }),
      request({ source: 'page', time: 1200, url: 'https://api.example.com/other' }),
      request({ source: 'page', time: 60_000 }),
    ];
    const merged = mergeFailedRequests(network, page);
    expect(merged.map((item) => [item.source, item.url, item.time])).toEqual([
      ['network', 'https://api.example.com/v1/items', 1000],
      ['page', 'https://api.example.com/other', 1200],
      ['page', 'https://api.example.com/v1/items', 60_000],
    ]);
  });
});
