/**
 * `npm run build:server`: bundles the server processes into dist/ with esbuild, so they
 * start from plain JavaScript (no TypeScript compilation at run time). One bundle per
 * process entry; add an entry here when a new server process appears.
 */
import { build } from 'esbuild';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** dist/<name>.js ← source */
export const SERVER_ENTRIES: Record<string, string> = {
  daemon: 'server/daemon/main.ts',
  'daemon-worker': 'server/daemon/worker.ts',
};

export async function buildServer(): Promise<void> {
  const t0 = performance.now();
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
  const ms = Math.round(performance.now() - t0);
  process.stderr.write(`build:server: ${Object.keys(SERVER_ENTRIES).map((n) => `dist/${n}.js`).join(', ')} in ${ms} ms\n`);
}

if (require.main === module) {
  buildServer().catch((err) => {
    process.stderr.write(`build:server failed: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
