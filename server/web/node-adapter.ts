/**
 * Runs a codec route on a plain Node request, for the production server's fast path:
 * no Request/Response objects and no web streams, which cost more than the route itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FdoService } from '@/lib/service/contract';
import type { CodecRequest } from './codec-routes';
import { answerFromError, HttpError, type Answer } from './http';
import { MAX_BODY_BYTES } from './limits';
import { getService } from './web-service';

const tooLarge = () => new HttpError(413, `request body is larger than the ${MAX_BODY_BYTES / (1024 * 1024)} MB limit`);

/** Reads the body up to the limit, refusing (413) by the declared length or while streaming. */
export function readNodeBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => (over ? reject(tooLarge()) : resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export function codecRequestOf(req: IncomingMessage): CodecRequest {
  return {
    contentType: (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase(),
    body: () => readNodeBody(req),
  };
}

export function writeAnswer(res: ServerResponse, a: Answer): void {
  const body = typeof a.body === 'string' ? Buffer.from(a.body, 'utf8') : a.body;
  res.writeHead(a.status, { ...a.headers, 'Content-Length': String(body.byteLength) });
  res.end(body);
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
  // a refused body may still be arriving: drain it so the connection stays usable
  if (!req.complete) req.resume();
  if (!res.headersSent) writeAnswer(res, answer);
}
