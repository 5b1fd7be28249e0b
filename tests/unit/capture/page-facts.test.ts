import { describe, expect, it } from 'vitest';
import {
  browserFromUserAgent,
  buildPageFacts,
  localTimeWithOffset,
} from '@/utils/capture/page-facts';

describe('page facts', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36',
      [],
      'Chrome',
      '131.0.6778.85',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      [{ brand: 'Chromium', version: '131' }],
      'Chromium',
      '131.0.0.0',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
      [],
      'Edge',
      '131.0.2903.70',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
      [],
      'Firefox',
      '133.0',
    ],
  ] as const)('%s', (ua, brands, name, version) => {
    expect(browserFromUserAgent(ua, brands)).toEqual({ name, version });
  });

  it('writes local time with its offset', () => {
    expect(localTimeWithOffset(new Date(2026, 4, 4, 13, 2, 5))).toMatch(
      /^2026-05-04T13:02:05[+-]\d{2}:\d{2}$/,
    );
  });

  it('prefers what the page shows for title, language and time zone', () => {
    const facts = buildPageFacts({
      url: 'https://c.example.com',
      title: 'Tab title',
      now: new Date(0),
      timeZone: 'UTC',
      userAgent: 'Firefox/133.0',
      platformOs: 'linux',
      language: 'en-US',
      extensionVersion: '0.1.0',
      page: {
        title: 'Page title',
        language: 'de',
        viewport: { width: 1280, height: 720 },
        screen: { width: 1920, height: 1080 },
        devicePixelRatio: 2,
        timeZone: 'Europe/Berlin',
      },
    });
    expect(facts).toMatchObject({
      title: 'Page title',
      language: 'de',
      timeZone: 'Europe/Berlin',
      os: 'Linux',
      browser: 'Firefox',
      devicePixelRatio: 2,
      viewport: { width: 1280, height: 720 },
    });
  });
});
