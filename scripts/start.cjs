#!/usr/bin/env node
/**
 * `npm start`: serves the production build on PORT/HOST (defaults 8000 / 0.0.0.0),
 * building first when there is none, so a fresh clone needs only
 * `npm install && npm start`. This process then becomes the server: it loads the bundled
 * server (dist/web-server.js, plain JavaScript) itself, so no launcher and no TypeScript
 * loader stays resident beside it. After changing the code, `npm run build` again.
 *
 * The V8 flags are on the command line in package.json: one GC thread (on two cores
 * helper threads only compete with the request loop) and 4 MB semi-spaces (the young
 * generation otherwise grows to 16 MB each; ~40 MB less resident at the same req/s), and
 * --optimize-for-size (V8 grows the old generation less between collections: the web
 * server holds 12-16 MB less after load at the same CPU per request, bench/memory.ts), and
 * --no-node-snapshot (node runs its bootstrap instead of reading the snapshot embedded in
 * its binary: ~5 MB fewer of the binary's pages mapped, as in the daemons' node-flags.json).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const needed = ['.next/BUILD_ID', 'dist/daemon.js', 'dist/daemon-worker.js', 'dist/p3-format-worker.js', 'dist/web-server.js'];

if (!needed.every((f) => fs.existsSync(path.join(root, f)))) {
  console.log('[atomforge] no production build found: running `npm run build` first');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('[atomforge] the build failed; see the output above');
    process.exit(1);
  }
}

// Next reads NODE_ENV; the service finds its build and daemons through ATOMFORGE_HOME
process.env.NODE_ENV = 'production';
process.env.ATOMFORGE_HOME ??= root;
require(path.join(root, 'dist', 'web-server.js'));
