/**
 * HTTP client for one daemon. Two things matter on the wire:
 * - the body length goes in a header spelled exactly `Content-Length`: the reference
 *   daemon finds it under no other spelling and otherwise reads only the first ~4 KB;
 *   node:http writes a header name as given to setHeader, so the spelling survives;
 * - connections are kept alive (one agent per daemon) where the daemon allows it; the
 *   reference answers `Connection: close` to everything, and the agent then opens a new
 *   connection per request.
 */
import http from 'node:http';

export interface DaemonAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export class DaemonTimeoutError extends Error {
  readonly code = 'DAEMON_TIMEOUT';
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** the pool took the request back (another daemon answered first): not the daemon's failure */
export class DaemonAbortedError extends Error {
  readonly code = 'DAEMON_ABORTED';
  constructor() {
    super('attempt withdrawn');
  }
}

/** answers larger than this are cut off as a failure: no daemon answers that much legitimately */
const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

export class DaemonClient {
  private readonly agent: http.Agent;

  constructor(
    readonly host: string,
    readonly port: number,
    maxSockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, keepAliveMsecs: 1_000, scheduling: 'lifo' });
  }

  async request(
    method: 'GET' | 'POST',
    path: string,
    body: Uint8Array | null,
    contentType: string | null,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<DaemonAnswer> {
    try {
      return await this.once(method, path, body, contentType, timeoutMs, true, signal);
    } catch (err) {
      // a kept-alive socket the daemon closed meanwhile: the request never reached it, so
      // one immediate retry on a fresh connection is safe and not the daemon's failure
      if ((err as { staleSocket?: boolean }).staleSocket && !signal?.aborted) return this.once(method, path, body, contentType, timeoutMs, false, signal);
      throw err;
    }
  }

  private once(
    method: string,
    path: string,
    body: Uint8Array | null,
    contentType: string | null,
    timeoutMs: number,
    reuse: boolean,
    signal?: AbortSignal,
  ): Promise<DaemonAnswer> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new DaemonAbortedError());
      let settled = false;
      const req = http.request({ host: this.host, port: this.port, method, path, agent: reuse ? this.agent : undefined, setHost: true });
      const timer = setTimeout(() => req.destroy(new DaemonTimeoutError(timeoutMs)), timeoutMs);
      const onAbort = () => req.destroy(new DaemonAbortedError());
      signal?.addEventListener('abort', onAbort, { once: true });
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const code = (err as NodeJS.ErrnoException).code;
        if (req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE') && !(err instanceof DaemonTimeoutError) && !(err instanceof DaemonAbortedError)) {
          (err as { staleSocket?: boolean }).staleSocket = true;
        }
        reject(err);
      };
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(c);
        });
        res.on('error', fail);
        res.on('aborted', () => fail(new Error('answer cut off')));
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) return fail(new Error('answer cut off'));
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
        });
      });
      if (contentType) req.setHeader('Content-Type', contentType);
      if (body) {
        req.setHeader('Content-Length', String(body.byteLength));
        req.end(body);
      } else {
        req.end();
      }
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
