/**
 * Helpers for the daemon tests: HTTP requests over loopback, raw socket exchanges (for what
 * Node's client will not send: lower-case headers, malformed requests), and real daemon
 * processes started from dist/ that are always killed afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DAEMON_JS = path.join(ROOT, 'dist', 'daemon.js');

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json<T = any>(): T;
  text(): string;
}

function reply(status: number, headers: http.IncomingHttpHeaders, body: Buffer): Reply {
  return {
    status,
    headers,
    body,
    json: () => JSON.parse(body.toString('utf8')),
    text: () => body.toString('latin1'),
  };
}

export function request(
  port: number,
  method: string,
  urlPath: string,
  body?: Uint8Array | string,
  opts: { agent?: http.Agent; headers?: Record<string, string | number>; timeoutMs?: number } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const data = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
    const headers: Record<string, string | number> = { ...opts.headers };
    if (data && !Object.keys(headers).some((h) => h.toLowerCase() === 'transfer-encoding')) headers['Content-Length'] = data.byteLength;
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: opts.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(reply(res.statusCode ?? 0, res.headers, Buffer.concat(chunks))));
      res.on('error', reject);
    });
    req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error('test request timed out')));
    req.on('error', reject);
    req.end(data);
  });
}

/** Parses one HTTP/1.1 response (Content-Length framed) out of raw bytes, or null if incomplete. */
export function parseRawResponse(raw: Buffer): (Reply & { rest: Buffer }) | null {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(head[0]!.split(' ')[1]);
  const headers: http.IncomingHttpHeaders = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const len = Number(headers['content-length'] ?? 0);
  if (raw.length < end + 4 + len) return null;
  const body = raw.subarray(end + 4, end + 4 + len);
  return { ...reply(status, headers, Buffer.from(body)), rest: raw.subarray(end + 4 + len) };
}

/**
 * Writes `parts` (awaiting each write, with `gapMs` between) on one connection and collects
 * what comes back until the server closes it or `count` responses have arrived. Write
 * errors after the server answered (it may close early, e.g. on 413) are expected and ignored.
 */
export function rawExchange(
  port: number,
  parts: (Buffer | string)[],
  opts: { count?: number; gapMs?: number; timeoutMs?: number } = {},
): Promise<{ responses: Reply[]; closed: boolean }> {
  const count = opts.count ?? 1;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let raw: Buffer = Buffer.alloc(0);
    const responses: Reply[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ responses, closed });
    };
    const timer = setTimeout(() => {
      done = true;
      socket.destroy();
      reject(new Error(`raw exchange timed out with ${responses.length} response(s)`));
    }, opts.timeoutMs ?? 20_000);
    socket.on('data', (d: Buffer) => {
      raw = Buffer.concat([raw, d]);
      for (let r = parseRawResponse(raw); r; r = parseRawResponse(raw)) {
        responses.push(r);
        raw = r.rest;
      }
      if (responses.length >= count) setTimeout(() => finish(false), 20);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => {
      /* a reset after an early answer: the close handler reports what arrived */
    });
    socket.on('connect', async () => {
      for (const p of parts) {
        if (done || socket.destroyed) return;
        await new Promise<void>((ok) => socket.write(p, () => ok()));
        if (opts.gapMs) await new Promise((ok) => setTimeout(ok, opts.gapMs));
      }
    });
  });
}

export interface DaemonProcess {
  child: ChildProcess;
  port: number;
  stderr(): string;
  /** resolves with the exit code/signal once the process has exited */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
}

const started = new Set<ChildProcess>();

/** Starts `node dist/daemon.js --port 0 ...args` and waits for its ready line. */
export function startDaemon(
  args: string[] = [],
  opts: { script?: string; env?: Record<string, string>; stdin?: 'ignore' | 'pipe' } = {},
): Promise<DaemonProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [opts.script ?? DAEMON_JS, '--port', '0', ...args], {
      stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
    });
    started.add(child);
    let out = '';
    let err = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
      child.once('exit', (code, signal) => {
        started.delete(child);
        ok({ code, signal });
      }),
    );
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`daemon did not get ready: ${err}`));
    }, 20_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /FDO Daemon listening on ([\d.]+):(\d+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[2]), stderr: () => err, exited, kill: (s = 'SIGKILL') => void child.kill(s) });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`daemon exited (${code}) before getting ready: ${err}`));
    });
  });
}

/** Kills every daemon process a test started and has not seen exit. */
export async function killAllDaemons(): Promise<void> {
  const waits = [...started].map(
    (c) => new Promise((ok) => (c.exitCode !== null || c.signalCode !== null ? ok(null) : (c.once('exit', ok), c.kill('SIGKILL')))),
  );
  await Promise.all(waits);
}

export { alive } from '../support/processes';

export async function waitFor(cond: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (cond()) return true;
    await new Promise((ok) => setTimeout(ok, stepMs));
  }
  return cond();
}
