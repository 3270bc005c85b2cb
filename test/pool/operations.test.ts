/**
 * Operator actions and reporting on a running pool of real (fake-engine) daemon processes:
 * rolling restart under load, single restart, resize, breaker reset, health shapes,
 * metrics, history, events, single mode and start-up failure.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { startService } from '../../server/pool';
import type { FdoService } from '../../lib/service/contract';
import { FAKE_DAEMON, FAST_ENV, bytes, freePorts, load, poolConfig, reversed, start, stopAll, tempRoot, text, waitFor } from './helpers';

afterEach(stopAll);

const ids = (s: FdoService) => s.poolHealth().instances.map((d) => d.id);

describe('pool operations', () => {
  it('a rolling restart under load restarts every daemon and loses no request', async () => {
    const service = await start(await poolConfig(3));
    const pidsBefore = service.poolHealth().instances.map((d) => d.pid);
    let done = false;
    const failures: string[] = [];
    let ok = 0;
    const running = load(
      6,
      async (i) => {
        const input = `form ${i}`;
        const r = await service.compile(bytes(input));
        if (r.status !== 200 || text(r.body) !== reversed(input)) failures.push(`${r.status} ${text(r.body)}`);
        else ok++;
      },
      () => done,
    );
    await waitFor('load', () => ok > 30, 10_000);
    await service.rollingRestart();
    const after = ok;
    await waitFor('load after', () => ok > after + 30, 10_000);
    done = true;
    await running;
    expect(failures).toEqual([]);
    const report = service.poolHealth();
    expect(report.instances.every((d) => d.state === 'healthy' && d.restart_count === 1)).toBe(true);
    expect(report.instances.map((d) => d.pid).some((p, i) => p === pidsBefore[i])).toBe(false);
    expect(report.daemon_restarts).toBe(3);
  });

  it('restarts one daemon on request; unknown ids answer false', async () => {
    const service = await start(await poolConfig(2));
    const before = service.poolHealth().instances[1]!.pid;
    expect(await service.restartDaemon('daemon_1')).toBe(true);
    const d = service.poolHealth().instances[1]!;
    expect(d.state).toBe('healthy');
    expect(d.pid).not.toBe(before);
    expect(d.restart_count).toBe(1);
    expect(service.poolHealth().instances[0]!.restart_count).toBe(0);
    expect(await service.restartDaemon('daemon_9')).toBe(false);
  });

  it('an operator restart of a crashed daemon replaces its pending automatic restart (one process per slot)', async () => {
    const config = await poolConfig(2, { FDO_DAEMON_RESTART_DELAY: '0.4' });
    const service = await start(config);
    const victim = service.poolHealth().instances[1]!.pid!;
    process.kill(victim, 'SIGKILL');
    await waitFor('crashed', () => service.poolHealth().instances[1]!.state === 'crashed', 5_000, 5);
    expect(await service.restartDaemon('daemon_1')).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000)); // past the automatic restart's due time
    const d = service.poolHealth().instances[1]!;
    expect(d.state).toBe('healthy');
    expect(processesOnPort(config.basePort + 1)).toEqual([d.pid]);
    expect(service.events(20).filter((e) => e.daemon_id === 'daemon_1' && e.type === 'restarted')).toHaveLength(1);
  });

  it('resizes at run time: grows on the next ports, shrinks by draining the highest ids', async () => {
    const config = await poolConfig(2, { FDO_DAEMON_POOL_MAX_SIZE: '4' });
    const service = await start(config);
    await service.resize(4);
    let report = service.poolHealth();
    expect(report.pool_size).toBe(4);
    expect(report.instances.map((d) => [d.id, d.port, d.state])).toEqual([
      ['daemon_0', config.basePort, 'healthy'],
      ['daemon_1', config.basePort + 1, 'healthy'],
      ['daemon_2', config.basePort + 2, 'healthy'],
      ['daemon_3', config.basePort + 3, 'healthy'],
    ]);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => service.compile(bytes(`r${i}`))));
    expect(new Set(answers.map((a) => a.daemonId)).size).toBe(4); // round-robin reaches the new ones
    const removedPids = report.instances.slice(1).map((d) => d.pid!);
    // shrink while requests run: none may fail
    const inflight = Array.from({ length: 12 }, (_, i) => service.compile(bytes(`SLOW ${i}`)));
    await service.resize(1);
    expect((await Promise.all(inflight)).map((a) => a.status)).toEqual(Array(12).fill(200));
    report = service.poolHealth();
    expect(ids(service)).toEqual(['daemon_0']);
    expect(report.pool_size).toBe(1);
    for (const pid of removedPids) await waitFor(`pid ${pid} gone`, () => !isAlive(pid), 5_000);
    await expect(service.resize(5)).rejects.toThrow(/from 1 to 4/);
    await expect(service.resize(0)).rejects.toThrow(/from 1 to 4/);
    expect(service.events(20).some((e) => e.type === 'resized')).toBe(true);
  });

  it('resets open circuit breakers and reports how many', async () => {
    const service = await start(await poolConfig(2, { FDO_DAEMON_CIRCUIT_BREAKER_THRESHOLD: '1', FDO_DAEMON_HEALTH_INTERVAL: '600' }));
    const r = await service.compile(bytes('FAIL500'));
    expect(r.status).toBe(503);
    expect(r.attempts).toBe(2);
    expect(service.poolHealth().instances.every((d) => d.circuit_breaker_open)).toBe(true);
    expect(service.health().status).toBe('unhealthy');
    expect(service.resetCircuitBreakers()).toBe(2);
    expect(service.resetCircuitBreakers()).toBe(0);
    expect(service.poolHealth().instances.every((d) => !d.circuit_breaker_open && d.consecutive_failures === 0)).toBe(true);
  });

  it('reports health, pool health, metrics, history and events in the documented shapes', async () => {
    const service = await start(await poolConfig(2));
    for (let i = 0; i < 10; i++) await service.compile(bytes(`m${i}`));
    await service.compile(bytes('BAD'));
    expect(service.health()).toEqual({
      status: 'healthy',
      execution_mode: 'daemon_pool',
      pool: { enabled: true, size: 2, healthy_instances: 2, health_percentage: 100 },
    });
    await waitFor('a health check', () => service.poolHealth().instances.every((d) => d.last_health_check !== null), 5_000);
    const report = service.poolHealth();
    expect(report).toMatchObject({
      pool_size: 2,
      instances_total: 2,
      instances_healthy: 2,
      pool_health_percentage: 100,
      total_requests: 11,
      failed_requests: 0,
      daemon_restarts: 0,
      instances_by_state: { healthy: 2, unhealthy: 0, crashed: 0, restarting: 0 },
      execution_mode: 'daemon_pool',
    });
    const d0 = report.instances[0]!;
    expect(Object.keys(d0)).toEqual(
      expect.arrayContaining([
        'id',
        'port',
        'state',
        'restart_count',
        'consecutive_failures',
        'total_requests',
        'failed_requests',
        'circuit_breaker_open',
        'last_health_check',
      ]),
    );
    expect(d0.last_health_check! * 1000).toBeGreaterThan(Date.now() - 60_000);
    expect(d0.rss_bytes).toBeGreaterThan(1_000_000);
    expect(d0.total_requests + report.instances[1]!.total_requests).toBe(11);

    const metrics = await service.metrics();
    expect(metrics).toMatch(/^fdo_pool_requests_total\{outcome="ok"\} 10$/m);
    expect(metrics).toMatch(/^fdo_pool_requests_total\{outcome="client_error"\} 1$/m);
    expect(metrics).toMatch(/^fdo_daemon_state\{daemon="daemon_0",state="healthy"\} 1$/m);
    expect(metrics).toMatch(/^fdo_daemon_in_flight\{daemon="daemon_1"\} 0$/m);
    expect(metrics).toMatch(/^# TYPE fdo_pool_request_duration_seconds histogram$/m);

    await waitFor('two history samples', () => service.history().length >= 2, 5_000);
    const h = service.history();
    expect(h.at(-1)!.daemons.daemon_0!.state).toBe('healthy');
    expect(h.at(-1)!.pool.healthy).toBe(2);
    expect(service.history(h.at(-1)!.time)).toEqual([]);
    expect(service.events(10).map((e) => e.type)).toEqual(['started', 'started']);
  });

  it('single mode runs one daemon on FDO_DAEMON_PORT with the same supervision', async () => {
    const port = await freePorts(1);
    const config = loadConfig({ ...FAST_ENV, FDO_DAEMON_PORT: String(port), FDO_DAEMON_POOL_ROOT: tempRoot() });
    config.builtinDaemonScript = FAKE_DAEMON;
    const service = await start(config);
    expect(service.mode).toBe('daemon');
    expect(service.health().pool).toEqual({ enabled: false, size: 1, healthy_instances: 1, health_percentage: 100 });
    const d = service.poolHealth().instances[0]!;
    expect([d.id, d.port]).toEqual(['daemon_0', port]);
    process.kill(d.pid!, 'SIGKILL');
    await waitFor('restarted', () => service.poolHealth().instances[0]!.restart_count === 1 && service.health().status === 'healthy', 10_000);
    expect((await service.compile(bytes('ab'))).status).toBe(200);
    await expect(service.resize(2)).rejects.toThrow(/pool mode/);
  });

  it('start-up fails clearly when fewer than half the daemons come up, leaving none running', async () => {
    const config = await poolConfig(3, { FDO_DAEMON_READY_TIMEOUT: '5' });
    // ports of daemon_1 and daemon_2 are taken by something that is not a daemon
    const blockers = await Promise.all([1, 2].map((i) => listenRaw(config.basePort + i)));
    try {
      const err = await startService(config).then(
        (s) => (s.stop(), null),
        (e: Error) => e,
      );
      expect(err?.message).toMatch(/daemon pool start-up failed: only 1 of 3 daemons became ready; daemon_1 \(port \d+\): exited before it was ready/);
      expect(err?.message).toMatch(/EADDRINUSE/);
    } finally {
      for (const b of blockers) b.close();
    }
  });

  it('never mistakes a foreign daemon holding its port for its own', async () => {
    const config = await poolConfig(2, { FDO_DAEMON_MAX_RESTART_ATTEMPTS: '2', FDO_DAEMON_GIVE_UP: 'true' });
    const foreign = spawn(process.execPath, [FAKE_DAEMON, '--port', String(config.basePort + 1)], { stdio: ['ignore', 'pipe', 'ignore'] });
    // our daemons take a while to bind, so the pool's /health probes reach the foreign one first
    process.env.FAKE_READY_DELAY_MS = '800';
    try {
      await new Promise((r) => foreign.stdout!.once('data', r));
      const service = await start(config);
      delete process.env.FAKE_READY_DELAY_MS;
      expect(service.poolHealth().instances[1]!.state).not.toBe('healthy');
      expect(service.events(10).find((e) => e.daemon_id === 'daemon_1')?.message).toMatch(/did not start: exited before it was ready .*EADDRINUSE/);
      await waitFor('daemon_1 gave up', () => service.events(50).some((e) => e.type === 'gave_up'), 10_000);
      expect(service.poolHealth().instances[1]!.state).toBe('crashed');
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => service.compile(bytes(`f${i}`))));
      expect(answers.every((a) => a.status === 200 && a.daemonId === 'daemon_0' && a.headers['x-daemon-pid'] !== String(foreign.pid))).toBe(true);
      expect(service.health().status).toBe('degraded');
    } finally {
      delete process.env.FAKE_READY_DELAY_MS;
      foreign.kill('SIGKILL');
    }
  });

  it('start-up says to build the daemon when dist/daemon.js is missing', async () => {
    const config = await poolConfig(1);
    config.builtinDaemonScript = null;
    config.home = tempRoot();
    await expect(startService(config)).rejects.toThrow(/npm run build:server/);
  });
});

/** pids of processes started with `--port <port>` */
function processesOnPort(port: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0');
      const i = args.indexOf('--port');
      if (i >= 0 && args[i + 1] === String(port)) found.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function listenRaw(port: number): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer((s) => s.destroy());
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
