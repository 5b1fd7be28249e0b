import { JSONTransformer } from '@atlaskit/editor-json-transformer';
import { WikiMarkupTransformer } from '@atlaskit/editor-wikimarkup-transformer';

const w = new WikiMarkupTransformer();
const j = new JSONTransformer();
const show = (doc) => JSON.stringify(j.encode(doc).content);
const texts = process.argv.slice(2);
for (const t of texts) console.log(JSON.stringify(t), '=>', show(w.parse(t)));
