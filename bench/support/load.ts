/**
 * A small HTTP load generator for the benchmarks (daemon, pool, web app).
 *
 * N clients each send one request at a time over their own keep-alive connection (or a fresh
 * connection per request with `keepAlive: false`, to load servers that close every one) until
 * a request count or a duration is reached. It records every request's latency and returns
 * req/s, p50/p95/p99 and the errors. Loopback only: a benchmark never sends traffic elsewhere.
 *
 *   const result = await runLoad({
 *     url: 'http://127.0.0.1:8080',
 *     concurrency: 4,
 *     durationMs: 5000,
 *     request: (i) => ({ method: 'POST', path: '/compile', body: forms[i % forms.length] }),
 *   });
 *   console.log(result.rps, result.p99Ms);
 */
import http from 'node:http';
import net from 'node:net';

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: Uint8Array;
  headers?: Record<string, string>;
}

export interface LoadOptions {
  /** base URL, e.g. http://127.0.0.1:8080; loopback hosts only */
  url: string;
  /** concurrent clients, each with at most one request outstanding */
  concurrency: number;
  /** the i-th request (i counts from 0 across all clients) */
  request: (i: number) => LoadRequest;
  /** stop after this many requests in total ... */
  requests?: number;
  /** ... or after this long (ms); with both, whichever comes first */
  durationMs?: number;
  /** requests sent (and not measured) before the measured run, to warm the JIT and sockets */
  warmupRequests?: number;
  /** true (default): reuse connections; false: a new connection per request */
  keepAlive?: boolean;
  /** per-request time limit (ms); a request over it counts as an error. Default 10 s. */
  timeoutMs?: number;
  /** which statuses count as success; default 2xx */
  ok?: (status: number, body: Buffer, i: number) => boolean;
  /**
   * 'raw' (default): a lean HTTP/1.1 client on plain sockets, so the load generator, which
   * shares the machine's cores with the server, costs as little CPU as possible;
   * 'node': node:http's client (slower, for comparison or unusual servers).
   */
  client?: 'raw' | 'node';
}

export interface LoadResult {
  requests: number;
  errors: number;
  durationMs: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** responses by HTTP status; transport failures are counted under 0 */
  statuses: Record<number, number>;
  /** up to 5 distinct error descriptions */
  errorSamples: string[];
}

/** Hard caps, so a mistaken argument cannot run a benchmark for hours. */
export const MAX_DURATION_MS = 10 * 60_000;
export const MAX_REQUESTS = 10_000_000;
export const MAX_CONCURRENCY = 1024;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function assertLoopback(url: string): URL {
  const u = new URL(url);
  if (u.protocol !== 'http:') throw new Error(`load: only http:// is supported, got ${u.protocol}`);
  if (!LOOPBACK.has(u.hostname)) throw new Error(`load: refusing to send traffic to ${u.hostname}; loopback only`);
  return u;
}

/** The p-th percentile (0..100) of ascending `sorted`, nearest-rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

interface Sent {
  status: number;
  body: Buffer;
}

function send(agent: http.Agent, base: URL, req: LoadRequest, timeoutMs: number): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body) headers['Content-Length'] = req.body.byteLength;
    const r = http.request(
      { host: base.hostname.replace(/^\[|\]$/g, ''), port: base.port || 80, method: req.method, path: req.path, agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    r.setTimeout(timeoutMs, () => r.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    r.on('error', reject);
    r.end(req.body);
  });
}

/** One keep-alive connection of the raw client: one request at a time, reconnecting when the server closes. */
class RawConnection {
  private socket: net.Socket | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private pending: { resolve: (r: Sent) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly keepAlive: boolean,
  ) {}

