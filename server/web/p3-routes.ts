/**
 * The P3 routes (../shared/docs/p3-framing.md §6, issue 9): transport-neutral handlers like
 * codec-routes.ts, and the adapter that runs them as Next route handlers. The capture
 * route reads up to MAX_CAPTURE_BYTES (captures are larger than FDO sources); the others
 * keep the service's 16 MB body limit.
 */
import type { FdoService } from '@/lib/service/contract';
import { readBody, webChunks } from './body';
import { answerFromError, mediaType, toResponse, type Answer } from './http';
import { MAX_BODY_BYTES } from './limits';
import type { P3Request } from './p3-common';
import { MAX_CAPTURE_BYTES } from './p3-limits';
import { getService } from './web-service';
import { webSettings } from './settings';

export { handleCompileChunk } from './p3-compile-chunk';
export { handleDetectFdo } from './p3-detect-fdo';
export { handleDecompileJsonl } from './p3-decompile-jsonl';
export type { P3Request } from './p3-common';

export function p3RequestOf(request: Request, limit = MAX_BODY_BYTES): P3Request {
  return {
    contentType: mediaType(request),
    contentTypeHeader: request.headers.get('content-type') ?? undefined,
    // the one body reader (body.ts): the limit as bytes arrive, the body timeout
    body: (inspect) => readBody(webChunks(request), { limit, timeoutMs: webSettings().bodyTimeoutMs, inspect }),
  };
}

/** A P3 route as a Next route handler; `limit` is the body size it accepts. */
export function p3Route(
  handler: (service: FdoService, request: P3Request) => Promise<Answer>,
  limit = MAX_BODY_BYTES,
): (request: Request) => Promise<Response> {
  return async (request) => {
    let answer: Answer;
    try {
      answer = await handler(await getService(), p3RequestOf(request, limit));
    } catch (err) {
      answer = answerFromError(err);
    }
    return toResponse(answer);
  };
}

/** A P3 route that needs no daemon (/detect-fdo): it does not wait for the service to start. */
export function p3PlainRoute(handler: (request: P3Request) => Promise<Answer>): (request: Request) => Promise<Response> {
  return async (request) => {
    let answer: Answer;
    try {
      answer = await handler(p3RequestOf(request));
    } catch (err) {
      answer = answerFromError(err);
    }
    return toResponse(answer);
  };
}

export const CAPTURE_BODY_LIMIT = MAX_CAPTURE_BYTES;
