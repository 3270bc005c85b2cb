/**
 * The daemon's HTTP layer with a fake codec, in-process: every endpoint and error path,
 * body limits, chunked and lower-case Content-Length bodies, keep-alive, malformed requests.
 * (test/daemon/process.test.ts runs the real, bundled daemon.)
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FdoError, sourceContext } from '@/lib/fdo/errors';
import { bytesToLatin1, latin1ToBytes } from '@/lib/fdo/latin1';
import type { Codec } from '@/server/daemon/answers';
import { createDaemonServer, type DaemonServer } from '@/server/daemon/server';
import { rawExchange, request } from './support';

/** compile: the source reversed; decompile: hex. Certain inputs fail the way the real codec does. */
const fakeCodec: Codec = {
  compile(source) {
    const text = bytesToLatin1(source);
    if (text.includes('BROKEN')) {
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('BROKEN')) + 1;
      throw new FdoError({ kind: 'Missing Close Bracket', message: 'expected > to close the value', line, column: 7, context: sourceContext(lines, line) });
    }
    if (text.includes('QUOTE"')) throw new FdoError({ kind: 'Missing Quote', message: 'unterminated string', line: 1, column: 3 });
    if (text.includes('BUG')) throw new Error('secret heap contents 0xdeadbeef');
    if (text.trim() === '') return new Uint8Array(0);
    return latin1ToBytes(text).reverse();
  },
  decompile(bytes) {
    if (bytes[0] === 0xff) throw new FdoError({ kind: 'Truncated Atom', message: 'atom at offset 0 runs past the end', offset: 0 });
    if (bytes[0] === 0xfe) return '';
    if (bytes[0] === 0xfd) throw new TypeError('codec bug');
    return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ') + '\n';
  },
};

let daemon: DaemonServer;
let port: number;
const MAX = 64 * 1024;

beforeAll(async () => {
  daemon = createDaemonServer({ codec: fakeCodec, maxBodyBytes: MAX, requestTimeoutMs: 1_500, version: '9.9.9' });
  port = (await daemon.listen(0, '127.0.0.1')).port;
});
afterAll(async () => {
  await daemon.close(500);
});

