/**
 * Bodies through the production server, past Next: Next keeps a copy of every body for the
 * proxy (proxy.ts) and reads a body to its end before it answers, so the server must let a
 * route have its whole body (up to the largest any route takes) and cut off one that never
 * ends (server/web/next-body-cap.ts). Plain node:http, not a browser: a browser cannot send
 * a body without end.
 */
import http from 'node:http';
import { expect, test } from '@playwright/test';

const base = new URL(process.env.E2E_BASE_URL!);

/** Sends `{"source":"aaaa…` for ever; resolves with the status and how much was sent. */
function endlessBody(path: string): Promise<{ status: number | null; sentMB: number; ms: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    let sent = 0;
    const req = http.request({ host: base.hostname, port: base.port, path, method: 'POST', headers: { 'content-type': 'application/json' } });
    const done = (status: number | null) => resolve({ status, sentMB: sent / 1e6, ms: Date.now() - t0 });
    req.on('response', (res) => {
      res.resume();
      done(res.statusCode ?? null);
    });
    req.on('error', () => done(null));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    req.write('{"source":"');
    const pump = () => {
      while (req.write(chunk)) sent += chunk.length;
      sent += chunk.length;
    };
    req.on('drain', pump);
    pump();
  });
}

test('a body larger than 10 MB reaches its route whole (a 12 MB form saves and opens)', async ({ request }) => {
  const line = 'uni_start_stream\n  async_alert <info, "0123456789012345678901234567890123456789">\nuni_end_stream\n';
  const source = line.repeat(Math.ceil((12 * 1024 * 1024) / line.length));
  const name = `big-${Date.now()}`;
  const saved = await request.post('/files', { data: { name, folder: 'e2e/bodies', content: source }, headers: { Origin: base.origin } });
  expect(saved.status()).toBe(201);
  const { file } = (await saved.json()) as { file: { id: number } };
  const opened = await request.get(`/files/${file.id}`);
  expect(opened.status()).toBe(200);
  expect(((await opened.json()) as { file: { content: string } }).file.content.length).toBe(source.length);
  await request.delete(`/files/${file.id}`, { headers: { Origin: base.origin } });
});

for (const path of ['/compile-chunk', '/decompile-jsonl', '/files']) {
  test(`a body that never ends to ${path} is cut off with 413, and the service stays healthy`, async ({ request }) => {
    const r = await endlessBody(path);
    expect(r.status).toBe(413);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.sentMB).toBeLessThan(2_000);
    expect((await request.get('/health')).status()).toBe(200);
  });
}
