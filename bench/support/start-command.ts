/** The node flags `npm start` gives the web server (package.json), so benchmarks run it exactly so. */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export function startFlags(): string[] {
  const start: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const m = /^node ((?:--\S+ )*)scripts\/start\.cjs$/.exec(start);
  if (!m) throw new Error(`package.json's start script is not \`node [flags] scripts/start.cjs\`: ${start}`);
  return m[1]!.split(' ').filter(Boolean);
}
