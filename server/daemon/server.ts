/**
 * The daemon's HTTP edge: the reference protocol (POST /compile, POST /decompile,
 * GET /health, GET /stats, 404 otherwise) over keep-alive HTTP/1.1, with a body limit,
 * a per-request time limit and graceful draining. The codec is injected, so the HTTP
 * layer is tested with a fake one; large bodies go to an optional off-thread runner.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { answer, crashAnswer, errorAnswer, jsonStatusAnswer, DAEMON_CODES, hex, type Answer, type Codec, type CodecOp } from './answers';
import { ByteBudget, readBody } from './body';
import { DaemonStats } from './stats';
import type { Offload } from './workers';

export interface DaemonLog {
  error(message: string): void;
  /** one line per codec request, when verbose */
  request?(line: string): void;
}

export interface DaemonServerOptions {
  codec: Codec;
  /** runs bodies larger than offloadBytes off the main thread; without it every request runs inline */
  offload?: Offload;
  offloadBytes?: number;
  maxBodyBytes?: number;
  requestTimeoutMs?: number;
  /** all request bodies held at once; beyond it 503 (default 8 × maxBodyBytes, at least 64 MB) */
  maxBufferedBytes?: number;
  version?: string;
  log?: DaemonLog;
}

export interface DaemonServer {
  readonly server: http.Server;
  readonly stats: DaemonStats;
  listen(port: number, host: string): Promise<{ host: string; port: number }>;
  /**
   * Stops accepting connections, lets requests in flight finish (answering them with
   * `Connection: close`), and resolves when they have or when graceMs has passed.
   */
  close(graceMs: number): Promise<{ drained: boolean }>;
  health(): Record<string, unknown>;
}

const TEXT_PLAIN = 'text/plain';

/**
 * A decompile's cost follows its output, which may be hundreds of times its input (an
 * output bomb runs up to the output limit: ~250 ms of one block for 217 KB). So decompile
 * bodies go to a worker from an eighth of the offload size: the daemon's own loop, and so
 * its /health answers, are never held by one.
 */
export const DECOMPILE_OFFLOAD_DIVISOR = 8;

