/**
 * `npm start`: serves the production build on PORT/HOST (defaults 8000 / 0.0.0.0),
 * building first when there is no build, so a fresh clone needs only
 * `npm install && npm start`.
 *
 * The server itself (server/web/production-server.ts) is bundled with esbuild and run by
 * plain node in a child process: under a TypeScript loader it would use twice the memory.
 * This launcher passes signals on and exits with the server's status.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync, stop as stopEsbuild } from 'esbuild';
import { withMallocEnv } from '../server/daemon/reclaim';

const root = path.resolve(__dirname, '..');
export const SERVER_BUNDLE = path.join(root, '.next', 'atomforge', 'web-server.js');

function fail(message: string): never {
  console.error(`[atomforge] ${message}`);
  process.exit(1);
}

/** `npm run build` when the Next build or the daemon bundle is missing */
export function ensureBuilt(): void {
  const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(path.join(root, 'dist', 'daemon.js'));
  if (built) return;
  console.log('[atomforge] no production build found: running `npm run build` first');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) fail('the build failed; see the output above');
}

/** bundles the production server (node_modules stay external) */
export function bundleServer(): string {
  buildSync({
    absWorkingDir: root,
    entryPoints: ['server/web/production-server.ts'],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  });
  void stopEsbuild();
  return SERVER_BUNDLE;
}

/**
 * V8's young generation grows to 16 MB semi-spaces per heap under load; capped at 4 MB the
 * web server keeps ~40 MB less resident at the same throughput (bench:web). The daemons
 * inherit the flag. An explicit setting in NODE_OPTIONS wins.
 */
function serverNodeOptions(): string {
  const given = process.env.NODE_OPTIONS ?? '';
  return /--max-semi-space-size/.test(given) ? given : `${given} --max-semi-space-size=4`.trim();
}

/**
 * One garbage-collector thread instead of one per core: on two cores the helper threads
 * only compete with the request loop, and each holds memory of its own. Not allowed in
 * NODE_OPTIONS, so it goes on the command line.
 */
const SERVER_V8_FLAGS = ['--single-threaded-gc'];

if (require.main === module) {
  ensureBuilt();
  // the server exits when its stdin closes, so it cannot outlive this launcher even after a SIGKILL
  const server = spawn(process.execPath, [...SERVER_V8_FLAGS, bundleServer()], {
    cwd: root,
    stdio: ['pipe', 'inherit', 'inherit'],
    // withMallocEnv: memory freed after large requests goes back to the system (server/daemon/reclaim.ts)
    env: { ...withMallocEnv(process.env), NODE_ENV: 'production', NODE_OPTIONS: serverNodeOptions(), ATOMFORGE_HOME: process.env.ATOMFORGE_HOME ?? root, ATOMFORGE_EXIT_WITH_STDIN: '1' },
  });
  const stopServer = (signal: NodeJS.Signals) => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stopServer(signal));
  // npm stops `npm start` by signalling its shell, which does not pass the signal on: a new parent means ours is gone
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stopServer('SIGTERM');
  }, 1000).unref();
  server.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : signal ? 143 : 1)));
}
