/**
 * The plumbing of the library routes: a transport-neutral request, bodies bounded in size
 * and time, the bearer token when ATOMFORGE_LIBRARY_TOKEN is set, refusal of cross-site
 * writes, and LibraryError → the one error body (409s carry both versions).
 */
import { timingSafeEqual } from 'node:crypto';
import { LibraryError } from '@/lib/library/errors';
import { errorBody, routeError } from './error-body';
import { HttpError, answerFromError, jsonAnswer, parseJsonObject, type Answer } from './http';
import { readBody, webChunks } from './body';
import { jsonShapeScan } from './json-scan';

export interface LibraryRequest {
  method: string;
  url: URL;
  headers: Headers;
  params: Record<string, string>;
  /** the whole body up to `limit` bytes (413 past it; 408 when it does not arrive in time); `inspect` sees each chunk */
  body(limit: number, inspect?: (chunk: Uint8Array) => void): Promise<Uint8Array>;
}

/** a zip export: streamed, never held whole */
export interface StreamAnswer {
  status: number;
  headers: Record<string, string>;
  stream: ReadableStream<Uint8Array>;
}

export type LibraryAnswer = Answer | StreamAnswer;

/** how long a client may take to send a body */
export const BODY_DEADLINE_MS = 30_000;
/**
 * Bytes all library bodies being read may hold at once: eight clients sending 16 MB
 * sources at the same time get 503 + Retry-After past this, instead of the process
 * running out of memory.
 */
export const BODY_BUDGET_BYTES = 96 * 1024 * 1024;
let buffered = 0;

const STATUS: Record<LibraryError['kind'], number> = { invalid: 400, 'not-found': 404, 'name-taken': 409, conflict: 409, 'too-large': 413 };

/** the HTTP status of a library failure */
export function libraryStatus(err: LibraryError): number {
  return STATUS[err.kind];
}

export function libraryErrorAnswer(err: unknown): Answer {
  if (!(err instanceof LibraryError)) return answerFromError(err);
  const status = STATUS[err.kind];
  const e = routeError(status, err.message, { line: err.line ?? undefined, kind: err.kind === 'name-taken' ? 'Name Taken' : undefined });
  const body: Record<string, unknown> = { ...errorBody(e), field: err.field };
  if (err.conflict) body.conflict = { base_version: err.conflict.base, current: err.conflict.current, attempted: err.conflict.attempted };
  return jsonAnswer(body, status);
}

/** reads a web body with a size limit and a deadline (a body that never ends is cut off) */
/** what a request holds of the body budget until its answer is made */
export interface BodyHold {
  bytes: number;
}

export function releaseHold(hold: BodyHold): void {
  buffered -= hold.bytes;
  hold.bytes = 0;
}

/**
 * `hold`: the bytes stay counted against the budget until the caller releases them (the
 * body lives on while the route works on it); without it they are released on return.
 */
export async function readWebBody(
  request: Request,
  limit: number,
  deadlineMs = BODY_DEADLINE_MS,
  budget = BODY_BUDGET_BYTES,
  callerHold?: BodyHold,
  inspect?: (chunk: Uint8Array) => void,
): Promise<Uint8Array> {
  const hold = callerHold ?? { bytes: 0 };
  try {
    // the web tier's one body reader (body.ts): the limit as bytes arrive, the deadline;
    // each chunk also counts against the budget all library bodies share
    const body = await readBody(webChunks(request), {
      limit,
      timeoutMs: deadlineMs,
      inspect: (chunk) => {
        buffered += chunk.byteLength;
        hold.bytes += chunk.byteLength;
        if (buffered > budget) throw new HttpError(503, 'the library is busy receiving other large requests; try again shortly', { 'Retry-After': '2' });
        inspect?.(chunk);
      },
    });
    if (!callerHold) releaseHold(hold);
    return body;
  } catch (err) {
    releaseHold(hold);
    throw err;
  }
}

export function mediaTypeOf(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** an Origin header naming another host than the one asked (browsers send Origin on every cross-origin POST) */
function foreignOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  const host = headers.get('host');
  if (!origin || !host) return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Writes are refused from other sites: a browser marks them Sec-Fetch-Site: cross-site,
 * and an HTML form cannot send application/json or application/zip without a CORS
 * preflight this service never grants.
 */
export function checkWrite(request: LibraryRequest, token: string | null, types: string[] = ['application/json']): void {
  if (request.headers.get('sec-fetch-site') === 'cross-site' || foreignOrigin(request.headers))
    throw new HttpError(403, 'the library does not accept changes from other sites');
  if (token) {
    const match = /^Bearer\s+(.+)$/i.exec((request.headers.get('authorization') ?? '').trim());
    const given = Buffer.from(match?.[1] ?? '', 'utf8');
    const want = Buffer.from(token, 'utf8');
    if (given.length !== want.length || !timingSafeEqual(given, want)) {
      throw new HttpError(401, 'changing the library needs its token: send Authorization: Bearer <ATOMFORGE_LIBRARY_TOKEN>', {
        'WWW-Authenticate': 'Bearer realm="atomforge-library"',
      });
    }
  }
  const type = mediaTypeOf(request.headers);
  const hasBody = request.headers.get('content-length') !== null && request.headers.get('content-length') !== '0';
  if ((type !== '' || hasBody) && !types.includes(type)) throw new HttpError(415, `send ${types.join(' or ')}${type === '' ? '' : `, not ${type}`}`);
}

/** the JSON object body of a write; an empty body is {} */
export async function jsonBody(request: LibraryRequest, limit: number): Promise<Record<string, unknown>> {
  const bytes = await request.body(limit, jsonShapeScan());
  if (bytes.byteLength === 0) return {};
  return parseJsonObject(bytes);
}

/** a path or query number: a whole number from 1, else 404 for ids (no such thing) or 400 */
export function idParam(value: string | undefined, what: string): number {
  if (value === undefined || !/^[1-9]\d{0,15}$/.test(value)) throw new HttpError(404, `no ${what} ${JSON.stringify(String(value).slice(0, 40))}`);
  return Number(value);
}

export function intQuery(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new HttpError(400, `"${name}" must be a whole number from ${min} to ${max}`);
  return Number(raw);
}

export function boolQuery(url: URL, name: string): boolean {
  const raw = (url.searchParams.get(name) ?? '').toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new HttpError(400, `"${name}" must be true or false`);
}

function isStream(a: LibraryAnswer): a is StreamAnswer {
  return 'stream' in a;
}

/** a library handler as a Next route handler */
export function libraryRoute(handler: (request: LibraryRequest) => Promise<LibraryAnswer>) {
  return async (request: Request, context?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    let answer: LibraryAnswer;
    const hold: BodyHold = { bytes: 0 };
    try {
      const raw = (await context?.params) ?? {};
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw)) params[k] = Array.isArray(v) ? v.join('/') : v;
      answer = await handler({
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        params,
        body: (limit, inspect) => readWebBody(request, limit, BODY_DEADLINE_MS, BODY_BUDGET_BYTES, hold, inspect),
      });
    } catch (err) {
      answer = libraryErrorAnswer(err);
    } finally {
      releaseHold(hold);
    }
    if (isStream(answer)) return new Response(answer.stream, { status: answer.status, headers: answer.headers });
    return new Response(answer.body as BodyInit, { status: answer.status, headers: answer.headers });
  };
}
