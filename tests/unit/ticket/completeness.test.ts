import { describe, expect, it } from 'vitest';
import { missingInformation } from '@/utils/ticket/completeness';
import { toggleEvent, toggleRequest } from '@/utils/ticket/draft';
import { draft } from './fixtures';

type CompletenessKey = ReturnType<typeof missingInformation>[number]['key'];

const OPENING =
  '1. Open https://console.example.com/apps/billing (captured 2026-05-04 11:22:05 UTC)';
const complete = draft({
  environment: 'Production',
  product: 'Billing',
  steps: `${OPENING}\n2. Click Pay`,
  impact: 'Nobody can pay',
  recentChanges: 'none',
  severity: 'P2',
});

describe('missingInformation', () => {
  it('lists everything the guide asks for on a fresh draft without errors', () => {
    const keys = missingInformation(draft({}, { events: [] })).map((m) => m.key);
    expect(keys).toEqual<CompletenessKey[]>([
      'environment',
      'product',
      'errors',
      'steps',
      'impact',
      'recentChanges',
      'severity',
    ]);
  });

  it('is empty for a complete draft', () => {
    expect(missingInformation(complete)).toEqual([]);
  });

  it.each<[string, Partial<typeof complete>, CompletenessKey]>([
    ['blank environment', { environment: '  ' }, 'environment'],
    ['blank product', { product: '' }, 'product'],
    ['steps with only the opening line', { steps: `${OPENING}\n2. ` }, 'steps'],
    ['empty impact', { impact: '' }, 'impact'],
    ['empty recent changes', { recentChanges: '\n' }, 'recentChanges'],
    ['no severity', { severity: undefined }, 'severity'],
  ])('flags %s', (_name, patch, key) => {
    expect(missingInformation({ ...complete, ...patch }).map((m) => m.key)).toEqual([key]);
  });

  it('flags errors once the user removed all of them', () => {
    expect(missingInformation(toggleEvent(complete, 0, false)).map((m) => m.key)).toEqual([
      'errors',
    ]);
  });

  it('counts a failed request as an error', () => {
    const { context } = draft({}, { failedRequests: [{ id: 'r', url: 'https://a', status: 500 }] });
    const onlyRequest = { ...complete, context, excludedEvents: [0] };
    expect(missingInformation(onlyRequest)).toEqual([]);
    expect(missingInformation(toggleRequest(onlyRequest, 'r', false)).map((m) => m.key)).toEqual([
      'errors',
    ]);
  });

  it('names the form field and says what to add', () => {
    const [item] = missingInformation({ ...complete, recentChanges: '' });
    expect(item).toEqual({
      key: 'recentChanges',
      label: 'Recent configuration changes',
      hint: 'Mention recent changes, or write "none".',
    });
  });
});

describe('steps count as missing', () => {
  it.each([
    ['', true],
    [OPENING, true],
    [`${OPENING}\n2. `, true],
    [`${OPENING}\n2.\n3)`, true],
    [`${OPENING}\n2. Click Pay`, false],
    ['Click Pay', false],
    [`1. Open https://elsewhere/ (captured 2026-05-04 11:22:05 UTC)`, false],
  ])('%j -> %s', (steps, expected) => {
    const missing = missingInformation({ ...complete, steps }).map((item) => item.key);
    expect(missing.includes('steps')).toBe(expected);
  });
});
