/**
 * The production server's fast path for /compile and /decompile, over real HTTP: the same
 * answers as the route handlers, and everything else left to Next.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile as compileLocal } from '@/lib/fdo';
import { EXAMPLES } from '@/lib/examples';
import { handleFast } from '@/server/web/fast-path';
import { useWebService } from '@/server/web/web-service';
import { startTestService, type Started } from './support';

let started: Started;
let server: http.Server;
let base = '';
let passedOn: string[] = [];

beforeAll(async () => {
  started = await startTestService({});
  useWebService(started.service);
  server = http.createServer((req, res) => {
    if (handleFast(req, res)) return;
    passedOn.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await started?.stop();
});

describe('fast path', () => {
  const example = EXAMPLES[1]!;

  it('compiles and decompiles like the route handlers', async () => {
    const c = await fetch(`${base}/compile`, { method: 'POST', body: example.source, headers: { 'Content-Type': 'text/plain' } });
    expect(c.status).toBe(200);
    const bytes = new Uint8Array(await c.arrayBuffer());
    expect(bytes).toEqual(compileLocal(example.source));
    expect(c.headers.get('x-output-size')).toBe(String(bytes.length));
    expect(c.headers.get('x-daemon-id')).toBe('daemon_0');

    const d = await fetch(`${base}/decompile`, {
      method: 'POST',
      body: JSON.stringify({ binary_data: Buffer.from(bytes).toString('base64') }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(d.status).toBe(200);
    expect((await d.json()).source).toBe(example.source);
  });

  it('answers errors as JSON: syntax error 400, bad type 415, too large 413', async () => {
    const bad = await fetch(`${base}/compile`, { method: 'POST', body: 'uni_start_stream\n  mat_nonsense <1>\n', headers: { 'Content-Type': 'text/plain' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).daemon.normalized.line).toBe(2);
    const type = await fetch(`${base}/compile`, { method: 'POST', body: 'x', headers: { 'Content-Type': 'image/png' } });
    expect(type.status).toBe(415);
    const big = await fetch(`${base}/decompile`, {
      method: 'POST',
      body: new Uint8Array(17 * 1024 * 1024),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(big.status).toBe(413);
    expect((await big.json()).success).toBe(false);
  });

  it('leaves every other request to Next', async () => {
    passedOn = [];
    await fetch(`${base}/compile`);
    await fetch(`${base}/health`);
    await fetch(`${base}/pool/reset-circuit-breakers`, { method: 'POST' });
    expect(passedOn).toEqual(['GET /compile', 'GET /health', 'POST /pool/reset-circuit-breakers']);
  });
});
