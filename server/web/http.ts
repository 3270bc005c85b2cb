/**
 * Small response helpers shared by the route handlers: every failure is JSON with
 * `success: false` and a message a person can act on.
 */
import type { ServiceError } from '@/lib/service/contract';
import { errorBody, routeError } from './error-body';
import { MAX_BODY_BYTES } from './limits';
import { log } from './log';

/** a route refuses the request; becomes the one error body of error-body.ts */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** where in the input the problem is, when the route knows (e.g. a character outside Latin-1) */
    readonly where: Partial<Pick<ServiceError, 'line' | 'column' | 'offset' | 'kind' | 'hint' | 'context'>> = {},
  ) {
    super(message);
  }

  toServiceError(): ServiceError {
    return routeError(this.status, this.message, this.where);
  }
}

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * A route's answer independent of the transport: Next's route handlers turn it into a
 * Response, the production fast path writes it straight to the Node response.
 */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}): Answer {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE, ...headers }, body: JSON.stringify(body) };
}

/** A ServiceError as its answer (the status is the error's). */
export function errorAnswer(e: ServiceError, headers: Record<string, string> = {}): Answer {
  return jsonAnswer(errorBody(e), e.status, headers);
}

/** A thrown HttpError becomes its answer; anything else is a 500 without internals. */
export function answerFromError(err: unknown): Answer {
  if (err instanceof HttpError) return errorAnswer(err.toServiceError(), err.headers);
  log.error({ err }, 'unexpected error in a route');
  return errorAnswer(routeError(500, 'internal error while handling the request'));
}

export function toResponse(a: Answer): Response {
  return new Response(a.body as BodyInit, { status: a.status, headers: a.headers });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
  });
}

/** Turns a thrown HttpError into its response; anything else is a 500 without internals. */
export function fromError(err: unknown): Response {
  return toResponse(answerFromError(err));
}

/** The media type without parameters, lower-cased; '' when absent. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Reads the whole body, refusing (413) anything past `limit` bytes, both by the declared
 * Content-Length and while streaming (a client may lie or use chunked encoding).
 */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const tooLarge = () => new HttpError(413, `request body is larger than the ${limit / (1024 * 1024)} MB limit`);
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Parses a JSON body into an object, or 400 with where it went wrong. */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new HttpError(400, `request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
