/**
 * A real web server for the vitest suites, over real sockets on loopback: the production
 * server's own request handler (server/web/request-handler.ts: peer stamp, path check,
 * fast path, headers) in front of the app's route handlers. Only Next's router is replaced,
 * by a table of the routes these tests use, so that no production build is needed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as healthRoute from '@/app/health/route';
import * as poolHealthRoute from '@/app/health/pool/route';
import * as statusRoute from '@/app/pool/status/route';
import * as resetRoute from '@/app/pool/reset-circuit-breakers/route';
import * as restartRoute from '@/app/pool/daemons/[id]/restart/route';
import * as resizeRoute from '@/app/pool/resize/route';
import * as rollingRoute from '@/app/pool/rolling-restart/route';
import * as compileRoute from '@/app/compile/route';
import * as decompileRoute from '@/app/decompile/route';
import { webRequestHandler } from '@/server/web/request-handler';
import { useWebService } from '@/server/web/web-service';
import { startTestService, type Started } from './support';

type RouteFn = (request: Request, id: string) => Promise<Response> | Response;

const ROUTES: Partial<Record<string, RouteFn>> = {
  'GET /health': () => healthRoute.GET(),
  'GET /health/pool': (r) => poolHealthRoute.GET(r),
  'GET /pool/status': (r) => statusRoute.GET(r),
  'POST /pool/reset-circuit-breakers': (r) => resetRoute.POST(r),
  'POST /pool/resize': (r) => resizeRoute.POST(r),
  'POST /pool/rolling-restart': (r) => rollingRoute.POST(r),
  'POST /pool/daemons/:id/restart': (r, id) => restartRoute.POST(r, { params: Promise.resolve({ id }) }),
  // reached only when the fast path passes them on (a GET), as Next would
  'GET /compile': (r) => compileRoute.POST(r),
  'GET /decompile': (r) => decompileRoute.POST(r),
};

function route(method: string, pathname: string): { fn: RouteFn; id: string } | null {
  const m = /^\/pool\/daemons\/([^/]+)\/restart$/.exec(pathname);
  if (m) {
    const fn = ROUTES[`${method} /pool/daemons/:id/restart`];
    return fn ? { fn, id: decodeURIComponent(m[1]!) } : null;
  }
  const fn = ROUTES[`${method} ${pathname}`];
  return fn ? { fn, id: '' } : null;
}

/** The request body as a web stream, paused while unread and left alone once cancelled (as Next does). */
function bodyStream(req: http.IncomingMessage): ReadableStream<Uint8Array> {
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(c) {
      req.pause();
      req.on('data', (d: Buffer) => {
        if (closed) return;
        c.enqueue(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
        if ((c.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => {
        if (!closed) c.close();
        closed = true;
      });
      req.on('error', (e) => {
        if (!closed) c.error(e);
        closed = true;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      closed = true;
      req.pause();
    },
  });
}

/** Next's part, reduced: IncomingMessage -> Request -> route handler -> Response -> ServerResponse. */
async function nextLike(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const found = route(req.method ?? 'GET', url.pathname);
  if (!found) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? bodyStream(req) : null,
    duplex: 'half',
  } as RequestInit);
  const response = await found.fn(request, found.id);
  const out: Record<string, string> = {};
  response.headers.forEach((v, k) => (out[k] = v));
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
}

export interface RealServer {
  started: Started;
  server: http.Server;
  port: number;
  /** http://127.0.0.1:PORT */
  base: string;
  stop(): Promise<void>;
}

export async function startRealServer(env: Record<string, string>): Promise<RealServer> {
  const started = await startTestService(env);
  useWebService(started.service);
  const server = http.createServer(webRequestHandler((req, res) => void nextLike(req, res).catch(() => res.destroy())));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    started,
    server,
    port,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await started.stop();
    },
  };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json(): any;
  ms: number;
}

/** One request over its own connection, optionally from another loopback address (127.0.0.2). */
export function send(
  port: number,
  method: string,
  path: string,
  body: Buffer | string | null,
  headers: Record<string, string> = {},
  opts: { localAddress?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers, localAddress: opts.localAddress, agent: false, timeout: opts.timeoutMs ?? 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const b = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: b, json: () => JSON.parse(b.toString('utf8')), ms: performance.now() - started });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs ?? 30_000} ms`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}
