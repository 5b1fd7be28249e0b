import { uiLanguage } from './i18n';

const UNITS = ['kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * A size in the browser's language: `512 bytes`, `1.5 kB`, `820 kB`, `1.4 MB` (`512 Byte`,
 * `1,5 kB` in German). Steps of 1,024; one decimal below 10; number and unit joined by a
 * no-break space, so a line never ends between them. The one formatter for every size the
 * extension shows (delivery progress, screenshots, the review before Submit).
 */
export function formatBytes(bytes: number, locale: string | undefined = uiLanguage()): string {
  return formatSize(bytes, locale).replace(/ /g, '\u00a0');
}

function formatSize(bytes: number, locale: string | undefined): string {
  if (bytes < 1024) {
    return new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: 'byte',
      unitDisplay: 'long',
    }).format(bytes);
  }
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 10 ? 0 : 1;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}
