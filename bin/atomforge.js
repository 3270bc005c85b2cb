#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (dist/cli.js). When it is missing or older than its sources, it is
// bundled first with esbuild (a fraction of a second), so `npx atomforge` works on a fresh clone.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!fs.existsSync(bundle)) return true;
  const built = fs.statSync(bundle).mtimeMs;
  return ['lib/cli', 'lib/fdo', 'lib/p3'].some((dir) => newestSource(path.join(root, dir)) > built);
}

if (stale()) {
  require('esbuild').buildSync({
    entryPoints: [path.join(root, 'lib', 'cli', 'main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
  });
}
require(bundle);