  send(req: LoadRequest, timeoutMs: number): Promise<Sent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
      this.pending = { resolve, reject, timer };
      const socket = this.socket && !this.socket.destroyed ? this.socket : this.connect();
      let head = `${req.method} ${req.path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
      for (const [k, v] of Object.entries(req.headers ?? {})) head += `${k}: ${v}\r\n`;
      if (req.body) head += `Content-Length: ${req.body.byteLength}\r\n`;
      if (!this.keepAlive) head += 'Connection: close\r\n';
      socket.cork();
      socket.write(`${head}\r\n`, 'latin1');
      if (req.body && req.body.byteLength > 0) socket.write(req.body);
      socket.uncork();
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): net.Socket {
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      if (this.socket !== socket) return;
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.parse(false);
    });
    socket.on('error', (e) => {
      if (this.socket === socket) this.fail(e);
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.parse(true);
      this.socket = null;
      if (this.pending) this.fail(new Error('connection closed before the response was complete'));
    });
    return socket;
  }

  private fail(e: Error): void {
    const p = this.pending;
    this.pending = null;
    this.socket?.destroy();
    this.socket = null;
    if (p) {
      clearTimeout(p.timer);
      p.reject(e);
    }
  }

  /** Completes the pending request once its whole response is in `buf`. */
  private parse(closed: boolean): void {
    if (!this.pending) return;
    const buf = this.buf;
    const headEnd = buf.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const lines = buf.toString('latin1', 0, headEnd).split('\r\n');
    const status = Number(lines[0]!.split(' ')[1]);
    let length = -1;
    let chunked = false;
    let close = false;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const c = line.indexOf(':');
      const name = line.slice(0, c).trim().toLowerCase();
      const value = line
        .slice(c + 1)
        .trim()
        .toLowerCase();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.includes('chunked');
      else if (name === 'connection') close = value.includes('close');
    }
    const start = headEnd + 4;
    if (status >= 100 && status < 200) {
      this.buf = buf.subarray(start);
      return this.parse(closed);
    }
    let body: Buffer;
    let end: number;
    if (status === 204 || status === 304) {
      body = Buffer.alloc(0);
      end = start;
    } else if (chunked) {
      const r = dechunk(buf, start);
      if (!r) return;
      ({ body, end } = r);
    } else if (length >= 0) {
      if (buf.length < start + length) return;
      body = buf.subarray(start, start + length);
      end = start + length;
    } else {
      if (!closed) return; // delimited by the end of the connection
      body = buf.subarray(start);
      end = buf.length;
    }
    const p = this.pending;
    this.pending = null;
    clearTimeout(p.timer);
    this.buf = buf.subarray(end);
    if (close || !this.keepAlive) this.close();
    p.resolve({ status, body });
  }
}

/** The body of a chunked message starting at `from`, or null while incomplete. */
function dechunk(buf: Buffer, from: number): { body: Buffer; end: number } | null {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol < 0) return null;
    const size = parseInt(buf.toString('latin1', at, eol), 16);
    if (!Number.isFinite(size)) throw new Error('bad chunk size');
    if (size === 0) {
      const end = buf.indexOf('\r\n\r\n', eol);
      if (end < 0 && buf.length < eol + 4) return null;
      return { body: Buffer.concat(parts), end: end < 0 ? eol + 4 : end + 4 };
    }
    if (buf.length < eol + 2 + size + 2) return null;
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const base = assertLoopback(opts.url);
  const concurrency = Math.floor(opts.concurrency);
  if (!(concurrency >= 1 && concurrency <= MAX_CONCURRENCY)) throw new Error(`load: concurrency must be 1..${MAX_CONCURRENCY}`);
  if (opts.requests === undefined && opts.durationMs === undefined) throw new Error('load: give requests or durationMs');
  const total = Math.min(opts.requests ?? MAX_REQUESTS, MAX_REQUESTS);
  const durationMs = Math.min(opts.durationMs ?? MAX_DURATION_MS, MAX_DURATION_MS);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const ok = opts.ok ?? ((status: number) => status >= 200 && status < 300);
  const keepAlive = opts.keepAlive ?? true;
  const agent = new http.Agent({ keepAlive, maxSockets: concurrency, maxFreeSockets: concurrency });
  const host = base.hostname.replace(/^\[|\]$/g, '');
  const port = Number(base.port || 80);
  const connections: RawConnection[] = [];
  /** A sender per client: the raw client keeps one connection per client. */
  const sender = (): ((req: LoadRequest) => Promise<Sent>) => {
    if (opts.client === 'node') return (req) => send(agent, base, req, timeoutMs);
    const c = new RawConnection(host, port, keepAlive);
    connections.push(c);
    return (req) => c.send(req, timeoutMs);
  };

  try {
    // Warm-up: same shape of traffic, not measured.
    const warm = Math.max(0, opts.warmupRequests ?? 0);
    let w = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, warm) }, async () => {
        const go = sender();
        while (w < warm) {
          const i = w++;
          await go(opts.request(i)).catch(() => undefined);
        }
      }),
    );

    const latencies = new Float64Array(Math.min(total, 4_000_000));
    let recorded = 0;
    let started = 0;
    let errors = 0;
    const statuses: Record<number, number> = {};
    const errorSamples = new Set<string>();
    const noteError = (what: string) => {
      errors++;
      if (errorSamples.size < 5) errorSamples.add(what);
    };

    const t0 = performance.now();
    const deadline = t0 + durationMs;
    const client = async () => {
      const go = sender();
      while (started < total && performance.now() < deadline) {
        const i = started++;
        const req = opts.request(i);
        const a = performance.now();
        try {
          const res = await go(req);
          const ms = performance.now() - a;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (!ok(res.status, res.body, i)) noteError(`HTTP ${res.status} on ${req.method} ${req.path}: ${res.body.subarray(0, 120).toString('latin1')}`);
          if (recorded < latencies.length) latencies[recorded++] = ms;
        } catch (err) {
          statuses[0] = (statuses[0] ?? 0) + 1;
          noteError(`${req.method} ${req.path}: ${(err as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    const elapsed = performance.now() - t0;

    const sorted = latencies.subarray(0, recorded).sort();
    let sum = 0;
    for (const v of sorted) sum += v;
    const done = recorded + (statuses[0] ?? 0);
    return {
      requests: done,
      errors,
      durationMs: elapsed,
      rps: elapsed > 0 ? (recorded / elapsed) * 1000 : 0,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      maxMs: recorded ? sorted[recorded - 1]! : 0,
      meanMs: recorded ? sum / recorded : 0,
      statuses,
      errorSamples: [...errorSamples],
    };
  } finally {
    agent.destroy();
    for (const c of connections) c.close();
  }
}

/** "1,234" — for tables. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "1.23" ms — for tables. */
export function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}
