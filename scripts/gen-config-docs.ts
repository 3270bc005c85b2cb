/** `npm run gen:config-docs`: writes the configuration tables of README.md and docs/POOL.md from lib/config/schema.ts. */
import fs from 'node:fs';
import path from 'node:path';
import { fullTable, readmeTable, withTable } from '../lib/config/docs';

const root = path.resolve(__dirname, '..');
for (const [file, table] of [
  ['README.md', readmeTable()],
  [path.join('docs', 'POOL.md'), fullTable()],
] as const) {
  const full = path.join(root, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = withTable(before, table);
  if (after !== before) fs.writeFileSync(full, after);
  console.log(`${file}: ${after === before ? 'up to date' : 'written'}`);
}
