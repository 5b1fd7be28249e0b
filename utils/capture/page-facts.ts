import type { PageFacts, PageSideFacts } from './capture';

/** `2026-05-04T13:22:05+02:00`: local time with its offset, as a support engineer reads it. */
export function localTimeWithOffset(date: Date): string {
  const pad = (value: number) => String(Math.trunc(Math.abs(value))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** Browser name and version from the user agent (and its client hints, where given). */
export function browserFromUserAgent(
  userAgent: string,
  brands: ReadonlyArray<{ brand: string; version: string }> = [],
): { name: string; version: string } {
  const tests: ReadonlyArray<readonly [string, RegExp]> = [
    ['Firefox', /Firefox\/([\d.]+)/],
    ['Edge', /Edg\/([\d.]+)/],
    ['Opera', /OPR\/([\d.]+)/],
    ['Chrome', /Chrome\/([\d.]+)/],
    ['Safari', /Version\/([\d.]+).*Safari/],
  ];
  for (const [name, pattern] of tests) {
    const version = pattern.exec(userAgent)?.[1];
    if (!version) continue;
    if (name === 'Chrome') {
      const brand = brands.find((item) => item.brand === 'Google Chrome') ? 'Chrome' : 'Chromium';
      return { name: brands.length > 0 ? brand : name, version };
    }
    return { name, version };
  }
  return { name: 'Unknown browser', version: '' };
}

const OS_NAMES: Record<string, string> = {
  mac: 'macOS',
  win: 'Windows',
  linux: 'Linux',
  cros: 'ChromeOS',
  android: 'Android',
  openbsd: 'OpenBSD',
  fuchsia: 'Fuchsia',
};

export interface FactInputs {
  url: string;
  title: string;
  now: Date;
  timeZone: string;
  userAgent: string;
  brands?: ReadonlyArray<{ brand: string; version: string }>;
  platformOs: string;
  language: string;
  extensionVersion: string;
  page?: PageSideFacts;
}

/** The page facts of a capture (strings are redacted by the caller where they come from the page). */
export function buildPageFacts(input: FactInputs): PageFacts {
  const browser = browserFromUserAgent(input.userAgent, input.brands);
  return {
    url: input.url,
    title: input.page?.title || input.title,
    time: localTimeWithOffset(input.now),
    timeZone: input.page?.timeZone || input.timeZone,
    browser: browser.name,
    browserVersion: browser.version,
    os: OS_NAMES[input.platformOs] ?? input.platformOs,
    language: input.page?.language || input.language,
    viewport: input.page?.viewport,
    screen: input.page?.screen,
    devicePixelRatio: input.page?.devicePixelRatio,
    extensionVersion: input.extensionVersion,
  };
}
