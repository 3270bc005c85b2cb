/**
 * What the pool's daemon client puts on the wire, checked with raw TCP servers: the exact
 * `Content-Length` spelling the reference daemon needs, keep-alive where allowed, and
 * `Connection: close` answers.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DaemonClient } from '../../server/pool/daemon-client';

interface Raw {
  port: number;
  requests: Buffer[];
  connections: number;
  close(): Promise<void>;
}

/** a raw HTTP server: records every request's bytes, answers 200 "ok" with or without keep-alive */
function rawServer(keepAlive: boolean): Promise<Raw> {
  return new Promise((resolve) => {
    const raw: Raw = { port: 0, requests: [], connections: 0, close: async () => undefined };
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      raw.connections++;
      sockets.add(socket);
      let buf = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        for (;;) {
          const end = buf.indexOf('\r\n\r\n');
          if (end < 0) return;
          const head = buf.subarray(0, end).toString('latin1');
          const m = /^content-length:\s*(\d+)/im.exec(head);
          const len = m ? Number(m[1]) : 0;
          if (buf.length < end + 4 + len) return;
          raw.requests.push(buf.subarray(0, end + 4 + len));
          buf = buf.subarray(end + 4 + len);
          socket.write(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: ${keepAlive ? 'keep-alive' : 'close'}\r\n\r\nok`);
          if (!keepAlive) socket.end();
        }
      });
      socket.on('close', () => sockets.delete(socket));
    });
    server.listen(0, '127.0.0.1', () => {
      raw.port = (server.address() as net.AddressInfo).port;
      raw.close = () =>
        new Promise((r) => {
          for (const s of sockets) s.destroy();
          server.close(() => r());
        });
      resolve(raw);
    });
  });
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

describe('daemon client on the wire', () => {
  it('sends the header spelled exactly Content-Length, with the exact body', async () => {
    const raw = await rawServer(true);
    const client = new DaemonClient('127.0.0.1', raw.port, 2);
    cleanup.push(
      () => client.close(),
      () => raw.close(),
    );
    const body = new Uint8Array(150_000).map((_, i) => i % 251);
    const answer = await client.request('POST', '/compile', body, 'text/plain', 5000);
    expect(answer.status).toBe(200);
    const sent = raw.requests[0]!;
    const head = sent.subarray(0, sent.indexOf('\r\n\r\n')).toString('latin1');
    expect(head).toMatch(/^POST \/compile HTTP\/1\.1\r\n/);
    expect(head).toContain('\r\nContent-Length: 150000');
    expect(head).not.toMatch(/\r\ncontent-length:/); // lower case never appears
    expect(head).toContain('\r\nContent-Type: text/plain');
    expect(Buffer.compare(sent.subarray(sent.length - body.length), Buffer.from(body))).toBe(0);
  });

  it('keeps the connection alive where the daemon allows it', async () => {
    const raw = await rawServer(true);
    const client = new DaemonClient('127.0.0.1', raw.port, 2);
    cleanup.push(
      () => client.close(),
      () => raw.close(),
    );
    for (let i = 0; i < 5; i++) expect((await client.request('POST', '/compile', new Uint8Array([65 + i]), 'text/plain', 5000)).status).toBe(200);
    expect(raw.requests).toHaveLength(5);
    expect(raw.connections).toBe(1);
  });

  it('copes with Connection: close (a new connection per request, no errors)', async () => {
    const raw = await rawServer(false);
    const client = new DaemonClient('127.0.0.1', raw.port, 2);
    cleanup.push(
      () => client.close(),
      () => raw.close(),
    );
    for (let i = 0; i < 5; i++) {
      const a = await client.request('POST', '/compile', new Uint8Array([65 + i]), 'text/plain', 5000);
      expect(a.body.toString()).toBe('ok');
    }
    expect(raw.connections).toBe(5);
  });

  it('gives up on a silent daemon after the timeout', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = new DaemonClient('127.0.0.1', (server.address() as net.AddressInfo).port, 1);
    cleanup.push(
      () => client.close(),
      () =>
        new Promise<void>((r) => {
          for (const s of sockets) s.destroy();
          server.close(() => r());
        }),
    );
    await expect(client.request('GET', '/health', null, null, 300)).rejects.toThrow(/no answer within 300 ms/);
  });
});
