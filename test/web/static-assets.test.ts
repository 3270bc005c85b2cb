/**
 * The production server's build assets from memory (server/web/static-assets.ts), over
 * real HTTP: gzip when accepted, revalidation, HEAD, and every path that is not a file of
 * the build directory left to Next.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetFile, staticAssets } from '@/server/web/static-assets';

let dir = '';
let server: http.Server;
let base = '';
const passedOn: string[] = [];
const script = `console.log(${JSON.stringify('x'.repeat(5000))});\n`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-assets-'));
  fs.mkdirSync(path.join(dir, 'static', 'chunks'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'static', 'chunks', 'app.js'), script);
  fs.writeFileSync(path.join(dir, 'static', 'chunks', 'tiny.css'), 'a{color:red}');
  fs.writeFileSync(path.join(dir, 'static', 'chunks', 'notes.exe'), 'MZ');
  fs.writeFileSync(path.join(dir, 'secret.js'), 'outside');
  const assets = staticAssets(path.join(dir, 'static'));
  const toNext = (req: http.IncomingMessage, res: http.ServerResponse) => {
    passedOn.push(`${req.method} ${req.url}`);
    res.writeHead(404).end('next');
  };
  server = http.createServer((req, res) => {
    if (!assets(req, res, toNext)) toNext(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** a raw request (fetch would decompress and hide the encoding) */
function get(
  urlPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static assets', () => {
  it('serves a script gzipped when the client accepts it, plain otherwise, with the same ETag', async () => {
    const packed = await get('/_next/static/chunks/app.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(packed.status).toBe(200);
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers['content-type']).toBe('application/javascript; charset=UTF-8');
    expect(packed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(packed.headers['vary']).toBe('Accept-Encoding');
    expect(packed.headers['x-content-type-options']).toBe('nosniff');
    expect(packed.headers['content-security-policy']).toContain("script-src 'self'");
    expect(zlib.gunzipSync(packed.body).toString()).toBe(script);
    expect(Number(packed.headers['content-length'])).toBe(packed.body.length);

    const plain = await get('/_next/static/chunks/app.js?v=1', { 'accept-encoding': 'gzip;q=0, identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers['etag']).toBe(packed.headers['etag']);
  });

  it('answers 304 to a matching If-None-Match and no body to HEAD', async () => {
    const first = await get('/_next/static/chunks/app.js');
    const again = await get('/_next/static/chunks/app.js', { 'if-none-match': `W/"nope", ${first.headers['etag']}` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await get('/_next/static/chunks/app.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('does not gzip a file too small to gain', async () => {
    const r = await get('/_next/static/chunks/tiny.css', { 'accept-encoding': 'gzip' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-type']).toBe('text/css; charset=UTF-8');
    expect(r.body.toString()).toBe('a{color:red}');
  });

  it('leaves missing files, other types, other methods and paths that leave the directory to Next', async () => {
    passedOn.length = 0;
    for (const p of [
      '/_next/static/chunks/missing.js',
      '/_next/static/chunks/notes.exe',
      '/_next/static/../secret.js',
      '/_next/static/%2e%2e/secret.js',
      '/_next/static/chunks//app.js',
      '/_next/static/',
      '/other/app.js',
    ])
      expect((await get(p)).body.toString(), p).toBe('next');
    expect((await get('/_next/static/chunks/app.js', {}, 'POST')).body.toString()).toBe('next');
    expect(passedOn.length).toBe(8);
    // a missing file is asked for again next time (it may appear), not remembered as missing
    expect((await get('/_next/static/chunks/missing.js')).body.toString()).toBe('next');
  });

  it('maps only paths inside the directory', () => {
    expect(assetFile('/b/static', '/_next/static/chunks/a.js')).toBe('/b/static/chunks/a.js');
    for (const p of ['/_next/static/%2e%2e/x.js', '/_next/static/a\\..\\x.js', '/_next/static/a/%00.js', '/_next/static/%E0%A4%A.js', '/_next/static/chunks/a'])
      expect(assetFile('/b/static', p), p).toBeNull();
  });
});
