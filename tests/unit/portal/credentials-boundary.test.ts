// @vitest-environment node
/**
 * Only the background reads the portal credentials. This scans the product source: any file
 * outside utils/portal/ and entrypoints/background.ts that names the credentials item (or its
 * storage key) fails the test. utils/storage-keys.ts lists every key and is allowed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCE_DIRS = ['entrypoints', 'components', 'utils'];
const ALLOWED = [/^utils\/portal\//, /^entrypoints\/background\.ts$/, /^utils\/storage-keys\.ts$/];
const FORBIDDEN = /portalCredentialsItem|['"`](local:)?portalCredentials['"`]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|jsx|mjs)$/.test(name) ? [path] : [];
  });
}

describe('credentials boundary', () => {
  it('no file outside the background and utils/portal/ reads the credentials', () => {
    const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files
      .map((file) => relative(ROOT, file).split(sep).join('/'))
      .filter((file) => !ALLOWED.some((rule) => rule.test(file)))
      .filter((file) => FORBIDDEN.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the allowed readers do use it (the scan looks for the right name)', () => {
    const service = readFileSync(join(ROOT, 'utils/portal/service.ts'), 'utf8');
    expect(FORBIDDEN.test(service)).toBe(true);
  });

  it('utils/portal modules that pages import do not touch credentials', () => {
    // The options page and popup import these for schemas and pure helpers.
    for (const file of [
      'utils/portal/protocol.ts',
      'utils/portal/settings.ts',
      'utils/portal/schemas.ts',
      'utils/profile/vendor-profiles.ts',
    ]) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(FORBIDDEN.test(text), file).toBe(false);
      expect(text, file).not.toMatch(/from ['"][^'"]*credentials-item['"]/);
    }
  });
});
