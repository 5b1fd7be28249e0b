import { describe, expect, it } from 'vitest';
import type { FailedRequest } from '@/utils/capture/failed-request';
import {
  isFaviconLookup,
  type NetworkObserverDeps,
  reasonPhrase,
  startNetworkObserver,
} from '@/utils/capture/network-observer';

type Listener = (details: Record<string, unknown>) => void;

/** A webRequest stand-in whose events the test fires by hand. */
function fakeWebRequest() {
  const listeners: Record<string, Listener[]> = {};
  const event = (name: string) => ({
    addListener: (listener: Listener) => {
      listeners[name] = [...(listeners[name] ?? []), listener];
    },
  });
  return {
    webRequest: {
      onBeforeRequest: event('before'),
      onCompleted: event('completed'),
      onErrorOccurred: event('error'),
    } as unknown as NetworkObserverDeps['webRequest'],
    fire: (name: string, details: Record<string, unknown>) => {
      for (const listener of listeners[name] ?? []) listener(details);
    },
  };
}

const request = (overrides: Record<string, unknown>) => ({
  requestId: '1',
  method: 'GET',
  url: 'https://console.example.com/api/pods',
  tabId: 3,
  type: 'xmlhttprequest',
  timeStamp: 1000,
  initiator: 'https://console.example.com',
  ...overrides,
});

describe('network observer', () => {
  it.each([
    ['HTTP/1.1 404 Not Found', 'Not Found'],
    ['HTTP/2 500', undefined],
    ['HTTP/1.1 503 Service Unavailable', 'Service Unavailable'],
    [undefined, undefined],
  ])('reads the reason phrase of %s', (line, reason) => {
    expect(reasonPhrase(line)).toBe(reason);
  });

  it.each([
    ['https://a.example/favicon.ico', 404, true],
    ['https://a.example/static/favicon.ico', 404, false],
    ['https://a.example/favicon.ico', 500, false],
    ['not a url', 404, false],
  ])('tells the favicon lookup %s %i apart', (url, status, expected) => {
    expect(isFaviconLookup(url, status)).toBe(expected);
  });

  it('records a failed request with its reason, duration and request id, and not the favicon', () => {
    const failed: FailedRequest[] = [];
    const { webRequest, fire } = fakeWebRequest();
    startNetworkObserver({
      webRequest,
      onFailed: (_tab, item) => failed.push(item),
      extensionOrigin: 'chrome-extension://abc/',
    });
    fire('before', request({}));
    fire(
      'completed',
      request({
        timeStamp: 1250,
        statusCode: 500,
        statusLine: 'HTTP/1.1 500 Internal Server Error',
        responseHeaders: [{ name: 'x-request-id', value: 'req-42' }],
      }),
    );
    fire(
      'completed',
      request({
        requestId: '2',
        url: 'https://console.example.com/favicon.ico',
        type: 'other',
        statusCode: 404,
        statusLine: 'HTTP/1.1 404 Not Found',
      }),
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      status: 500,
      statusText: 'Internal Server Error',
      durationMs: 250,
      url: 'https://console.example.com/api/pods',
    });
    expect(JSON.stringify(failed[0]?.requestIds)).toContain('req-42');
  });
});
