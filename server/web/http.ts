/**
 * Small response helpers shared by the route handlers: every failure is JSON with
 * `success: false` and a message a person can act on.
 */
import { locateJsonSyntaxError } from './json-syntax';
import type { ServiceError } from '@/lib/service/contract';
import { errorBody, routeError } from './error-body';
import { log } from './log';

/** where in the input a refused request's problem is, when the route knows */
export type ErrorWhere = Partial<Pick<ServiceError, 'line' | 'column' | 'offset' | 'kind' | 'hint' | 'context'>>;

/** a route refuses the request; becomes the one error body of error-body.ts */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** where in the input the problem is, when the route knows (e.g. a character outside Latin-1) */
    readonly where: ErrorWhere = {},
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
  /** pieces are written one at a time, the event loop turning between them (large JSON answers) */
  body: Uint8Array | string | Iterable<Uint8Array>;
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
  if (typeof a.body === 'string' || a.body instanceof Uint8Array) return new Response(a.body as BodyInit, { status: a.status, headers: a.headers });
  const pieces = a.body[Symbol.iterator]();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  return new Response(stream, { status: a.status, headers: a.headers });
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
 * Parses a JSON body into an object, or 400 with where it went wrong. Callers read the
 * body through a JsonShapeScan (json-scan.ts) first, so the parse is of a shallow object.
 */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'request body is not valid UTF-8 JSON');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const at = locateJsonSyntaxError(text);
    throw new HttpError(400, at.message, {}, { line: at.line, column: at.column, kind: 'Invalid JSON' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
