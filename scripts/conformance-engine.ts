/**
 * The differential harness's client of an FDO daemon (the reference fdo_daemon.exe, or
 * ours in --self-check): POST /compile and /decompile over node:http. The body length goes
 * in a header spelled exactly `Content-Length`: the reference daemon finds it under no
 * other spelling and otherwise answers from the first ~4 KB only (daemon-protocol.md).
 * Node keeps the case of a header set with setHeader; fetch would send `content-length`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

export interface EngineAnswer {
  status: number;
  body: Buffer;
}

export interface Engine {
  compile(source: Buffer): Promise<EngineAnswer>;
  decompile(binary: Buffer): Promise<EngineAnswer>;
}

const REQUEST_TIMEOUT_MS = 60_000;
/** A bound on what one answer may hold, so a runaway engine cannot exhaust the harness. */
const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

function post(base: URL, route: string, body: Buffer, contentType: string): Promise<EngineAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: base.hostname,
      port: base.port,
      path: route,
      method: 'POST',
      agent: false,
      timeout: REQUEST_TIMEOUT_MS,
    });
    request.setHeader('Content-Type', contentType);
    request.setHeader('Content-Length', String(body.length));
    request.on('timeout', () => request.destroy(new Error(`no answer from ${route} within ${REQUEST_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          request.destroy(new Error(`the answer from ${route} is larger than ${MAX_ANSWER_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.end(body);
  });
}

export function httpEngine(url: string): Engine {
  const base = new URL(url);
  if (base.protocol !== 'http:') throw new Error(`--engine must be an http:// address, got ${url}`);
  return {
    compile: (source) => post(base, '/compile', source, 'text/plain'),
    decompile: (binary) => post(base, '/decompile', binary, 'application/octet-stream'),
  };
}

export interface OwnDaemon {
  url: string;
  stop(): Promise<void>;
}

const DAEMON_START_TIMEOUT_MS = 120_000; // includes a rebuild of dist/ when the sources changed

/**
 * Starts our own daemon as `npm run daemon -- --port 0` on loopback (port 0: it picks a free
 * port and names it in its ready line, so no other process can take it first) and waits for
 * that line. It runs in its own process group so stop() ends npm and the daemon together.
 */
export async function startOwnDaemon(repoRoot: string): Promise<OwnDaemon> {
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'daemon', '--', '--port', '0', '--host', '127.0.0.1'], {
    cwd: path.resolve(repoRoot),
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        resolve();
      }
    });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`our daemon did not start within ${DAEMON_START_TIMEOUT_MS} ms`)), DAEMON_START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      const ready = /listening on [^\s:]+:(\d+)/i.exec(seen);
      if (ready !== null) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`our daemon exited before it was ready (code ${code})`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  child.stdout?.resume();
  return { url: `http://127.0.0.1:${port}`, stop };
}
