import { describe, expect, it } from 'vitest';
import { createRedactor } from '@/utils/privacy/redact';

const redactor = createRedactor({ maskEmails: false, customPatterns: [] });
const SECRET = 'Ab3xYz9Qk2Lm7Np4';
const M = '[redacted:secret]';

describe('name=value pairs in every form the scanner reads', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ['`:=` separator', `token := "${SECRET}"`, `token := "${M}"`],
    ['`=>` separator', `api_key => '${SECRET}'`, `api_key => '${M}'`],
    ['`:=` without spaces', 'password:=hunter2', `password:=${M}`],
    ['`:` separator', `token:${SECRET}`, `token:${M}`],
    [
      'percent-encoded pair',
      `?x=1%26access_token%3D${SECRET}%26y%3D2`,
      `?x=1%26access_token%3D${M}%26y%3D2`,
    ],
    [
      'double-encoded pair',
      `%2526access_token%253D${SECRET}%2526y`,
      `%2526access_token%253D${M}%2526y`,
    ],
    ['percent-encoded JSON', '{%22password%22%3A%22hunter2%22}', `{%22password%22%3A%22${M}%22}`],
    ['JSON in a string', '{\\"password\\": \\"hunter2\\"}', `{\\"password\\": \\"${M}\\"}`],
    ['quoted name, spaces', `"apiKey"   :   "${SECRET}"`, `"apiKey"   :   "${M}"`],
    ['tabs around the separator', 'password\t\t=\thunter2', `password\t\t=\t${M}`],
    ['8 spaces before the separator', 'password        = hunter2', `password        = ${M}`],
    ['a pair inside a pair', 'key=name:password=hunter2', `key=name:password=${M}`],
    ['runs of `=` around a pair', '==== password=hunter2 ====', `==== password=${M} ====`],
    ['base64 padding stays with the value', `token=${SECRET}== next`, `token=${M} next`],
    ['escaped padding stays with the value', `code=${SECRET}%3D%3D&x=1`, `code=${M}&x=1`],
    ['a generic value ends at `:`', `token=${SECRET}:rest`, `token=${M}:rest`],
    ['unclosed quote: to the end', 'password="hunter2', `password="${M}`],
    ['escaped quote inside quotes', 'password="a\\"b c" d', `password="${M}" d`],
    ['session ids', 'session=0f9e8d7c6b5a4f3e2d1c', `session=${M}`],
    [
      'a 64-character name behind an escaped `&`',
      `%26${'a'.repeat(56)}password=hunter2`,
      `%26${'a'.repeat(56)}password=${M}`,
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(redactor.redact(input).text).toBe(expected);
  });

  const kept: ReadonlyArray<readonly [string, string]> = [
    ['a name longer than 64 characters', `${'a'.repeat(70)}token=${SECRET}`],
    ['a 65-character name behind an escaped `&`', `x%26${'a'.repeat(57)}password=hunter2`],
    ['9 spaces before the separator', 'password         = hunter2'],
    ['a value that is a marker already', `password=${M}`],
    ['separators only', '=:=:%3D%3A=>:=='],
  ];
  it.each(kept)('keeps %s', (_name, input) => {
    expect(redactor.redact(input)).toEqual({ text: input, count: 0, categories: {} });
  });

  it('redacts every pair of a long run of pairs', () => {
    const pairs = Array.from({ length: 1000 }, (_, i) => `token=${SECRET}${i}`).join('&');
    const { text, count } = redactor.redact(pairs);
    expect(count).toBe(1000);
    expect(text).toBe(Array.from({ length: 1000 }, () => `token=${M}`).join('&'));
  });
});
