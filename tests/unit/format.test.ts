import { describe, expect, it } from 'vitest';
import { formatBytes } from '@/utils/format';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1,023 bytes'],
    [1024, '1.0 kB'],
    [1536, '1.5 kB'],
    [20 * 1024, '20 kB'],
    [1.4 * 1024 * 1024, '1.4 MB'],
    [3 * 1024 ** 3, '3.0 GB'],
    [5000 * 1024 ** 3, '5,000 GB'],
  ])('%d -> %s in English', (bytes, label) => {
    expect(formatBytes(bytes, 'en')).toBe(label.replace(' ', '\u00a0'));
  });

  it.each([
    [512, '512 Byte'],
    [1536, '1,5 kB'],
    [1.4 * 1024 * 1024, '1,4 MB'],
  ])('%d -> %s in German', (bytes, label) => {
    expect(formatBytes(bytes, 'de')).toBe(label.replace(' ', '\u00a0'));
  });
});
