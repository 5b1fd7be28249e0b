/**
 * What the support engineer reads: wiki text through Atlassian's own converter (the one Jira
 * Cloud uses for wiki text), reduced to its plain text, links and any markup nodes.
 */
import { JSONTransformer } from '@atlaskit/editor-json-transformer';
import { WikiMarkupTransformer } from '@atlaskit/editor-wikimarkup-transformer';

const wiki = new WikiMarkupTransformer();
const json = new JSONTransformer();

export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: AdfNode[];
}

export interface Rendered {
  doc: AdfNode;
  /** Lines of text as shown, each trimmed, blank lines left out. */
  lines: string[];
  /** Every link: its text and target. */
  links: { text: string; href: string }[];
  /** Node and mark types other than paragraphs, plain text, line breaks and links. */
  markup: string[];
}

const PLAIN_NODES = new Set(['doc', 'paragraph', 'text', 'hardBreak']);

export function render(text: string): Rendered {
  const doc = json.encode(wiki.parse(text)) as AdfNode;
  const links: Rendered['links'] = [];
  const markup: string[] = [];
  let out = '';
  const walk = (node: AdfNode) => {
    if (!PLAIN_NODES.has(node.type)) markup.push(node.type);
    for (const mark of node.marks ?? []) {
      if (mark.type === 'link')
        links.push({ text: node.text ?? '', href: String(mark.attrs?.href ?? '') });
      else markup.push(`mark:${mark.type}`);
    }
    if (node.type === 'text') out += node.text ?? '';
    if (node.type === 'hardBreak') out += '\n';
    if (node.type === 'emoji' || node.type === 'mention' || node.type === 'inlineCard')
      out += String(node.attrs?.text ?? '');
    for (const child of node.content ?? []) walk(child);
    if (node.type === 'paragraph' || node.type === 'codeBlock' || node.type === 'heading')
      out += '\n\n';
  };
  walk(doc);
  return { doc, lines: lines(out), links, markup };
}

/** Lines as read: trimmed, blank ones left out. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
