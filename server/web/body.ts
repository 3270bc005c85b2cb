/**
 * The one request-body reader of the web tier, for the production fast path (Node
 * requests) and Next's route handlers (web Requests) alike. The limit is enforced as bytes
 * arrive, whatever the framing (Content-Length or chunked): 413 as soon as the count
 * passes it, without reading the rest. A body that does not arrive in full within the body
 * timeout is a 408. Both answers carry `Connection: close`: the rest of such a body is
 * never read, so the connection cannot be reused.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http';

/** Where a body's bytes come from, one chunk at a time. */
export interface ChunkSource {
  /** the declared Content-Length, or null (chunked, or absent) */
  declaredLength: number | null;
  /** the next chunk, or null at the end of the body */
  next(): Promise<Uint8Array | null>;
  /** stops reading; the connection itself is left to the answer */
  stop(): void;
}

export interface ReadOptions {
  limit: number;
  timeoutMs: number;
  /** sees every chunk as it arrives (a JSON shape scan); throwing refuses the body */
  inspect?: (chunk: Uint8Array) => void;
}

export const CLOSE = { Connection: 'close' } as const;

const mb = (n: number) => (n >= 1024 * 1024 ? `${+(n / (1024 * 1024)).toFixed(2)} MB` : `${n} bytes`);

export function tooLarge(limit: number): HttpError {
  return new HttpError(413, `request body is larger than the ${mb(limit)} limit`, { ...CLOSE });
}

function timedOut(timeoutMs: number): HttpError {
  return new HttpError(408, `the request body did not arrive within ${timeoutMs / 1000} s`, { ...CLOSE });
}

function declared(value: string | null | undefined): number | null {
  if (value === null || value === undefined || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}

/** Reads a whole body under the limit and the timeout; throws HttpError 413/408 (or what `inspect` throws). */
export async function readBody(source: ChunkSource, options: ReadOptions): Promise<Uint8Array> {
  const { limit, timeoutMs, inspect } = options;
  if (source.declaredLength !== null && source.declaredLength > limit) {
    source.stop();
    throw tooLarge(limit);
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(timeoutMs)), timeoutMs);
  });
  // the deadline may fire after the body is read; it must not become an unhandled rejection
  deadline.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const chunk = await Promise.race([source.next(), deadline]);
      if (chunk === null) break;
      size += chunk.byteLength;
      if (size > limit) throw tooLarge(limit);
      inspect?.(chunk);
      chunks.push(chunk);
    }
  } catch (err) {
    source.stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  if (chunks.length === 1) return chunks[0]!;
  return Buffer.concat(chunks, size);
}

/** A Node request as a chunk source: paused between reads, so an unread body stays unread. */
export function nodeChunks(req: IncomingMessage): ChunkSource {
  const queue: Buffer[] = [];
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onData = (c: Buffer) => {
    queue.push(c);
    req.pause();
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onClose = () => {
    if (!req.complete && !failure) failure = new HttpError(400, 'the client closed the connection before the body was complete', { ...CLOSE });
    notify();
  };
  const onError = (err: Error) => {
    failure = err;
    notify();
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('close', onClose);
  req.on('error', onError);
  const detach = () => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('close', onClose);
    req.off('error', onError);
  };
  return {
    declaredLength: declared(req.headers['content-length']),
    async next() {
      for (;;) {
        const c = queue.shift();
        if (c) return c;
        if (failure) throw failure;
        if (ended) {
          detach();
          return null;
        }
        await new Promise<void>((r) => {
          wake = r;
          req.resume();
        });
      }
    },
    stop() {
      detach();
      req.pause();
      queue.length = 0;
    },
  };
}

/** A web Request (Next's route handlers) as a chunk source. */
export function webChunks(request: Request): ChunkSource {
  const reader = request.body?.getReader() ?? null;
  return {
    declaredLength: declared(request.headers.get('content-length')),
    async next() {
      if (!reader) return null;
      const { done, value } = await reader.read();
      return done ? null : value;
    },
    stop() {
      reader?.cancel().catch(() => undefined);
    },
  };
}
