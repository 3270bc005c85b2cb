/**
 * `npm run build:server`: bundles the server processes into dist/ with esbuild, so they
 * start from plain JavaScript (no TypeScript compilation at run time). One bundle per
 * process entry; add an entry here when a new server process appears. The daemon carries
 * everything it needs; the web server leaves node_modules (Next, React) outside.
 */
import { build } from 'esbuild';
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
  });
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
  });
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
