/**
 * The pool's promise under hostile input, through the web app's production fast path over
 * real HTTP with a pool of 3: sources of only blanks and every one of the 256 one-byte
 * decompile bodies, 8 at a time in a loop for 10 s while 4 normal clients compile the
 * samples. No answer is a 5xx, every hostile input gets a 4xx with a message (or a 200 when
 * a byte happens to decode), every normal request succeeds, no daemon leaves healthy, no
 * breaker opens, /health stays healthy. Once with the built-in daemon, once through a fake
 * external command that answers like the reference (500 0xfffffffd for no output, one
 * request at a time, Connection: close).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FdoService } from '@/lib/service/contract';
import { handleFast } from '@/server/web/fast-path';
import { stopWebService, useWebService } from '@/server/web/web-service';
import { loadCorpus } from '../support/corpus';
import { startTestService, type Started } from './support';

const FAKE_EXTERNAL = path.resolve(__dirname, '..', 'pool', 'fixtures', 'fake-external-daemon.cjs');
const RUN_MS = 10_000;
const BLANK_SOURCES = [' ', '  ', '\t', '\n', '\r\n', ' \t \n', '\n\n\n', '   \r\n\t', '\r', '\t\t\t\t\n'];
const samples = loadCorpus('samples');

interface Served {
  started: Started;
  server: http.Server;
  base: string;
}

let served: Served | null = null;

afterEach(async () => {
  if (!served) return;
  await new Promise((r) => served!.server.close(r));
  served.server.closeAllConnections();
  await stopWebService();
  await served.started.stop();
  served = null;
});

async function serve(env: Record<string, string>): Promise<Served> {
  const started = await startTestService({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '3', FDO_DAEMON_HEALTH_INTERVAL: '0.5', ...env });
  useWebService(started.service);
  const server = http.createServer((req, res) => {
    if (!handleFast(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  served = { started, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  return served;
}

interface Reply {
  status: number;
  body: Buffer;
}

function post(agent: http.Agent, base: string, pathname: string, body: Uint8Array, type: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${pathname}`,
      { method: 'POST', agent, headers: { 'Content-Type': type, 'Content-Length': String(body.byteLength) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** every hostile input, as [path, body, content type] */
function hostileInputs(): [string, Uint8Array, string][] {
  const out: [string, Uint8Array, string][] = BLANK_SOURCES.map((s) => ['/compile', Buffer.from(s, 'latin1'), 'text/plain']);
  for (let b = 0; b < 256; b++) out.push(['/decompile', Uint8Array.of(b), 'application/octet-stream']);
  return out;
}

interface Tally {
  hostile: number;
  hostile4xx: number;
  hostile200: number;
  normal: number;
  problems: string[];
  healthSamples: number;
}

async function hostileRun(service: FdoService, base: string, expectNormal: (sample: (typeof samples)[number], body: Buffer) => boolean): Promise<Tally> {
  const tally: Tally = { hostile: 0, hostile4xx: 0, hostile200: 0, normal: 0, problems: [], healthSamples: 0 };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const inputs = hostileInputs();
  const deadline = Date.now() + RUN_MS;
  const note = (p: string) => tally.problems.length < 20 && tally.problems.push(p);
  const hostileClient = async (k: number) => {
    for (let i = k; Date.now() < deadline; i += 8) {
      const [p, body, type] = inputs[i % inputs.length]!;
      const r = await post(agent, base, p, body, type);
      tally.hostile++;
      if (r.status >= 500) note(`${p} ${Buffer.from(body).toString('hex')}: HTTP ${r.status} ${r.body.toString('utf8').slice(0, 200)}`);
      else if (r.status >= 400) {
        tally.hostile4xx++;
        const json = JSON.parse(r.body.toString('utf8')) as { error?: unknown; detail?: { message?: unknown } };
        if (typeof json.error !== 'string' || !json.error || typeof json.detail?.message !== 'string') note(`${p}: a ${r.status} without a message`);
      } else if (r.status === 200) {
        tally.hostile200++;
        if (p === '/compile') note(`blank source compiled to ${r.body.length} bytes`);
      }
    }
  };
  const normalClient = async (k: number) => {
    for (let i = k; Date.now() < deadline; i += 4) {
      const s = samples[i % samples.length]!;
      const r = await post(agent, base, '/compile', Buffer.from(s.text, 'latin1'), 'text/plain');
      tally.normal++;
      if (r.status !== 200 || !expectNormal(s, r.body)) note(`normal compile of ${s.name}: HTTP ${r.status}`);
    }
  };
  const watchHealth = async () => {
    while (Date.now() < deadline) {
      const h = service.health();
      tally.healthSamples++;
      if (h.status !== 'healthy') note(`/health said ${h.status} (${h.pool.healthy_instances} healthy)`);
      for (const d of service.poolHealth().instances) {
        if (d.state !== 'healthy' || d.circuit_breaker_state !== 'closed') note(`${d.id}: ${d.state}, breaker ${d.circuit_breaker_state}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    await Promise.all([...Array.from({ length: 8 }, (_, k) => hostileClient(k)), ...Array.from({ length: 4 }, (_, k) => normalClient(k)), watchHealth()]);
  } finally {
    agent.destroy();
  }
  return tally;
}

function expectPromiseKept(service: FdoService, tally: Tally): void {
  expect(tally.problems).toEqual([]);
  expect(tally.hostile).toBeGreaterThan(300); // every input went through at least once
  expect(tally.hostile4xx).toBeGreaterThan(0);
  expect(tally.normal).toBeGreaterThan(100);
  expect(tally.healthSamples).toBeGreaterThan(50);
  const bad = service.events(1000).filter((e) => ['unhealthy', 'breaker_opened', 'crashed', 'poison_input'].includes(e.type));
  expect(bad).toEqual([]);
  const report = service.poolHealth();
  expect(report.instances.every((d) => d.failed_requests === 0 && d.state === 'healthy')).toBe(true);
  expect(report.failed_requests).toBe(0);
}

describe('hostile input through the web app (pool of 3)', () => {
  it('built-in daemons: blank sources and every one-byte stream are 4xx verdicts; the pool stays fully healthy', async () => {
    const { started, base } = await serve({});
    const tally = await hostileRun(started.service, base, (s, body) => body.equals(Buffer.from(s.binary)));
    expectPromiseKept(started.service, tally);
    // the single space of the outside test: 422, the input holds no atoms
    const agent = new http.Agent();
    const space = await post(agent, base, '/compile', Buffer.from(' '), 'text/plain');
    agent.destroy();
    expect(space.status).toBe(422);
    expect(JSON.parse(space.body.toString('utf8'))).toMatchObject({ success: false, detail: { class: 'no_output', kind: 'No Output' } });
  }, 60_000);

  it('an external command that answers like the reference (500 0xfffffffd, one at a time, Connection: close)', async () => {
    const rel = path.relative(process.cwd(), FAKE_EXTERNAL);
    const { started, base } = await serve({ FDO_DAEMON_COMMAND: `node ${rel} --port {port} --host {host}` });
    // the stand-in's codec reverses the bytes
    const tally = await hostileRun(started.service, base, (s, body) => body.equals(Buffer.from(s.text, 'latin1').reverse()));
    expectPromiseKept(started.service, tally);
    expect(tally.hostile200).toBeGreaterThan(0); // bytes 0x80..0xff "decode" in the stand-in
  }, 60_000);
});
