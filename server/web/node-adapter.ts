/**
 * Runs a route's (Request) => Response logic on a plain Node request: used by the
 * production server's fast path, so the hot REST routes skip Next's router while keeping
 * exactly the behaviour of the route handlers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from './http';
import { MAX_BODY_BYTES } from './limits';

/** Reads the body up to the limit; null when it is larger (the caller answers 413). */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      return resolve(null);
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
    req.on('end', () => resolve(over ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return headers;
}

export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  const body = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

export async function runOnNode(
  req: IncomingMessage,
  res: ServerResponse,
  handler: (request: Request) => Promise<Response>,
): Promise<void> {
  let response: Response;
  try {
    const body = req.method === 'GET' || req.method === 'HEAD' ? null : await readNodeBody(req, MAX_BODY_BYTES);
    if (body === null && req.method !== 'GET' && req.method !== 'HEAD') {
      response = errorResponse(413, `request body is larger than the ${MAX_BODY_BYTES / (1024 * 1024)} MB limit`);
    } else {
      const url = `http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`;
      response = await handler(new Request(url, { method: req.method, headers: toHeaders(req), body: body as unknown as BodyInit | null }));
    }
  } catch (err) {
    console.error('[web] fast path failed:', err);
    response = errorResponse(500, 'internal error while handling the request');
  }
  if (!res.headersSent) await sendResponse(res, response);
}
