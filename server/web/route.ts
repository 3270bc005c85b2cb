/**
 * Wraps a route's logic for Next's route handlers: finds the running service and turns
 * thrown HttpErrors (and anything unexpected) into JSON answers, so no route crashes or
 * leaks internals.
 */
import type { FdoService } from '@/lib/service/contract';
import type { CodecRequest } from './codec-routes';
import { readBody, webChunks } from './body';
import { answerFromError, fromError, mediaType, toResponse, type Answer } from './http';
import { MAX_BODY_BYTES } from './limits';
import { webSettings } from './settings';
import { getService } from './web-service';

export function withService<A extends unknown[]>(
  handler: (service: FdoService, request: Request, ...rest: A) => Response | Promise<Response>,
): (request: Request, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    try {
      return await handler(await getService(), request, ...rest);
    } catch (err) {
      return fromError(err);
    }
  };
}

/** A codec route (transport-neutral handler) as a Next route handler. */
export function codecRoute(handler: (service: FdoService, request: CodecRequest) => Promise<Answer>): (request: Request) => Promise<Response> {
  return async (request) => {
    let answer: Answer;
    try {
      answer = await handler(await getService(), {
        contentType: mediaType(request),
        body: (inspect) => readBody(webChunks(request), { limit: MAX_BODY_BYTES, timeoutMs: webSettings().bodyTimeoutMs, inspect }),
      });
    } catch (err) {
      answer = answerFromError(err);
    }
    return toResponse(answer);
  };
}
