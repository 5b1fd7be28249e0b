import { describe, expect, it } from 'vitest';
import {
  defaultInput,
  type FieldKind,
  fieldKind,
  isEmptyValue,
  type PortalFieldMeta,
  requiredMessage,
  requiredWords,
  splitLabels,
  toJsmValue,
  visibleFields,
} from '@/utils/ticket/portal-fields';
import { formatMessage, LOCALES } from '../i18n/messages';
import { DESCRIPTION, field, options, priority, SUMMARY } from './fixtures';

const schema = (
  jiraSchema: PortalFieldMeta['jiraSchema'],
  validValues = options(),
): PortalFieldMeta => ({
  fieldId: 'x',
  name: 'X',
  required: false,
  validValues,
  jiraSchema,
});

describe('fieldKind', () => {
  it.each<[string, PortalFieldMeta, FieldKind]>([
    ['summary', SUMMARY, 'text'],
    ['description', DESCRIPTION, 'paragraph'],
    ['priority', priority('High'), 'priority'],
    ['text field', field('x', 'X', 'text'), 'text'],
    ['text area', field('x', 'X', 'textarea'), 'paragraph'],
    ['select', field('x', 'X', 'select'), 'select'],
    ['multi-select', field('x', 'X', 'multiselect'), 'multi-select'],
    ['radio buttons', field('x', 'X', 'radiobuttons'), 'radio'],
    ['checkboxes', field('x', 'X', 'multicheckboxes'), 'checkbox'],
    ['date picker', field('x', 'X', 'datepicker'), 'date'],
    ['number', field('x', 'X', 'float'), 'number'],
    ['labels', field('x', 'X', 'labels'), 'labels'],
    ['user picker', field('x', 'X', 'user'), 'user'],
    ['system labels', schema({ type: 'array', items: 'string', system: 'labels' }), 'labels'],
    [
      'system components',
      schema({ type: 'array', items: 'component', system: 'components' }),
      'components',
    ],
    ['system duedate', schema({ type: 'date', system: 'duedate' }), 'date'],
    [
      'url custom field',
      schema({ type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:url' }),
      'url',
    ],
    [
      'cascading select',
      schema({
        type: 'option-with-child',
        custom: 'com.atlassian.jira.plugin.system.customfieldtypes:cascadingselect',
      }),
      'cascade',
    ],
    [
      'unknown custom type, option schema',
      schema({ type: 'option', custom: 'com.vendor:fancy-select' }),
      'select',
    ],
    [
      'unknown custom type, array of options',
      schema({ type: 'array', items: 'option', custom: 'com.vendor:x' }),
      'multi-select',
    ],
    ['bare string', schema({ type: 'string' }), 'text'],
    ['bare string with options', schema({ type: 'string' }, options('A')), 'select'],
    ['bare number', schema({ type: 'number' }), 'number'],
    ['datetime', schema({ type: 'datetime' }), 'datetime'],
    [
      'system versions',
      schema({ type: 'array', items: 'version', system: 'versions' }),
      'versions',
    ],
    [
      'attachment',
      schema({ type: 'array', items: 'attachment', system: 'attachment' }),
      'attachment',
    ],
    ['something else', schema({ type: 'any', custom: 'com.vendor:sla' }), 'unsupported'],
    ['array of users', schema({ type: 'array', items: 'user' }), 'multi-user'],
  ])('%s -> %s', (_name, f, kind) => {
    expect(fieldKind(f)).toBe(kind);
  });
});

describe('toJsmValue', () => {
  const select = field('s', 'Region', 'select', { validValues: options('EU', 'US') });
  const multi = field('m', 'Modules', 'multiselect', { validValues: options('A', 'B') });
  it.each<[string, PortalFieldMeta, string | string[] | undefined, unknown]>([
    ['nothing', select, undefined, undefined],
    ['text', field('t', 'T', 'text'), 'hello', 'hello'],
    ['blank text', field('t', 'T', 'text'), '   ', undefined],
    ['paragraph from lines', field('t', 'T', 'textarea'), ['a', 'b'], 'a\nb'],
    ['select by id', select, '11', { id: '11' }],
    ['empty select', select, '', undefined],
    [
      'radio',
      field('r', 'R', 'radiobuttons', { validValues: options('Yes', 'No') }),
      '10',
      { id: '10' },
    ],
    ['multi-select', multi, ['10', '11'], [{ id: '10' }, { id: '11' }]],
    ['multi-select one as text', multi, '10', [{ id: '10' }]],
    ['empty multi-select', multi, [], undefined],
    [
      'checkboxes',
      field('c', 'C', 'multicheckboxes', { validValues: options('A') }),
      ['10'],
      [{ id: '10' }],
    ],
    ['labels from text', field('l', 'L', 'labels'), 'a, b c,,a', ['a', 'b', 'c']],
    ['labels from a list', field('l', 'L', 'labels'), ['x y', 'z'], ['x', 'y', 'z']],
    ['date', field('d', 'D', 'datepicker'), '2026-02-28', '2026-02-28'],
    ['number', field('n', 'N', 'float'), '42', 42],
    ['negative decimal', field('n', 'N', 'float'), '-1.5', -1.5],
    ['user picker', field('u', 'U', 'user'), 'acc-1 Dana', { accountId: 'acc-1' }],
    [
      'multi-user picker',
      schema({ type: 'array', items: 'user' }),
      ['a Ann', 'b Bo'],
      [{ accountId: 'a' }, { accountId: 'b' }],
    ],
    ['unsupported', schema({ type: 'any', custom: 'com.vendor:sla' }), 'abc', undefined],
    [
      'cascade with its child',
      schema({ type: 'option-with-child', custom: 'x:cascadingselect' }, [
        { value: 'p', label: 'P', children: [{ value: 'c', label: 'C' }] },
      ]),
      ['p', 'c'],
      { id: 'p', child: { id: 'c' } },
    ],
    [
      'url',
      schema({ type: 'string', custom: 'x:url' }),
      'https://a.example/x',
      'https://a.example/x',
    ],
    [
      'attachment',
      schema({ type: 'array', items: 'attachment', system: 'attachment' }),
      ['b1'],
      { $uploadsOf: ['b1'] },
    ],
  ])('%s', (_name, f, input, expected) => {
    expect(toJsmValue(f, input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, PortalFieldMeta, string | string[], string]>([
    ['an unknown option', select, '99', 'Choose one of the listed options for "Region".'],
    [
      'an unknown option in a list',
      multi,
      ['10', '99'],
      'Choose one of the listed options for "Modules".',
    ],
    [
      'an impossible date',
      field('d', 'Start', 'datepicker'),
      '2026-02-30',
      'Enter "Start" as a date (year-month-day).',
    ],
    [
      'a date in another format',
      field('d', 'Start', 'datepicker'),
      '04/05/2026',
      'Enter "Start" as a date (year-month-day).',
    ],
    ['not a number', field('n', 'Users', 'float'), 'many', 'Enter a number for "Users".'],
  ])('rejects %s', (_name, f, input, message) => {
    const result = toJsmValue(f, input);
    expect(result).toEqual({
      ok: false,
      message,
      words: { key: expect.stringMatching(/^fieldProblem_/), values: [f.name] },
    });
    // The user's words say the same as the English message.
    if (!result.ok) {
      expect(formatMessage(LOCALES.en, result.words.key, result.words.values)).toBe(message);
    }
  });
});

describe('helpers', () => {
  it.each([
    [undefined, true],
    ['', true],
    [' ', true],
    [[], true],
    ['a', false],
    [0, false],
    [{ id: '1' }, false],
    [[{ id: '1' }], false],
  ])('isEmptyValue(%o) = %s', (value, expected) => {
    expect(isEmptyValue(value as never)).toBe(expected);
  });

  it('splitLabels dedupes', () => {
    expect(splitLabels(['a b', 'a'])).toEqual(['a', 'b']);
  });

  it.each<[PortalFieldMeta, unknown]>([
    [field('s', 'S', 'select', { defaultValues: options('A') }), '10'],
    [field('m', 'M', 'multiselect', { defaultValues: options('A', 'B') }), ['10', '11']],
    [field('l', 'L', 'labels', { defaultValues: [{ value: 'x', label: 'x' }] }), ['x']],
    [field('t', 'T', 'text', { defaultValues: [{ value: 'hi', label: 'hi' }] }), 'hi'],
    [field('t', 'T', 'text'), undefined],
    [field('t', 'T', 'text', { defaultValues: null }), undefined],
  ])('defaultInput(%o)', (f, expected) => {
    expect(defaultInput(f)).toEqual(expected);
  });

  it('visibleFields drops hidden fields only', () => {
    const fields = [
      field('a', 'A', 'text', { visible: false }),
      field('b', 'B', 'user'),
      field('c', 'C', 'text', { visible: null }),
    ];
    expect(visibleFields(fields).map((f) => f.fieldId)).toEqual(['b', 'c']);
  });
});

describe('a required field left empty', () => {
  const kinds: Record<FieldKind, true> = {
    text: true,
    paragraph: true,
    select: true,
    radio: true,
    'multi-select': true,
    checkbox: true,
    cascade: true,
    priority: true,
    labels: true,
    components: true,
    versions: true,
    date: true,
    datetime: true,
    number: true,
    url: true,
    user: true,
    'multi-user': true,
    attachment: true,
    unsupported: true,
  };

  it.each(Object.keys(kinds) as FieldKind[])('%s: says so in the user’s words too', (kind) => {
    const words = requiredWords('Region', kind);
    expect(words.values).toEqual(['Region']);
    expect(formatMessage(LOCALES.en, words.key, words.values)).toBe(
      requiredMessage('Region', kind),
    );
    expect(formatMessage(LOCALES.de, words.key, words.values)).toMatch(
      /^„Region“ ist erforderlich/,
    );
  });
});
