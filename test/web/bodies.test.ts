/**
 * Hostile bodies through a real server (issue 8, items 2-4): the body limit enforced as
 * bytes arrive (chunked or not) with the connection closed after the 413, a stalled body
 * answered 408 at the body timeout, bad path escapes as 400 JSON, JSON nested a million
 * deep refused by the shape scan while /health keeps answering, a non-Latin-1 character
 * as a compile error with its line and column, and the security headers on API answers.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWebSettings } from '@/lib/config';
import { EXAMPLES } from '@/lib/examples';
import { useWebSettings } from '@/server/web/settings';
import { send, startRealServer, type RealServer } from './real-server';

const LIMIT = 16 * 1024 * 1024;
let s: RealServer;

// a body timeout that a 16 MB upload meets on a busy machine; the stall test lowers it
const settings = (timeout: string) => useWebSettings(loadWebSettings({ ATOMFORGE_BODY_TIMEOUT: timeout }));

beforeAll(async () => {
  settings('10');
  s = await startRealServer({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '2' });
});

afterAll(async () => {
  useWebSettings(null);
  await s?.stop();
});

interface RawResult {
  head: string;
  status: number;
  /** bytes of body the client managed to write before the answer came */
  sentBeforeAnswer: number;
  /** ms from the first byte to the answer */
  answeredAfterMs: number;
  /** ms from the answer until the server closed the connection (null: still open after 5 s) */
  closedAfterMs: number | null;
}

/**
 * Sends a request head, then body pieces from `piece()` as fast as the socket takes them,
 * until the server answers or `maxBytes` are sent; then waits for the server to close.
 */
function raw(head: string, piece: (sent: number) => Buffer | null, maxBytes: number): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: '127.0.0.1', port: s.port });
    let answer = '';
    let sent = 0;
    let answeredAt: number | null = null;
    let sentBeforeAnswer = 0;
    const t0 = performance.now();
    const giveUp = setTimeout(() => finish(null), 15_000);
    const finish = (closedAt: number | null) => {
      clearTimeout(giveUp);
      sock.destroy();
      if (answeredAt === null) return reject(new Error(`no answer (sent ${sent} bytes)`));
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0);
      resolve({
        head: answer.split('\r\n\r\n')[0]!,
        status,
        sentBeforeAnswer,
        answeredAfterMs: answeredAt - t0,
        closedAfterMs: closedAt === null ? null : closedAt - answeredAt,
      });
    };
    sock.on('data', (d) => {
      if (answeredAt === null) {
        answeredAt = performance.now();
        sentBeforeAnswer = sent;
        setTimeout(() => finish(null), 5000).unref();
      }
      answer += d.toString('latin1');
    });
    sock.on('close', () => finish(answeredAt === null ? null : performance.now()));
    sock.on('error', () => undefined);
    const pump = () => {
      while (answeredAt === null && sent < maxBytes) {
        const p = piece(sent);
        if (!p) return;
        sent += p.length;
        if (!sock.write(p)) return void sock.once('drain', pump);
      }
    };
    sock.write(head, pump);
  });
}

const MB = Buffer.alloc(1024 * 1024, 0x61);
const chunk = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);

describe('body limit', () => {
  it('answers a 100 MB chunked body 413 at the limit, without reading the rest, and closes the connection', async () => {
    const r = await raw(
      'POST /decompile HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n',
      () => chunk(MB),
      100 * MB.length,
    );
    expect(r.status).toBe(413);
    expect(r.head.toLowerCase()).toContain('connection: close');
    expect(r.closedAfterMs).not.toBeNull();
    // the answer came once the limit was passed: far less than 100 MB went out (socket buffers hold a few MB)
    expect(r.sentBeforeAnswer).toBeGreaterThan(LIMIT);
    expect(r.sentBeforeAnswer).toBeLessThan(48 * MB.length);
  });

  it('answers a declared 100 MB body 413 at once and closes', async () => {
    const r = await raw(
      `POST /compile HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${100 * MB.length}\r\n\r\n`,
      () => MB,
      100 * MB.length,
    );
    expect(r.status).toBe(413);
    expect(r.head.toLowerCase()).toContain('connection: close');
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.sentBeforeAnswer).toBeLessThan(48 * MB.length);
  });

  it('answers a body that stalls 408 at the body timeout, and closes', async () => {
    settings('0.5');
    const r = await raw('POST /compile HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nuni_start', () => null, 0);
    expect(r.status).toBe(408);
    expect(r.answeredAfterMs).toBeGreaterThan(400);
    expect(r.answeredAfterMs).toBeLessThan(5000);
    expect(r.head.toLowerCase()).toContain('connection: close');
    expect(r.closedAfterMs).not.toBeNull();
    settings('10');
  });

  it('keeps a normal connection alive and the service healthy after all that', async () => {
    const ok = await send(s.port, 'POST', '/compile', EXAMPLES[0]!.source, { 'Content-Type': 'text/plain', Connection: 'keep-alive' });
    expect(ok.status).toBe(200);
    expect(ok.headers.connection).not.toBe('close');
    expect((await send(s.port, 'GET', '/health', null)).json().status).toBe('healthy');
  });
});

