#!/usr/bin/env node
/**
 * `npm run test:e2e`: builds the production app when there is no build, then runs the
 * Playwright suite in Debian's Chromium. Exits with Playwright's status (non-zero on failure).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`e2e: Chromium not found at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
  process.exit(1);
}

/** newest modification time under the sources the production build is made from */
function newestSource() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['app', 'components', 'lib', 'server', 'public', 'instrumentation.ts', 'next.config.js', 'postcss.config.mjs', 'package.json'])
    visit(path.join(root, p));
  return newest;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const buildId = path.join(root, '.next', 'BUILD_ID');
const built = fs.existsSync(buildId) && fs.existsSync(path.join(root, 'dist', 'daemon.js'));
const stale = built && newestSource() > fs.statSync(buildId).mtimeMs;
if (!built || stale || process.env.E2E_REBUILD === '1') {
  console.log(`e2e: building the production app (npm run build)${stale ? ': sources changed since the last build' : ''}`);
  const b = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    console.error('e2e: the build failed');
    process.exit(b.status || 1);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const r = spawnSync(npx, ['playwright', 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
if (r.error) console.error(`e2e: cannot run playwright: ${r.error.message}`);
process.exit(r.status === null ? 1 : r.status);
