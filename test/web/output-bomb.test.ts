/**
 * Bounded decompile output through a real server (issue 8, item 3): the 217 KB bomb is
 * refused with 422 'Output Too Large' in under a second, as raw and JSON requests, alone
 * and eight at once; the web server's and the daemons' resident memory come back to
 * within 20 % of where they were; the pool stays healthy; real streams still decompile.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decompile } from '@/lib/fdo';
import { loadCorpus } from '../support/corpus';
import { outputBomb } from './output-bomb';
import { send, startRealServer, type RealServer } from './real-server';

let s: RealServer;
const { bomb: bombBytes, unit } = outputBomb();
const bomb = Buffer.from(bombBytes);

beforeAll(async () => {
  s = await startRealServer({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '2' });
});

afterAll(async () => {
  await s?.stop();
});

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) * 1024;
}

function memory(): { web: number; daemons: number } {
  const pids = s.started.service.poolHealth().instances.map((d) => d.pid!);
  return { web: process.memoryUsage().rss, daemons: pids.reduce((sum, pid) => sum + rssOf(pid), 0) };
}

const raw = () => send(s.port, 'POST', '/decompile', bomb, { 'Content-Type': 'application/octet-stream' });
const bombJson = Buffer.from(JSON.stringify({ binary_data: bomb.toString('base64') }));
const asJson = () => send(s.port, 'POST', '/decompile', bombJson, { 'Content-Type': 'application/json' });

describe('the decompile output bomb', () => {
  it('really is one: hundreds of times its size in text', () => {
    const part = bomb.subarray(0, Math.ceil(40_000 / unit) * unit);
    const text = decompile(part);
    expect(bomb.length).toBeGreaterThanOrEqual(217_000);
    // a fifth of it already prints more than 100 times its size (the whole: over 500 times)
    expect(text.length / part.length).toBeGreaterThan(100);
  });

  it('is refused with 422 Output Too Large and a message in under 1 s, raw and JSON', async () => {
    // the first request also warms the daemons' decompiler and workers up; then each is timed
    await raw();
    for (const go of [raw, asJson]) {
      const r = await go();
      expect(r.status).toBe(422);
      expect(r.ms).toBeLessThan(1000);
      const n = r.json().daemon.normalized;
      expect(n.kind).toBe('Output Too Large');
      expect(r.json().error).toMatch(/longer than \d+ bytes/);
    }
  });

  it('eight at once, twice: every one refused, memory back within 20 %, the pool healthy', async () => {
    // warm up the paths once so "before" is a running server's size, not a cold one's
    await raw();
    await new Promise((r) => setTimeout(r, 500));
    const before = memory();
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? raw() : asJson())));
      for (const a of answers) {
        expect(a.status, a.body.toString('utf8').slice(0, 300)).toBe(422);
        expect(a.ms).toBeLessThan(10_000);
      }
    }
    let after = memory();
    const end = Date.now() + 20_000;
    while ((after.web > before.web * 1.2 || after.daemons > before.daemons * 1.2) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 500));
      after = memory();
    }
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(`RSS before/after 16 bombs: web ${mb(before.web)} -> ${mb(after.web)} MB, daemons ${mb(before.daemons)} -> ${mb(after.daemons)} MB`);
    expect(after.web).toBeLessThanOrEqual(before.web * 1.2);
    expect(after.daemons).toBeLessThanOrEqual(before.daemons * 1.2);
    const health = (await send(s.port, 'GET', '/health', null)).json();
    expect(health.status).toBe('healthy');
    expect(health.pool.healthy_instances).toBe(2);
  });

  it('leaves real streams alone: the widest corpus stream (84x) decompiles through the service', async () => {
    const widest = loadCorpus('extended').find((p) => p.name === 'test_1659')!;
    const r = await send(s.port, 'POST', '/decompile', Buffer.from(widest.binary), { 'Content-Type': 'application/octet-stream' });
    expect(r.status).toBe(200);
    expect(r.body.toString('latin1')).toBe(widest.text);
    const j = await send(s.port, 'POST', '/decompile', JSON.stringify({ binary_data: Buffer.from(widest.binary).toString('base64') }), {
      'Content-Type': 'application/json',
    });
    expect(j.json().source).toBe(widest.text);
  });
});