describe('paths', () => {
  it('answers malformed percent-escapes with 400 JSON on every route', async () => {
    for (const path of ['/pool/daemons/%E0%A4%A/restart', '/%', '/compile%zz', '/health/%C0']) {
      const r = await send(s.port, 'POST', path, '{}', { 'Content-Type': 'application/json' });
      expect(r.status, path).toBe(400);
      expect(r.json()).toEqual({ success: false, error: 'the request path has a malformed percent-escape' });
    }
  });
});

/** 16 MB of `[[[[...` : JSON.parse of it blocks a thread for seconds */
const DEEP = Buffer.alloc(LIMIT - 64, 0x5b);

/** 4 clients sending DEEP to /compile as JSON in a loop for argv[2] ms; prints what they got */
const ATTACKERS = `
const http = require('node:http');
const [port, ms] = process.argv.slice(1).map(Number);
const body = Buffer.alloc(${LIMIT - 64}, 0x5b);
const end = Date.now() + ms;
let refused = 0; const other = [];
const once = () => new Promise((resolve) => {
  const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/compile', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
    let text = ''; res.on('data', (d) => (text += d)); res.on('end', () => { if (res.statusCode === 400 && /nested deeper than 64/.test(text)) refused++; else other.push(res.statusCode + ' ' + text.slice(0, 80)); resolve(); });
  });
  req.on('error', () => resolve());
  req.end(body);
});
const client = async () => { while (Date.now() < end) await once(); };
Promise.all([client(), client(), client(), client()]).then(() => { process.stdout.write(JSON.stringify({ refused, other: other.slice(0, 5) })); });
`;

describe('JSON bodies', () => {
  it('refuses JSON nested deeper than 64 levels by the scan, before any parse', async () => {
    const r = await send(s.port, 'POST', '/compile', DEEP, { 'Content-Type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.json().error).toMatch(/nested deeper than 64/);
    const wide = await send(s.port, 'POST', '/decompile', `{"binary_data":"AA==","x":[${'1,'.repeat(20_000)}1]}`, { 'Content-Type': 'application/json' });
    expect(wide.status).toBe(400);
    expect(wide.json().error).toMatch(/more than 10000/);
  });

  // A timing bound on a 2-core machine that the rest of the suite shares: a run that lands
  // next to the pool's fault tests can be starved of CPU for a few hundred ms whatever the
  // server does, so it gets two more tries. The server's own loop delay is printed as well.
  it('keeps /health p99 under 200 ms while 4 clients send 16 MB of nested arrays', { retry: 2 }, async () => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    // the 4 clients run in a process of their own, as real clients would: only the server's work is measured here
    const attackers = spawn(process.execPath, ['-e', ATTACKERS, String(s.port), '4500'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let report = '';
    attackers.stdout.on('data', (d: Buffer) => (report += d.toString()));
    const exited = new Promise<number | null>((r) => attackers.on('exit', r));
    await new Promise((r) => setTimeout(r, 300));
    const times: number[] = [];
    const end = Date.now() + 4000;
    while (Date.now() < end) {
      const r = await send(s.port, 'GET', '/health', null);
      expect(r.status).toBe(200);
      times.push(r.ms);
      await new Promise((ok) => setTimeout(ok, 5));
    }
    loop.disable();
    expect(await exited).toBe(0);
    const { refused, other } = JSON.parse(report) as { refused: number; other: string[] };
    times.sort((a, b) => a - b);
    const p99 = times[Math.floor(times.length * 0.99)]!;
    console.log(
      `/health under 4 deep-JSON clients: ${times.length} probes, p50 ${times[times.length >> 1]!.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; ${refused} bodies refused; server loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
    );
    expect(other).toEqual([]);
    expect(refused).toBeGreaterThanOrEqual(4);
    expect(p99).toBeLessThan(200);
  });

  it('answers a non-Latin-1 character as a compile error with line, column and context', async () => {
    const source = 'uni_start_stream <00x>\n  man_append_data <"price: 5 €">\nuni_end_stream\n';
    const r = await send(s.port, 'POST', '/compile', JSON.stringify({ source }), { 'Content-Type': 'application/json' });
    expect(r.status).toBe(400);
    const n = r.json().daemon.normalized;
    expect(n).toMatchObject({ line: 2, column: 30, kind: 'Invalid Character' });
    expect(n.message).toMatch(/U\+20AC/);
    expect(n.context).toContain('>>  2 |   man_append_data <"price: 5 €">');
  });
});

describe('security headers on API answers', () => {
  it('are on fast-path answers, route answers and refusals', async () => {
    const answers = [
      await send(s.port, 'POST', '/compile', EXAMPLES[0]!.source, { 'Content-Type': 'text/plain' }),
      await send(s.port, 'POST', '/compile', 'x', { 'Content-Type': 'image/png' }),
      await send(s.port, 'GET', '/health', null),
      await send(s.port, 'GET', '/%', null),
    ];
    for (const a of answers) {
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['x-frame-options']).toBe('DENY');
      expect(a.headers['referrer-policy']).toBe('no-referrer');
    }
    // the fast path and the server's own refusals carry the API CSP (Next's answers get theirs from proxy.ts)
    for (const a of [answers[0]!, answers[1]!, answers[3]!]) expect(a.headers['content-security-policy']).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
  });
});
