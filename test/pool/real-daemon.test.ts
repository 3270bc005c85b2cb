/**
 * The pool in front of the real built-in daemon (dist/daemon.js, built by
 * `npm run build:server`): the sample corpus compiled and decompiled through the pool,
 * byte for byte, while one daemon is killed, and a source error passed back as a 400.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { loadCorpus } from '../support/corpus';
import { FAST_ENV, REPO, freePorts, start, stopAll, tempRoot, text, waitFor } from './helpers';

afterEach(stopAll);

describe('pool of real daemons', () => {
  it('compiles and decompiles the samples byte-exact through the pool, with a daemon killed midway', async () => {
    expect(fs.existsSync(path.join(REPO, 'dist', 'daemon.js'))).toBe(true);
    const base = await freePorts(2);
    const config = loadConfig({
      ...FAST_ENV,
      FDO_DAEMON_REQUEST_TIMEOUT: '10',
      FDO_DAEMON_POOL_ENABLED: 'true',
      FDO_DAEMON_POOL_SIZE: '2',
      FDO_DAEMON_POOL_BASE_PORT: String(base),
      FDO_DAEMON_POOL_ROOT: tempRoot(),
      ATOMFORGE_HOME: REPO,
    });
    const service = await start(config);
    const samples = loadCorpus('samples');
    const mismatches: string[] = [];
    let next = 0;
    let killed = false;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < samples.length) {
          const s = samples[next++]!;
          if (!killed && next > samples.length / 3) {
            killed = true;
            process.kill(service.poolHealth().instances[1]!.pid!, 'SIGKILL');
          }
          const c = await service.compile(new Uint8Array(Buffer.from(s.text, 'latin1')));
          if (c.status !== 200 || Buffer.compare(Buffer.from(c.body), Buffer.from(s.binary)) !== 0) mismatches.push(`compile ${s.name}: ${c.status}`);
          const d = await service.decompile(s.binary);
          if (d.status !== 200 || text(d.body) !== s.text) mismatches.push(`decompile ${s.name}: ${d.status}`);
        }
      }),
    );
    expect(mismatches).toEqual([]);
    await waitFor('daemon_1 restarted', () => service.poolHealth().instances[1]!.restart_count === 1 && service.health().status === 'healthy', 10_000);
    const snap = service.poolHealth().instances[0]!;
    expect(snap.rss_bytes).toBeGreaterThan(1_000_000);

    const bad = await service.compile(new Uint8Array(Buffer.from('uni_start_stream\n  man_start_object <independent, "x>\nuni_end_stream\n', 'latin1')));
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ class: 'input', line: 2 });
    expect(service.poolHealth().instances.every((d) => !d.circuit_breaker_open)).toBe(true);
  });
});
