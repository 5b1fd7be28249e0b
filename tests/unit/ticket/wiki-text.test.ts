/**
 * Acceptance: captured and typed text, through Atlassian's converter, reads verbatim in a
 * wiki-rendered field, and no link, mention, image, macro or heading comes from it.
 */
import { describe, expect, it } from 'vitest';
import { encodeText, MAX_TEXT_FIELD, verbatimBlock, wikiText } from '@/utils/text/wiki-text';
import { composeDescription } from '@/utils/ticket/description';
import { requestFieldValues } from '@/utils/ticket/field-mapping';
import { draft, event } from './fixtures';
import { lines, render } from './wiki-converter';

const CORPUS: readonly string[] = [
  'Opened https://console.example.com/k8s/ns/team-a/deployments/missing-logo.png?tab=events&x_y=1#pod~+1',
  'GET https://api.example.com/v1/items?filter=a-b_c&sort=-created#top -> 500',
  'See (https://docs.example.com/a_b-c) and https://x.example/path.',
  'Windows path C:\\Users\\dana\\AppData\\Local\\app-1_2.log',
  'UNC share \\\\fileserver\\team-a\\logs',
  'Typed a backslash \\ and \\[x] and a trailing one \\',
  'Braces {like this} and {{monospace}} and {color:red}red{color}',
  'A {noformat} inside, and {code:java}int x;{code} too',
  '{noformat}\nwhole block\n{noformat}',
  'A link [click here|https://evil.example/steal] and [https://evil.example]',
  'Mention [~accountid:5b10ac8d82e05b22cc7d4ef5] and [~dana]',
  'Image !https://evil.example/pixel.png! and !screenshot.png|thumbnail!',
  'h1. Not a heading\nbq. not a quote\nh3.Also not',
  '* not a bullet\n# not a number\n- not a dash list\n| not | a table |\n----',
  '*bold* _italic_ -struck- +under+ ^sup^ ~sub~ ??cite?? -- --- ',
  'Emoticons :) :( :P :D ;) (y) (n) (i) (/) (x) (!) (+) (-) (?) (on)',
  'mailto:someone@example.com and ftp://files.example.com/a-b',
  'Emoji 😀🔥 and right-to-left: שלום עולם, مرحبا بالعالم',
  'Entities &amp; &#92; &lt;b&gt; stay as typed',
  'Percent 100% and @here and #channel',
  'Stack:\n    at f (https://app.example.com/static/main-3f2a.js:10:5)\n    at g (webpack:///./src/a_b.ts:1:1)',
];

function assertVerbatim(input: string, wiki: string) {
  const shown = render(wiki);
  expect(shown.lines, `${JSON.stringify(input)} as ${JSON.stringify(wiki)}`).toEqual(lines(input));
  // Only plain paragraphs and our own verbatim blocks; no mention, image, macro or heading.
  for (const type of shown.markup) expect(['codeBlock']).toContain(type);
  // A link only where the text is itself a URL, showing its own address.
  for (const link of shown.links) {
    expect(input).toContain(link.text);
    expect(link.text).toMatch(/^(https?|ftp):\/\//);
    expect(new URL(link.href).href).toBe(new URL(link.text).href);
  }
}

describe('wiki text through Atlassian converter', () => {
  for (const text of CORPUS) {
    it(`reads verbatim: ${JSON.stringify(text.slice(0, 50))}`, () => {
      assertVerbatim(text, wikiText(text));
    });
  }

  it('leaves URLs intact so they are clean links', () => {
    const url = 'https://console.example.com/k8s/ns/team-a/deployments/missing-logo.png?a_b=1#c~+d';
    const wiki = wikiText(`Opened ${url}`);
    expect(wiki).toContain(url);
    expect(render(wiki).links).toEqual([{ text: url, href: url }]);
  });

  it('uses no HTML entities', () => {
    expect(wikiText('C:\\Users\\dana')).not.toMatch(/&#?\w+;/);
    expect(wikiText('h1. x')).not.toMatch(/&#?\w+;/);
  });

  it('all of the corpus at once, as one field', () => {
    const all = CORPUS.join('\n\n');
    assertVerbatim(all, encodeText(all).text);
  });

  it('a verbatim block picks a spelling its text does not contain', () => {
    const block = verbatimBlock('a {noformat} b');
    expect(render(block).lines).toEqual(['a {noformat} b']);
    expect(render(block).markup).toEqual(['codeBlock']);
  });
});

describe('encodeText', () => {
  it('redacts secrets', () => {
    const out = encodeText('token: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijklmnop');
    expect(out.text).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(out.redactions).toBeGreaterThan(0);
  });

  it('cuts at the field limit with a note and keeps what follows whole', () => {
    const out = encodeText('x'.repeat(40_000), { after: 'Capture reference: SC-ABCDEF' });
    expect(out.text.length).toBeLessThanOrEqual(MAX_TEXT_FIELD);
    expect(out.shortened).toBe(true);
    expect(out.text).toContain('shortened');
    expect(out.text.endsWith('Capture reference: SC-ABCDEF')).toBe(true);
  });
});

/** Whether `needle`'s lines appear, in order and together, among `hay`'s lines. */
function containsLines(hay: string[], needle: string[]): boolean {
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((line, j) => hay[i + j]?.endsWith(line) && (j === 0 || hay[i + j] === line)))
      return true;
  }
  return false;
}

describe('acceptance: the corpus in the description and in a wiki-rendered custom field', () => {
  const OWN_MARKUP = ['heading', 'codeBlock', 'bulletList', 'listItem', 'mark:strong', 'mark:em'];

  it('reads verbatim in the description, typed and captured, with no markup from page text', () => {
    const d = draft(
      { steps: CORPUS.join('\n\n'), impact: CORPUS.slice(0, 8).join('\n') },
      { events: CORPUS.map((text) => event(text, { kind: 'console-error' })), title: CORPUS[10] },
    );
    const shown = render(composeDescription(d));
    for (const type of shown.markup) expect(OWN_MARKUP).toContain(type);
    for (const text of CORPUS)
      expect(containsLines(shown.lines, lines(text)), JSON.stringify(text)).toBe(true);
    for (const link of shown.links) {
      expect(link.text).toMatch(/^(https?|ftp):\/\//);
      expect(new URL(link.href).href).toBe(new URL(link.text).href);
    }
  });

  it('reads verbatim in a paragraph custom field filled from the draft', () => {
    const fields = [
      {
        fieldId: 'summary',
        name: 'Summary',
        required: true,
        validValues: [],
        jiraSchema: { type: 'string', system: 'summary' },
      },
      {
        fieldId: 'description',
        name: 'Description',
        required: false,
        validValues: [],
        jiraSchema: { type: 'string', system: 'description' },
      },
      {
        fieldId: 'customfield_1',
        name: 'Steps to reproduce',
        required: false,
        validValues: [],
        jiraSchema: {
          type: 'string',
          custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea',
        },
      },
    ];
    const all = CORPUS.join('\n\n');
    const values = requestFieldValues(draft({ steps: all }), fields);
    const shown = render(String(values.customfield_1));
    expect(shown.lines).toEqual(lines(all));
    for (const type of shown.markup) expect(['codeBlock']).toContain(type);
  });
});
