/**
 * `npm run build:server`: bundles the server processes into dist/ with esbuild, so they
 * start from plain JavaScript (no TypeScript compilation at run time). One bundle per
 * process entry; add an entry here when a new server process appears. The daemon carries
 * everything it needs; the web server leaves node_modules (Next, React) outside.
 */
import { build, type BuildResult } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** dist/<name>.js ← source */
export const SERVER_ENTRIES: Record<string, string> = {
  daemon: 'server/daemon/main.ts',
  'daemon-worker': 'server/daemon/worker.ts',
  'p3-format-worker': 'server/web/p3-format-worker.ts',
};

/** dist/web-server.js ← the production web server (npm start runs it in its own process) */
export const WEB_SERVER_ENTRY = 'server/web/production-server.ts';
export const WEB_SERVER_BUNDLE = 'dist/web-server.js';

/**
 * esbuild escapes non-ASCII characters in strings but keeps class members' doc comments
 * verbatim: one `…` there makes V8 hold the whole bundle's source text (kept for
 * Function.prototype.toString) as a two-byte string, twice its size, in every daemon and
 * worker. The characters left are in comments, so escaping them changes nothing else.
 */
export function asciiOnly(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function writeAscii(result: BuildResult): void {
  for (const file of result.outputFiles ?? []) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    fs.writeFileSync(file.path, file.path.endsWith('.js') ? asciiOnly(file.text) : file.contents);
  }
}

export async function buildServer(): Promise<void> {
  const t0 = performance.now();
  const webServer = build({
    absWorkingDir: ROOT,
    entryPoints: [{ in: WEB_SERVER_ENTRY, out: 'web-server' }],
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
    legalComments: 'none',
    write: false,
  }).then(writeAscii);
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(SERVER_ENTRIES).map(([out, src]) => ({ in: src, out })),
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
    legalComments: 'none',
    write: false,
  }).then(writeAscii);
  await webServer;
  const ms = Math.round(performance.now() - t0);
  process.stderr.write(`build:server: ${[...Object.keys(SERVER_ENTRIES), 'web-server'].map((n) => `dist/${n}.js`).join(', ')} in ${ms} ms\n`);
}

if (require.main === module) {
  buildServer().catch((err) => {
    process.stderr.write(`build:server failed: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
