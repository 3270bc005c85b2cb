/**
 * `npm start`: serves the production build of the web app (which starts the daemons) on
 * PORT/HOST, building first when there is no build, so a fresh clone needs only
 * `npm install && npm start`. Signals are passed on to the server, which stops the pool.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const port = process.env.PORT ?? '8000';
const host = process.env.HOST ?? '0.0.0.0';

function fail(message: string): never {
  console.error(`[atomforge] ${message}`);
  process.exit(1);
}

if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) fail(`PORT=${port} is not a port number (1-65535)`);

const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(path.join(root, 'dist', 'daemon.js'));
if (!built) {
  console.log('[atomforge] no production build found: running `npm run build` first');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) fail('the build failed; see the output above');
}

const nextBin = require.resolve('next/dist/bin/next', { paths: [root] });
const server = spawn(process.execPath, [nextBin, 'start', '--port', port, '--hostname', host], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', ATOMFORGE_HOME: process.env.ATOMFORGE_HOME ?? root },
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
  });
}

server.on('exit', (code, signal) => {
  process.exit(code ?? (signal === 'SIGINT' ? 130 : signal ? 143 : 1));
});
