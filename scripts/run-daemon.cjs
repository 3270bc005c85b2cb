#!/usr/bin/env node
/**
 * `npm run daemon -- --port N`: runs the bundled daemon (dist/daemon.js) in this process,
 * so signals and the parent-death watch apply to it directly. Rebuilds dist/ first when it
 * is missing or older than the sources (the build's output goes to stderr: stdout carries
 * only the daemon's ready line).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const BUNDLES = ['dist/daemon.js', 'dist/daemon-worker.js'].map((f) => path.join(ROOT, f));
// What the daemon's bundles are built from (scripts/build-server.ts, SERVER_ENTRIES, and their imports).
const SOURCES = ['server/daemon', 'lib/fdo', 'package.json'].map((f) => path.join(ROOT, f));

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function builtAt() {
  let oldest = Infinity;
  for (const f of BUNDLES) {
    try {
      oldest = Math.min(oldest, fs.statSync(f).mtimeMs);
    } catch {
      return 0;
    }
  }
  return oldest;
}

const built = builtAt();
const sourcesAvailable = fs.existsSync(path.join(ROOT, 'scripts', 'build-server.ts'));
if (sourcesAvailable && (built === 0 || SOURCES.some((s) => newestMtime(s) > built))) {
  process.stderr.write(
    built === 0 ? 'daemon: dist/ is missing; building it (npm run build:server)\n' : 'daemon: sources changed since dist/ was built; rebuilding\n',
  );
  let tsxCli;
  try {
    tsxCli = require.resolve('tsx/cli', { paths: [ROOT] });
  } catch {
    tsxCli = null;
  }
  const r = tsxCli
    ? spawnSync(process.execPath, [tsxCli, path.join(ROOT, 'scripts', 'build-server.ts')], { cwd: ROOT, stdio: ['ignore', 2, 2] })
    : { status: 1 };
  if (r.status !== 0) {
    if (built === 0) {
      process.stderr.write('daemon: could not build dist/daemon.js; run `npm run build:server` and look at its errors.\n');
      process.exit(1);
    }
    process.stderr.write('daemon: rebuild failed; starting the existing (older) dist/daemon.js\n');
  }
} else if (built === 0) {
  process.stderr.write('daemon: dist/daemon.js is missing; run `npm run build:server` first.\n');
  process.exit(1);
}

require(BUNDLES[0]);
