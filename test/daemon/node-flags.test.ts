/** The V8 flags built-in daemons run with are defined once and used everywhere a daemon starts. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import DAEMON_NODE_FLAGS from '@/server/daemon/node-flags.json';

const ROOT = path.resolve(__dirname, '..', '..');

describe('daemon node flags', () => {
  it('npm run daemon starts the daemon with the same flags as the pool', () => {
    const script: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.daemon;
    expect(DAEMON_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of DAEMON_NODE_FLAGS) expect(script.split(' ')).toContain(flag);
  });

  it('are flags this node accepts (node exits 9 on an unknown flag)', () => {
    const r = spawnSync(process.execPath, [...DAEMON_NODE_FLAGS, '-e', 'process.exit(0)'], { timeout: 10_000 });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
  });
});
