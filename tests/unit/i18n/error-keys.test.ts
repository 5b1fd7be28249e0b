/**
 * Every error the user can meet is worded in the user's language: each `new AppError(...)` in
 * utils/, components/ and entrypoints/ carries a message key (public/_locales), unless a
 * `// internal-error: why` comment marks it as one the user never sees. That the keys exist in
 * every language is checked with the other keys in no-hard-coded-strings.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { storageErrorInfo } from '@/utils/storage-errors';
import { findErrorSites, listSourceFiles, readSource } from './error-sites';

const sites = listSourceFiles().flatMap((file) => findErrorSites(file, readSource(file)));

describe('errors are worded in the user’s language', () => {
  it('finds the errors of the background, the pages and the components', () => {
    const files = new Set(sites.map((site) => site.file));
    expect(sites.length).toBeGreaterThan(80);
    for (const file of [
      'utils/portal/service.ts',
      'utils/outbox/scheduler.ts',
      'utils/screenshot/library.ts',
      'components/hooks/use-capture-target.ts',
      'entrypoints/options/PortalConnection.tsx',
    ]) {
      expect(files).toContain(file);
    }
  });

  it('gives every error a message key, or says why the user never sees it', () => {
    const unkeyed = sites.filter((site) => !site.keyed && !site.internal);
    expect(unkeyed.map((site) => `${site.file}:${site.line}`)).toEqual([]);
  });

  it('keeps the internal ones few', () => {
    const internal = sites.filter((site) => !site.keyed && site.internal);
    expect(internal.length).toBeLessThanOrEqual(12);
  });

  it('the storage helper it trusts gives a key for every failure', () => {
    for (const data of ['capture', 'draft', 'outbox'] as const) {
      for (const failure of ['quota', 'write'] as const) {
        expect(storageErrorInfo(data, failure).messageKey).toBe(`storage_${data}_${failure}`);
      }
    }
  });

  describe('the checker itself', () => {
    const check = (code: string) =>
      findErrorSites('x.ts', code).map(
        (s) => `${s.line}: ${s.keyed ? 'keyed' : (s.internal ?? 'bare')}`,
      );

    it('tells keyed, bare and marked errors apart', () => {
      expect(
        check(
          [
            "new AppError({ code: 'internal', message: 'a', messageKey: 'error_a' });",
            "new AppError({ code: 'internal', message: 'b' });",
            'new AppError({ ...info, ...(x ? { messageKey: "a" } : { messageKey: "b" }) });',
            "new AppError({ code: 'internal', message: 'c', ...(x ? { messageKey: 'a' } : {}) });",
            '// internal-error: a protocol bug only a hostile page causes',
            'new AppError(reply.error);',
            '// internal-error:',
            'new AppError(other);',
            'new AppError(storageErrorInfo(data, failure));',
            "new AppError(info('auth', 'm', context, { key: 'error_authToken' }));",
            "new AppError(info('auth', 'm', context));",
          ].join('\n'),
        ),
      ).toEqual([
        '1: keyed',
        '2: bare',
        '3: keyed',
        '4: bare',
        '6: a protocol bug only a hostile page causes',
        '8: bare',
        '9: keyed',
        '10: keyed',
        '11: bare',
      ]);
    });
  });
});
