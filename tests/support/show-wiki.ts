/**
 * What a support engineer reads for a wiki text, through Atlassian's converter:
 *   npm run wiki:show -- 'h3. Errors' '{noformat}at x (a.js:1:2){noformat}'
 * Prints each text's lines, links and markup nodes (tests/unit/ticket/wiki-converter.ts).
 */
import { render } from '../unit/ticket/wiki-converter.ts';

const texts = process.argv.slice(2);
if (texts.length === 0) {
  console.error("usage: npm run wiki:show -- '<wiki text>' ['<wiki text>' …]");
  process.exit(2);
}
for (const text of texts) {
  const { lines, links, markup } = render(text);
  console.log(JSON.stringify(text));
  console.log(JSON.stringify({ lines, links, markup }, null, 2));
}