describe('codec endpoints', () => {
  it('compiles text to octet-stream bytes', async () => {
    const r = await request(port, 'POST', '/compile', 'uni_start_stream', { headers: { 'Content-Type': 'text/plain' } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.text()).toBe('maerts_trats_inu');
  });

  it('decompiles bytes to Latin-1 text', async () => {
    const r = await request(port, 'POST', '/decompile', Buffer.from([0x01, 0xe9]), { headers: { 'Content-Type': 'application/octet-stream' } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.text()).toBe('01 e9\n');
  });

  it('passes Latin-1 source bytes through unchanged (no UTF-8 decoding)', async () => {
    const r = await request(port, 'POST', '/compile', Buffer.from([0x61, 0xe9, 0xff]));
    expect([...r.body]).toEqual([0xff, 0xe9, 0x61]);
  });

  it('answers 400 text/plain "Empty request body" on both endpoints', async () => {
    for (const p of ['/compile', '/decompile']) {
      const r = await request(port, 'POST', p, Buffer.alloc(0));
      expect(r.status).toBe(400);
      expect(r.headers['content-type']).toMatch(/^text\/plain/);
      expect(r.text()).toBe('Empty request body');
    }
  });

  it('answers compile errors in the reference shape, with line, column, context and hint', async () => {
    const r = await request(port, 'POST', '/compile', 'uni_start_stream\n  man_start_object BROKEN\nuni_end_stream');
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('application/json');
    const e = r.json().error;
    expect(e.message).toBe('Ada32 error rc=0x20008 (131080): Missing Close Bracket');
    expect(e.code).toBe('0x20008');
    expect(e.line).toBe(2);
    expect(e.column).toBe(7);
    expect(e.kind).toBe('Missing Close Bracket');
    expect(e.context).toEqual(['    1 | uni_start_stream', '>>  2 |   man_start_object BROKEN', '    3 | uni_end_stream']);
    expect(typeof e.hint).toBe('string');
    expect(e.detail).toBe('expected > to close the value');
  });

  it('builds context from the source when the codec gives none, and escapes quotes (valid JSON)', async () => {
    const r = await request(port, 'POST', '/compile', 'QUOTE" "x');
    expect(r.status).toBe(400);
    const e = r.json().error;
    expect(e.code).toBe('0x10006');
    expect(e.context).toEqual(['>>  1 | QUOTE" "x']);
  });

  it('answers decompile errors with 422, code and offset', async () => {
    const r = await request(port, 'POST', '/decompile', Buffer.from([0xff, 0x01]));
    expect(r.status).toBe(422);
    const e = r.json().error;
    expect(e.offset).toBe(0);
    expect(e.code).toMatch(/^0x[0-9a-f]+$/);
    expect(e.message).toContain('offset 0');
    expect(e.kind).toBe('Truncated Atom');
  });

  it("answers blank compile input with the reference's message and code, as a 422: it is the input's fault", async () => {
    const r = await request(port, 'POST', '/compile', '  \n\n');
    expect(r.status).toBe(422);
    expect(r.json()).toEqual({ error: { message: 'Compilation produced no output', code: '0xfffffffd', kind: 'No Output', hint: 'the input holds no atoms' } });
  });

  it('answers 422 "Decompilation produced no output" when the text is empty', async () => {
    const r = await request(port, 'POST', '/decompile', Buffer.from([0xfe]));
    expect(r.status).toBe(422);
    expect(r.json()).toEqual({
      error: { message: 'Decompilation produced no output', code: '0xfffffffd', kind: 'No Output', hint: 'the input holds no atoms' },
    });
  });

  it('answers a codec bug with 500 JSON that carries neither the error text nor a stack', async () => {
    for (const [p, body] of [
      ['/compile', 'BUG'],
      ['/decompile', Buffer.from([0xfd])],
    ] as const) {
      const r = await request(port, 'POST', p, body);
      expect(r.status).toBe(500);
      const e = r.json().error;
      expect(e.code).toBe('0xfffffc18');
      expect(r.text()).not.toMatch(/deadbeef|secret|codec bug|at .*\.ts/);
    }
  });
});

describe('other routes', () => {
  it('GET /health keeps the reference fields and adds the operator fields', async () => {
    const h = (await request(port, 'GET', '/health')).json();
    expect(h).toMatchObject({ status: 'ok', ada32_loaded: true, version: '9.9.9', engine: 'atomforge', pid: process.pid });
    for (const k of ['requests_processed', 'successful_requests', 'failed_requests', 'uptime_seconds', 'rss_bytes', 'in_flight']) {
      expect(Number.isInteger(h[k]), k).toBe(true);
    }
    expect(h.rss_bytes).toBeGreaterThan(1_000_000);
    expect(Object.keys(h.latency_ms).sort()).toEqual(['p50', 'p95', 'p99']);
  });

  it('GET /stats counts requests, successes and failures', async () => {
    const before = (await request(port, 'GET', '/stats')).json();
    await request(port, 'POST', '/compile', 'ok');
    await request(port, 'POST', '/compile', 'BROKEN');
    const after = (await request(port, 'GET', '/stats')).json();
    expect(after.requests_processed - before.requests_processed).toBe(2);
    expect(after.successful_requests - before.successful_requests).toBe(1);
    expect(after.failed_requests - before.failed_requests).toBe(1);
    expect(Number.isInteger(after.uptime_seconds)).toBe(true);
  });

  it('answers 404 text/plain "Not Found" for other paths and methods', async () => {
    for (const [m, p] of [
      ['GET', '/compile'],
      ['GET', '/'],
      ['POST', '/health'],
      ['PUT', '/decompile'],
      ['GET', '/nope'],
    ]) {
      const r = await request(port, m!, p!);
      expect(r.status, `${m} ${p}`).toBe(404);
      expect(r.headers['content-type']).toMatch(/^text\/plain/);
      expect(r.text()).toBe('Not Found');
    }
  });
});

describe('HTTP details', () => {
  it('accepts a lower-case content-length', async () => {
    const body = 'x'.repeat(9000);
    const { responses } = await rawExchange(
      port,
      [`POST /compile HTTP/1.1\r\nHost: t\r\ncontent-length: ${body.length}\r\n\r\n`, body.slice(0, 4000), body.slice(4000)],
      { gapMs: 20 },
    );
    expect(responses[0]!.status).toBe(200);
    expect(responses[0]!.body.length).toBe(9000);
  });

  it('accepts a chunked body', async () => {
    const chunks = ['abc', 'def'.repeat(2000), 'ghi'];
    const parts = chunks.map((c) => `${c.length.toString(16)}\r\n${c}\r\n`);
    const { responses } = await rawExchange(port, ['POST /compile HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n', ...parts, '0\r\n\r\n'], {
      gapMs: 10,
    });
    expect(responses[0]!.status).toBe(200);
    expect(responses[0]!.text()).toBe(chunks.join('').split('').reverse().join(''));
  });

  it('reuses one keep-alive connection for many requests', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    agent.on('free', (s) => sockets.add(s));
    try {
      for (let i = 0; i < 20; i++) {
        const r = await request(port, 'POST', '/compile', `form ${i}`, { agent });
        expect(r.status).toBe(200);
        expect(r.headers.connection).not.toBe('close');
      }
      expect(sockets.size).toBe(1);
    } finally {
      agent.destroy();
    }
  });

  it('answers pipelined requests on one connection in order', async () => {
    const req = (b: string) => `POST /compile HTTP/1.1\r\nHost: t\r\nContent-Length: ${b.length}\r\n\r\n${b}`;
    const { responses } = await rawExchange(port, [req('one') + req('BROKEN') + 'GET /health HTTP/1.1\r\nHost: t\r\n\r\n'], { count: 3 });
    expect(responses.map((r) => r.status)).toEqual([200, 400, 200]);
    expect(responses[0]!.text()).toBe('eno');
  });

  it('rejects an oversized body from its Content-Length with 413 JSON, before reading it', async () => {
    const { responses, closed } = await rawExchange(port, [`POST /compile HTTP/1.1\r\nHost: t\r\nContent-Length: ${MAX + 1}\r\n\r\n`, 'x'.repeat(100)]);
    expect(responses[0]!.status).toBe(413);
    expect(responses[0]!.json().error).toMatchObject({ code: '0xfffffff0', limit_bytes: MAX });
    expect(closed).toBe(true);
  });

  it('rejects an oversized chunked body with 413 JSON while it streams', async () => {
    const chunk = 'y'.repeat(16 * 1024);
    const parts = Array.from({ length: 8 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const { responses } = await rawExchange(port, ['POST /decompile HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n', ...parts, '0\r\n\r\n'], {
      gapMs: 10,
    });
    expect(responses[0]!.status).toBe(413);
    expect(responses[0]!.json().error.message).toContain(String(MAX));
  });

  it('answers Expect: 100-continue with 413 before an oversized body is sent, and with 100 otherwise', async () => {
    const big = await rawExchange(port, [`POST /compile HTTP/1.1\r\nHost: t\r\nContent-Length: ${MAX + 1}\r\nExpect: 100-continue\r\n\r\n`]);
    expect(big.responses[0]!.status).toBe(413);
    const small = await rawExchange(port, ['POST /compile HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n', 'abc'], {
      count: 2,
      gapMs: 50,
    });
    expect(small.responses.map((r) => r.status)).toEqual([100, 200]);
    expect(small.responses[1]!.text()).toBe('cba');
  });

  it('accepts a body exactly at the limit', async () => {
    const r = await request(port, 'POST', '/compile', Buffer.alloc(MAX, 0x61));
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(MAX);
  });

  it('answers malformed HTTP with 400 JSON', async () => {
    for (const bad of [
      'POST /compile HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n',
      'POST /compile HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'NOT HTTP AT ALL\r\n\r\n',
    ]) {
      const { responses } = await rawExchange(port, [bad]);
      expect(responses[0]!.status, bad).toBe(400);
      expect(responses[0]!.json().error.code).toBe('0xfffffff3');
    }
  });

  it('answers 408 JSON when a body does not arrive within the time limit, and keeps serving', async () => {
    const { responses } = await rawExchange(port, ['POST /compile HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc']);
    expect(responses[0]!.status).toBe(408);
    expect(responses[0]!.json().error.code).toBe('0xfffffff1');
    expect((await request(port, 'GET', '/health')).status).toBe(200);
  });

  it('serves many concurrent clients, each getting its own answer', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    try {
      const bodies = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? `BROKEN ${i}` : `form number ${i}`));
      const replies = await Promise.all(bodies.map((b) => request(port, 'POST', '/compile', b, { agent })));
      replies.forEach((r, i) => {
        if (i % 7 === 0) expect(r.status).toBe(400);
        else expect(r.text()).toBe(bodies[i]!.split('').reverse().join(''));
      });
    } finally {
      agent.destroy();
    }
  });
});

describe('draining', () => {
  it('finishes a request in flight, answers it with Connection: close, then refuses connections', async () => {
    const d = createDaemonServer({ codec: fakeCodec });
    const p = (await d.listen(0, '127.0.0.1')).port;
    // The body arrives in two parts: the request is in flight when close() starts.
    const exchange = rawExchange(p, ['POST /compile HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nabc', 'def'], { gapMs: 300 });
    await new Promise((ok) => setTimeout(ok, 100));
    const closing = d.close(2_000);
    const { responses } = await exchange;
    expect(responses[0]!.status).toBe(200);
    expect(responses[0]!.text()).toBe('fedcba');
    expect(responses[0]!.headers.connection).toBe('close');
    expect(await closing).toEqual({ drained: true });
    await expect(request(p, 'GET', '/health')).rejects.toThrow();
  });
});
