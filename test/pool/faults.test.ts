/**
 * Fault tests with real processes on loopback: daemons killed, frozen, fed bad and
 * poisonous input under concurrent load. Every service is stopped after each test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FdoService, ServiceResponse } from '../../lib/service/contract';
import { bytes, load, poolConfig, reversed, start, stopAll, text, waitFor } from './helpers';

afterEach(stopAll);

interface Tally {
  ok: number;
  failed: ServiceResponse[];
  wrong: number;
}

/** compiles distinct inputs and checks every answer belongs to its request */
async function compileChecked(service: FdoService, i: number, tally: Tally): Promise<void> {
  const input = `uni_start_stream <${i}> ${'x'.repeat(i % 50)}`;
  const r = await service.compile(bytes(input));
  if (r.status !== 200) tally.failed.push(r);
  else if (text(r.body) !== reversed(input)) tally.wrong++;
  else tally.ok++;
}

const daemon = (s: FdoService, id: string) => s.poolHealth().instances.find((d) => d.id === id)!;

describe('pool under faults', () => {
  it('kill -9 of a daemon under concurrent load loses no request; the daemon is back soon after RESTART_DELAY', async () => {
    const config = await poolConfig(3);
    const service = await start(config);
    const tally: Tally = { ok: 0, failed: [], wrong: 0 };
    let done = false;
    const running = load(
      8,
      (i) => compileChecked(service, i, tally),
      () => done,
    );
    await waitFor('some load', () => tally.ok > 50, 10_000);
    const victim = daemon(service, 'daemon_1');
    process.kill(victim.pid!, 'SIGKILL');
    const killedAt = Date.now();
    await waitFor('daemon_1 crashed', () => daemon(service, 'daemon_1').state !== 'healthy' || daemon(service, 'daemon_1').pid !== victim.pid, 5_000, 5);
    await waitFor(
      'daemon_1 back',
      () => {
        const d = daemon(service, 'daemon_1');
        return d.state === 'healthy' && d.pid !== victim.pid;
      },
      10_000,
      10,
    );
    const recoveredMs = Date.now() - killedAt;
    const before = tally.ok;
    await waitFor('load on the restarted pool', () => tally.ok > before + 100, 10_000);
    done = true;
    await running;
    expect(tally.failed.map((r) => `${r.status} ${text(r.body)}`)).toEqual([]);
    expect(tally.wrong).toBe(0);
    // a generous bound: the restart delay plus a start-up on a machine that may be busy
    expect(recoveredMs).toBeLessThanOrEqual(config.restartDelayMs + 3000);
    expect(daemon(service, 'daemon_1').restart_count).toBe(1);
    expect(service.poolHealth().daemon_restarts).toBe(1);
    expect(service.events(50).map((e) => e.type)).toEqual(expect.arrayContaining(['crashed', 'restarting', 'restarted']));
  });

  it('a frozen daemon (SIGSTOP): requests fail over, its breaker opens; after SIGCONT it closes', async () => {
    const service = await start(await poolConfig(3));
    const tally: Tally = { ok: 0, failed: [], wrong: 0 };
    let done = false;
    const running = load(
      4,
      (i) => compileChecked(service, i, tally),
      () => done,
    );
    const victim = daemon(service, 'daemon_0');
    try {
      await waitFor('some load', () => tally.ok > 30, 10_000);
      process.kill(victim.pid!, 'SIGSTOP');
      await waitFor('breaker open', () => daemon(service, 'daemon_0').circuit_breaker_open, 15_000);
      expect(daemon(service, 'daemon_0').consecutive_failures).toBeGreaterThanOrEqual(3);
      const servedWhileOpen = tally.ok;
      await waitFor('others keep serving', () => tally.ok > servedWhileOpen + 50, 10_000);
      process.kill(victim.pid!, 'SIGCONT');
      await waitFor(
        'breaker closed and healthy',
        () => {
          const d = daemon(service, 'daemon_0');
          return d.circuit_breaker_state === 'closed' && d.state === 'healthy';
        },
        10_000,
      );
      const totalBefore = daemon(service, 'daemon_0').total_requests;
      await waitFor('daemon_0 serves again', () => daemon(service, 'daemon_0').total_requests > totalBefore + 5, 10_000);
    } finally {
      try {
        process.kill(victim.pid!, 'SIGCONT');
      } catch {
        /* gone */
      }
      done = true;
      await running;
    }
    expect(tally.failed.map((r) => `${r.status} ${text(r.body)}`)).toEqual([]);
    expect(tally.wrong).toBe(0);
    expect(daemon(service, 'daemon_0').pid).toBe(victim.pid); // it was frozen, not restarted
    const types = service.events(200).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['breaker_opened', 'breaker_half_open', 'breaker_closed']));
  });

  it('5 % malformed inputs under load get 4xx; every other request succeeds; no breaker opens', async () => {
    const service = await start(await poolConfig(2));
    let sent = 0;
    const statuses: number[] = [];
    let wrong = 0;
    await load(
      6,
      async () => {
        const i = sent++;
        const bad = i % 20 === 7;
        const input = bad ? `uni_start_stream BAD ${i}` : `uni_start_stream <${i}>`;
        const r = await service.compile(bytes(input));
        statuses[i] = r.status;
        if (!bad && text(r.body) !== reversed(input)) wrong++;
        if (bad && r.status === 400) expect(r.error).toMatchObject({ class: 'input', message: 'Unrecognized Atom', line: 1 });
      },
      () => sent >= 600,
    );
    const badIdx = statuses.map((s, i) => [s, i] as const).filter(([, i]) => i % 20 === 7);
    const goodIdx = statuses.map((s, i) => [s, i] as const).filter(([, i]) => i % 20 !== 7);
    expect(badIdx.every(([s]) => s === 400)).toBe(true);
    expect(goodIdx.every(([s]) => s === 200)).toBe(true);
    expect(wrong).toBe(0);
    const report = service.poolHealth();
    expect(report.instances.every((d) => d.failed_requests === 0 && !d.circuit_breaker_open && d.state === 'healthy')).toBe(true);
    expect(report.failed_requests).toBe(0);
    expect(service.events(100).some((e) => e.type === 'breaker_opened' || e.type === 'unhealthy')).toBe(false);
  });

  it('all daemons dead: a fast 503 with Retry-After, then recovery', async () => {
    const service = await start(await poolConfig(2, { FDO_DAEMON_RESTART_DELAY: '1.5' }));
    const pids = service.poolHealth().instances.map((d) => d.pid!);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await waitFor('both crashed', () => service.poolHealth().instances.every((d) => d.state === 'crashed'), 5_000, 5);
    const r = await service.compile(bytes('uni_start_stream'));
    expect(r.status).toBe(503);
    expect(Number(r.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(r.error).toMatchObject({ class: 'unavailable', status: 503 });
    expect(r.error!.message).toMatch(/no healthy daemon/);
    expect(r.durationMs).toBeLessThan(1000);
    expect(service.health().status).toBe('unhealthy');
    await waitFor('recovery', () => service.health().status === 'healthy', 10_000);
    const after = await service.compile(bytes('abc'));
    expect(after.status).toBe(200);
    expect(text(after.body)).toBe('cba');
  });

  it('a saturated pool answers 503 within about the queue timeout, never hangs', async () => {
    const service = await start(await poolConfig(1, { FDO_DAEMON_MAX_IN_FLIGHT: '1', FDO_DAEMON_QUEUE_LIMIT: '2', FDO_DAEMON_QUEUE_TIMEOUT: '0.2' }));
    // SLOW requests hold the only slot for 300 ms each
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => service.compile(bytes(`SLOW ${i}`))));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(3); // queue of 2 is full for the rest
    for (const a of answers.filter((x) => x.status === 503)) {
      expect(a.headers['Retry-After']).toBe('1');
      expect(a.error!.message).toMatch(/busy/);
    }
  });

  it('poison input that kills every daemon it touches: one 422, and the pool is healthy afterwards', async () => {
    const service = await start(await poolConfig(3));
    const r = await service.compile(bytes('uni_start_stream POISON'));
    expect(r.status).toBe(422);
    expect(r.error).toMatchObject({ class: 'poison', status: 422, kind: 'Poison Input' });
    expect(r.error!.message).toMatch(/crashed the engine on 2 daemons/);
    expect(r.attempts).toBe(2);
    // the third daemon was never touched and serves meanwhile
    const meanwhile = await service.compile(bytes('hello'));
    expect(meanwhile.status).toBe(200);
    await waitFor('pool healthy again', () => service.health().status === 'healthy', 10_000);
    expect(service.events(50).filter((e) => e.type === 'poison_input')).toHaveLength(1);
    const report = service.poolHealth();
    expect(report.instances.filter((d) => d.restart_count === 1)).toHaveLength(2);
    expect(report.failed_requests).toBe(1);
    const after = await Promise.all(Array.from({ length: 9 }, (_, i) => service.compile(bytes(`ok ${i}`))));
    expect(after.every((a) => a.status === 200)).toBe(true);
  });
});
