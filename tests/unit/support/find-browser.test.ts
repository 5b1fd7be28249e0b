import { describe, expect, it } from 'vitest';
import { BROWSER_CANDIDATES, BrowserNotFoundError, findChromium } from '../../support/find-browser';

describe('findChromium', () => {
  it('uses CHROMIUM_PATH when it exists', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/c/chrome' }, (p) => p === '/opt/c/chrome')).toBe(
      '/opt/c/chrome',
    );
  });

  it('reports a CHROMIUM_PATH that points nowhere, with what to install', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nope' }, () => false)).toThrow(
      /CHROMIUM_PATH is set to \/nope.*apt-get install -y chromium/,
    );
  });

  it('prefers Chromium over Edge and Chrome', () => {
    const present = new Set([
      '/usr/bin/google-chrome',
      '/usr/bin/microsoft-edge',
      '/usr/bin/chromium',
    ]);
    expect(findChromium({}, (p) => present.has(p))).toBe('/usr/bin/chromium');
  });

  it('finds Edge, then Chrome, where their packages put them', () => {
    expect(findChromium({}, (p) => p === '/usr/bin/microsoft-edge')).toBe(
      '/usr/bin/microsoft-edge',
    );
    expect(
      findChromium({}, (p) => p === '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
    ).toMatch(/Google Chrome$/);
    expect(BROWSER_CANDIDATES.indexOf('/usr/bin/microsoft-edge')).toBeLessThan(
      BROWSER_CANDIDATES.indexOf('/usr/bin/google-chrome'),
    );
  });

  it('says what to install when nothing is found', () => {
    let error: unknown;
    try {
      findChromium({}, () => false);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    expect((error as BrowserNotFoundError).message).toContain('apt-get install -y chromium');
    expect((error as BrowserNotFoundError).message).toContain('CHROMIUM_PATH');
  });
});
