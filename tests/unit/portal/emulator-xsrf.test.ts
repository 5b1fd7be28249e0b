import { describe, expect, it } from 'vitest';
import { xsrfRefusal } from '../../emulator/xsrf';

const SITE = 'http://127.0.0.1:4000';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36';

function call(headers: Record<string, string>, method = 'POST') {
  return {
    method,
    headers: { 'user-agent': BROWSER, 'content-type': 'application/json', ...headers },
  };
}

describe('the emulator XSRF filter', () => {
  it.each([
    ['same-origin', { origin: SITE }, undefined],
    ['same-origin', { origin: 'chrome-extension://abcdefgh' }, 'origin'],
    ['same-origin', { origin: 'moz-extension://1234-5678' }, 'origin'],
    ['same-origin', {}, 'origin'],
    ['same-origin', { referer: `${SITE}/servicedesk/customer/portal/1` }, undefined],
    ['same-origin', { referer: 'http://127.0.0.1:4001/' }, 'origin'],
    ['same-origin', { origin: 'http://evil.example', referer: `${SITE}/` }, 'origin'],
    ['atlassian', { origin: 'chrome-extension://abcdefgh' }, undefined],
    ['atlassian', { origin: 'safari-extension://abcdefgh' }, undefined],
    ['atlassian', { origin: 'moz-extension://1234-5678' }, 'origin'],
    ['atlassian', { origin: SITE }, undefined],
    ['off', { origin: 'moz-extension://1234-5678' }, undefined],
  ] as const)('%s mode, %j: %s', (mode, headers, expected) => {
    expect(xsrfRefusal(call(headers), SITE, mode)).toBe(expected);
  });

  it('lets reads and non-browser clients through', () => {
    expect(xsrfRefusal(call({}, 'GET'), SITE, 'same-origin')).toBeUndefined();
    expect(
      xsrfRefusal({ method: 'POST', headers: { 'user-agent': 'curl/8.0' } }, SITE, 'same-origin'),
    ).toBeUndefined();
  });

  it('needs X-Atlassian-Token: no-check on form-like bodies, from any client', () => {
    for (const type of [
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'text/plain',
    ]) {
      expect(xsrfRefusal(call({ origin: SITE, 'content-type': type }), SITE, 'same-origin')).toBe(
        'token',
      );
      expect(
        xsrfRefusal(
          call({ origin: SITE, 'content-type': type, 'x-atlassian-token': 'no-check' }),
          SITE,
          'same-origin',
        ),
      ).toBeUndefined();
      expect(
        xsrfRefusal({ method: 'POST', headers: { 'content-type': type } }, SITE, 'off'),
      ).toBeUndefined();
      expect(
        xsrfRefusal({ method: 'POST', headers: { 'content-type': type } }, SITE, 'atlassian'),
      ).toBe('token');
    }
  });
});
