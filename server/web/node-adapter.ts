/**
 * Runs a codec route on a plain Node request, for the production server's fast path:
 * no Request/Response objects and no web streams, which cost more than the route itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FdoService } from '@/lib/service/contract';
import { nodeChunks, readBody } from './body';
import type { CodecRequest } from './codec-routes';
import { answerFromError, type Answer } from './http';
import { MAX_BODY_BYTES } from './limits';
import { securityHeaders } from './security-headers';
import { getService } from './web-service';
import { webSettings } from './settings';

/** How long a refused connection may linger after its answer, so the client can read it. */
const CLOSE_GRACE_MS = 2000;

export function codecRequestOf(req: IncomingMessage): CodecRequest {
  return {
    contentType: (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase(),
    body: (inspect) => readBody(nodeChunks(req), { limit: MAX_BODY_BYTES, timeoutMs: webSettings().bodyTimeoutMs, inspect }),
  };
}

/**
 * Ends the connection of a request whose answer is out (flushed): half-closed first so the
 * answer is not lost to a reset, then cut off after a short grace if the client goes on
 * sending a body nobody reads.
 */
export function endConnection(req: IncomingMessage): void {
  if (req.socket.destroyed) return;
  req.socket.end();
  setTimeout(() => req.socket.destroy(), CLOSE_GRACE_MS).unref();
}

/**
 * Writes an answer with the security headers. An answer that says `Connection: close` (a
 * refused body) ends the connection once it is flushed: the unread rest of the body is
 * never read, and a client that goes on sending is cut off after a short grace.
 */
export function writeAnswer(req: IncomingMessage, res: ServerResponse, a: Answer): void {
  const closing = a.headers.Connection === 'close';
  const done = () => {
    if (closing) endConnection(req);
  };
  if (typeof a.body === 'string' || a.body instanceof Uint8Array) {
    const body = typeof a.body === 'string' ? Buffer.from(a.body, 'utf8') : a.body;
    res.writeHead(a.status, { ...securityHeaders('api'), ...a.headers, 'Content-Length': String(body.byteLength) });
    res.end(body, done);
    return;
  }
  res.writeHead(a.status, { ...securityHeaders('api'), ...a.headers });
  void writePieces(res, a.body[Symbol.iterator]()).then(
    () => res.end(done),
    () => res.destroy(),
  );
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const go = () => {
      res.off('drain', go);
      res.off('close', go);
      resolve();
    };
    res.on('drain', go);
    res.on('close', go);
  });
}

/** One piece per turn of the event loop, waiting for the socket when its buffer is full. */
async function writePieces(res: ServerResponse, pieces: Iterator<Uint8Array>): Promise<void> {
  for (let next = pieces.next(); !next.done; next = pieces.next()) {
    if (res.destroyed) throw new Error('the client went away');
    if (!res.write(next.value)) await drained(res);
    else await new Promise<void>((r) => setImmediate(r));
  }
}

export async function runCodecRoute(
  req: IncomingMessage,
  res: ServerResponse,
  handler: (service: FdoService, request: CodecRequest) => Promise<Answer>,
): Promise<void> {
  let answer: Answer;
  try {
    answer = await handler(await getService(), codecRequestOf(req));
  } catch (err) {
    answer = answerFromError(err);
  }
  // an answer given before the whole body was read cannot leave the connection reusable
  if (!req.complete) answer = { ...answer, headers: { ...answer.headers, Connection: 'close' } };
  if (!res.headersSent && !res.destroyed) writeAnswer(req, res, answer);
}
