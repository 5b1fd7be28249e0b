import { describe, expect, it } from 'vitest';
import { bestMatch, environmentGroup, normalise } from '@/utils/text/text-match';

describe('text matching', () => {
  it.each([
    ['  Prod-EU_1 ', 'prod eu 1'],
    ['Überwachung', 'uberwachung'],
    ['', ''],
  ])('normalise(%s) = %s', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it.each([
    ['Production', 'production'],
    ['PROD', 'production'],
    ['prod-eu-1', 'production'],
    ['Live', 'production'],
    ['pre-prod', 'staging'],
    ['Preproduction', 'staging'],
    ['STG', 'staging'],
    ['UAT', 'test'],
    ['dev', 'development'],
    ['Cluster 7', undefined],
    ['productive', undefined],
  ])('environmentGroup(%s) = %s', (text, group) => {
    expect(environmentGroup(text)).toBe(group);
  });

  it.each([
    ['Production', 'production', 1],
    ['Production', 'Prod', 0.9],
    ['Staging', 'Prod', 0],
    ['Pre-Prod', 'Prod', 0],
    ['Billing', 'Bill', 0.8],
    ['OpenShift Container Platform', 'container openshift', 0.6],
    ['Identity', 'Billing', 0],
    ['Billing', '', 0],
  ])('%s against %s scores %s', (label, wanted, score) => {
    expect(bestMatch([label], (x) => x, wanted)?.score ?? 0).toBe(score);
  });

  it('bestMatch keeps the first of equal scores and skips zeros', () => {
    expect(bestMatch(['Prod EU', 'Prod US'], (x) => x, 'production')?.item).toBe('Prod EU');
    expect(bestMatch(['a', 'b'], (x) => x, 'zzz')).toBeUndefined();
  });
});