export function createDaemonServer(opts: DaemonServerOptions): DaemonServer {
  const codec = opts.codec;
  const maxBodyBytes = opts.maxBodyBytes ?? 16 * 1024 * 1024;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
  const offloadBytes = opts.offloadBytes ?? 256 * 1024;
  const budget = new ByteBudget(opts.maxBufferedBytes ?? Math.max(64 * 1024 * 1024, 8 * maxBodyBytes));
  const version = opts.version ?? '0.0.0';
  const log: DaemonLog = opts.log ?? { error: () => {} };
  const serverHeader = `AtomForge-FDO-Daemon/${version}`;
  const stats = new DaemonStats();
  let draining = false;
  let drained: (() => void) | null = null;

  const server = http.createServer({ keepAlive: true });
  // Longer than clients' idle timeouts (Node's agents: 5 s), so it is the client that closes an
  // idle connection: a server closing it can race a request being sent on it (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  // Backstops for clients that never finish their headers or body; readBody answers first.
  server.headersTimeout = Math.min(60_000, requestTimeoutMs + 1_000);
  server.requestTimeout = Math.max(server.headersTimeout, requestTimeoutMs + 2_000);

  function send(res: ServerResponse, a: Answer, close = false, extraHeaders: Record<string, string> = {}): void {
    if (res.headersSent || res.destroyed) return;
    const headers: Record<string, string | number> = {
      'Content-Type': a.contentType,
      'Content-Length': a.body.byteLength,
      Server: serverHeader,
      ...extraHeaders,
    };
    if (close || draining) headers.Connection = 'close';
    res.writeHead(a.status, headers);
    res.end(a.body);
  }

  const text = (status: number, body: string): Answer => ({ status, contentType: TEXT_PLAIN, body: Buffer.from(body, 'latin1') });

  function health(): Record<string, unknown> {
    const s = stats.snapshot();
    const mem = process.memoryUsage();
    return {
      status: draining ? 'stopping' : 'ok',
      ada32_loaded: true,
      version,
      requests_processed: s.requests_processed,
      successful_requests: s.successful_requests,
      failed_requests: s.failed_requests,
      uptime_seconds: s.uptime_seconds,
      engine: 'atomforge',
      pid: process.pid,
      rss_bytes: mem.rss,
      memory: { heap_used_bytes: mem.heapUsed, heap_total_bytes: mem.heapTotal, external_bytes: mem.external, array_buffers_bytes: mem.arrayBuffers },
      in_flight: s.in_flight,
      latency_ms: s.latency_ms,
      workers: opts.offload?.status() ?? null,
      limits: { max_body_bytes: maxBodyBytes, request_timeout_ms: requestTimeoutMs, offload_bytes: opts.offload ? offloadBytes : null },
    };
  }

  async function codecAnswer(
    op: CodecOp,
    req: IncomingMessage,
    res: ServerResponse,
    started: number,
  ): Promise<{ a: Answer | null; close: boolean; rejected: boolean; headers?: Record<string, string> }> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > maxBodyBytes) {
      req.resume();
      return { a: tooLarge(), close: true, rejected: true };
    }
    const remaining = () => Math.max(1, requestTimeoutMs - (performance.now() - started));
    const read = await readBody(req, { maxBytes: maxBodyBytes, timeoutMs: remaining(), budget });
    switch (read.kind) {
      case 'too-large':
        return { a: tooLarge(), close: true, rejected: true };
      case 'timeout':
        return {
          a: errorAnswer(408, `Request body not received within ${requestTimeoutMs} ms`, DAEMON_CODES.requestTimeout, { kind: 'Request Timeout' }),
          close: true,
          rejected: true,
        };
      case 'busy':
        return {
          a: errorAnswer(503, 'Daemon busy: too many large request bodies in flight, retry shortly', DAEMON_CODES.busy, { kind: 'Busy' }),
          close: true,
          rejected: true,
          headers: { 'Retry-After': '1' },
        };
      case 'aborted':
        return { a: null, close: true, rejected: true };
    }
    const body = read.body;
    try {
      if (body.length === 0) return { a: text(400, 'Empty request body'), close: false, rejected: false };
      const threshold = op === 'decompile' ? Math.floor(offloadBytes / DECOMPILE_OFFLOAD_DIVISOR) : offloadBytes;
      if (!opts.offload || body.length <= threshold) {
        return { a: answer(codec, op, body, internalError(op, body.length)), close: false, rejected: false };
      }
      const abort = new AbortController();
      const onGone = () => {
        if (!res.writableFinished) abort.abort();
      };
      res.once('close', onGone);
      const r = await opts.offload.run(op, body, { timeoutMs: remaining(), signal: abort.signal });
      res.off('close', onGone);
      switch (r.kind) {
        case 'answer':
          return { a: r.answer, close: false, rejected: false };
        case 'timeout':
          return {
            a: errorAnswer(503, `Request exceeded the time limit of ${requestTimeoutMs} ms`, DAEMON_CODES.codecTimeout, { kind: 'Timeout' }),
            close: false,
            rejected: true,
          };
        case 'crashed':
          return { a: crashAnswer(), close: false, rejected: false };
        case 'cancelled':
          return { a: draining ? errorAnswer(503, 'Daemon is stopping', DAEMON_CODES.busy, { kind: 'Stopping' }) : null, close: true, rejected: true };
      }
    } finally {
      budget.give(body.length);
    }
  }

  function tooLarge(): Answer {
    return errorAnswer(413, `Request body exceeds the limit of ${maxBodyBytes} bytes`, DAEMON_CODES.bodyTooLarge, {
      kind: 'Body Too Large',
      limit_bytes: maxBodyBytes,
    });
  }

  function internalError(op: CodecOp, size: number) {
    return (err: unknown) => log.error(`codec failed on a ${op} of ${size} bytes: ${(err as Error)?.stack ?? String(err)}`);
  }

  async function handleCodec(op: CodecOp, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    stats.begin(op);
    let status = 0;
    let rejected = true;
    try {
      const r = await codecAnswer(op, req, res, started);
      rejected = r.rejected;
      if (r.a) {
        send(res, r.a, r.close, r.headers);
        status = r.a.status;
        // In flight until the answer has left: draining must not cut a large answer short.
        if (!res.closed) await new Promise((resolve) => res.once('close', resolve));
      } else {
        res.destroy();
      }
    } catch (err) {
      log.error(`request failed: ${(err as Error)?.stack ?? String(err)}`);
      send(res, crashAnswer(), true);
      status = 500;
    } finally {
      const ms = performance.now() - started;
      stats.end(status, ms, rejected);
      log.request?.(`${op} ${status || 'aborted'} ${req.headers['content-length'] ?? 'chunked'} ${ms.toFixed(2)}ms`);
      if (draining && stats.inFlight === 0) drained?.();
    }
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q >= 0 ? url.slice(0, q) : url;
      if (req.method === 'POST' && (path === '/compile' || path === '/decompile')) {
        void handleCodec(path === '/compile' ? 'compile' : 'decompile', req, res);
        return;
      }
      // A body we will not read: drop it with the connection rather than reading it all.
      const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
      if (req.method === 'GET' && path === '/health') return send(res, jsonStatusAnswer(200, health()), hasBody);
      if (req.method === 'GET' && path === '/stats') {
        const { latency_ms, ...counters } = stats.snapshot();
        return send(res, jsonStatusAnswer(200, { ...counters, latency_ms, engine: 'atomforge' }), hasBody);
      }
      send(res, text(404, 'Not Found'), hasBody);
    } catch (err) {
      log.error(`request failed: ${(err as Error)?.stack ?? String(err)}`);
      send(res, crashAnswer(), true);
    }
  });

  // `Expect: 100-continue`: refuse an oversized body before the client sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      send(res, tooLarge(), true);
      return;
    }
    res.writeContinue();
    server.emit('request', req, res);
  });

  // Requests Node's parser rejects (bad Content-Length, bad chunking, huge headers) still get JSON.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const message = status === 431 ? 'Request headers too large' : status === 408 ? 'Request not received in time' : 'Malformed HTTP request';
    const code = status === 408 ? DAEMON_CODES.requestTimeout : DAEMON_CODES.malformedRequest;
    const body = JSON.stringify({ error: { message, code: hex(code), kind: 'Malformed Request' } });
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nServer: ${serverHeader}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  return {
    server,
    stats,
    health,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address();
          resolve({ host, port: typeof addr === 'object' && addr ? addr.port : port });
        });
      });
    },
    close(graceMs) {
      draining = true;
      server.close();
      server.closeIdleConnections();
      return new Promise((resolve) => {
        const finish = (ok: boolean) => {
          clearTimeout(timer);
          drained = null;
          server.closeAllConnections();
          resolve({ drained: ok });
        };
        const timer = setTimeout(() => finish(false), graceMs);
        drained = () => setImmediate(() => finish(true));
        if (stats.inFlight === 0) drained();
      });
    },
  };
}
