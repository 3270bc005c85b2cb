/**
 * Reliability with real built-in daemons on loopback: a crash loop recovers by itself, a
 * hung daemon costs clients well under a second, and two services on one host keep to
 * their own working folders.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FdoService } from '../../lib/service/contract';
import { PoolService } from '../../server/pool/service';
import { loadCorpus } from '../support/corpus';
import { startTestService, type Started } from '../web/support';
import { waitFor } from './helpers';

const samples = loadCorpus('samples');
let running: Started[] = [];

afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()));
  running = [];
});

async function pool(env: Record<string, string>): Promise<Started> {
  const s = await startTestService({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '3', ...env });
  running.push(s);
  return s;
}

interface LoadResult {
  total: number;
  failed: string[];
  slowest: number;
}

/** `clients` loops compiling the samples and checking the bytes until `until()` */
async function compileLoad(service: FdoService, clients: number, until: () => boolean): Promise<LoadResult> {
  const r: LoadResult = { total: 0, failed: [], slowest: 0 };
  await Promise.all(
    Array.from({ length: clients }, async (_, k) => {
      for (let i = k; !until(); i += clients) {
        const s = samples[i % samples.length]!;
        const t0 = performance.now();
        const a = await service.compile(Buffer.from(s.text, 'latin1'));
        r.slowest = Math.max(r.slowest, performance.now() - t0);
        r.total++;
        if (a.status !== 200 || Buffer.compare(Buffer.from(a.body), Buffer.from(s.binary)) !== 0)
          r.failed.push(`${s.name}: ${a.status} ${a.error?.message ?? ''}`);
      }
    }),
  );
  return r;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash loops and hung daemons', () => {
  it('a daemon killed every second for 20 s: under 1 % of requests fail, and every daemon is healthy again within the backoff cap + 5 s', async () => {
    const capSeconds = 4;
    const { service } = await pool({
      FDO_DAEMON_RESTART_DELAY: '0.2',
      FDO_DAEMON_RESTART_BACKOFF_CAP: String(capSeconds),
      FDO_DAEMON_HEALTH_INTERVAL: '0.5',
    });
    let killing = true;
    let kills = 0;
    const killer = (async () => {
      for (let i = 0; killing; i++) {
        await sleep(1_000);
        if (!killing) break;
        // a live daemon in turn; never the last live one: that would test an empty pool, not failover
        const live = service.poolHealth().instances.filter((d) => d.pid !== null && d.state === 'healthy');
        const victim = live.length >= 2 ? live[i % live.length] : undefined;
        if (victim?.pid) {
          try {
            process.kill(victim.pid, 'SIGKILL');
            kills++;
          } catch {
            /* it died meanwhile */
          }
        }
      }
    })();
    const stopAt = Date.now() + 20_000;
    const load = compileLoad(service, 4, () => Date.now() > stopAt);
    await sleep(20_000);
    killing = false;
    await killer;
    const result = await load;
    console.log(`crash loop: ${kills} kills, ${result.total} requests, ${result.failed.length} failed, restarts ${service.poolHealth().daemon_restarts}`);
    expect(kills).toBeGreaterThanOrEqual(12);
    expect(result.total).toBeGreaterThan(1_000);
    expect(result.failed.length / result.total).toBeLessThan(0.01);
    // a crash loop backs off; it never gives up
    expect(service.events(1000).some((e) => e.type === 'gave_up')).toBe(false);
    const recovery = await waitFor('every daemon healthy again', () => service.health().status === 'healthy', (capSeconds + 5) * 1000, 50);
    expect(recovery).toBeLessThanOrEqual((capSeconds + 5) * 1000);
    const after = await compileLoad(
      service,
      3,
      (() => {
        let n = 0;
        return () => n++ >= 30;
      })(),
    );
    expect(after.failed).toEqual([]);
  }, 90_000);

  it('a daemon stopped with SIGSTOP for 10 s: no request fails or takes over 1 s; its breaker opens, then closes after SIGCONT', async () => {
    const { service } = await pool({ FDO_DAEMON_HEALTH_INTERVAL: '1', FDO_DAEMON_REQUEST_TIMEOUT: '10' });
    // warm every daemon so the hedge deadline rests on real latencies
    await compileLoad(
      service,
      4,
      (() => {
        let n = 0;
        return () => n++ >= 200;
      })(),
    );
    const victim = service.poolHealth().instances[1]!;
    const phaseEnd = Date.now() + 12_000;
    const load = compileLoad(service, 4, () => Date.now() > phaseEnd);
    await sleep(1_000);
    process.kill(victim.pid!, 'SIGSTOP');
    try {
      await waitFor('breaker open', () => service.poolHealth().instances[1]!.circuit_breaker_state === 'open', 5_000, 20);
      await sleep(10_000 - 1_000);
    } finally {
      process.kill(victim.pid!, 'SIGCONT');
    }
    const result = await load;
    expect(result.failed).toEqual([]);
    expect(result.slowest).toBeLessThan(1_000);
    expect(service.events(1000).some((e) => e.type === 'hedged' && e.message.includes(victim.id))).toBe(true);
    await waitFor(
      'breaker closed again',
      () => {
        const d = service.poolHealth().instances[1]!;
        return d.circuit_breaker_state === 'closed' && d.state === 'healthy';
      },
      15_000,
      50,
    );
    expect(service.poolHealth().instances[1]!.pid).toBe(victim.pid); // the same process, never restarted
  }, 60_000);
});

describe('working folders', () => {
  it('two services on one host with the default pool root keep to their own folders and each removes its own on stop', async () => {
    const defaultRoot = path.join(os.tmpdir(), 'fdo_daemon_pool');
    // a folder a SIGKILLed service left behind (its pid is gone) is cleaned up by the next start
    fs.mkdirSync(defaultRoot, { recursive: true });
    const stale = path.join(defaultRoot, 'run-999999999-deadbeef');
    fs.mkdirSync(path.join(stale, 'daemon_0'), { recursive: true });
    const a = await startTestService({ FDO_DAEMON_POOL_ROOT: '' });
    const b = await startTestService({ FDO_DAEMON_POOL_ROOT: '' });
    const dirA = (a.service as PoolService).workingFolder!;
    const dirB = (b.service as PoolService).workingFolder!;
    try {
      expect(path.dirname(dirA)).toBe(defaultRoot);
      expect(path.dirname(dirB)).toBe(defaultRoot);
      expect(dirA).not.toBe(dirB);
      expect(fs.existsSync(path.join(dirA, 'daemon_0'))).toBe(true);
      expect(fs.existsSync(path.join(dirB, 'daemon_0'))).toBe(true);
      expect(fs.existsSync(stale)).toBe(false);
      await a.stop();
      expect(fs.existsSync(dirA)).toBe(false);
      expect(fs.existsSync(path.join(dirB, 'daemon_0'))).toBe(true);
      const still = await b.service.compile(Buffer.from(samples[0]!.text, 'latin1'));
      expect(still.status).toBe(200);
    } finally {
      await b.stop();
    }
    expect(fs.existsSync(dirB)).toBe(false);
  }, 60_000);
});
