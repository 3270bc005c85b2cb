/**
 * Every error answer of the service, built in one place from one typed value
 * (ServiceError, lib/service/contract.ts): a codec error as the pool parsed it from the
 * daemon, the pool's own (no daemon could serve, poison input), or a route's refusal
 * (HttpError: bad body, wrong media type, too large). The body:
 *
 *   { success: false,
 *     error: "Missing Close Bracket (line 2, column 9)",    // a sentence for people and logs
 *     detail: { class, status, kind, message, code, line, column, offset, context, hint, retry_after },
 *     daemon: { normalized: { message, code, line, column, kind, context, hint } } }   // pool-api.md's shape
 *
 * The browser reads `detail`, which is the ServiceError itself.
 */
import type { ServiceError } from '@/lib/service/contract';

export interface ErrorBody {
  success: false;
  error: string;
  detail: ServiceError;
  daemon: {
    normalized: {
      message: string;
      code: string | null;
      line: number | null;
      column: number | null;
      kind: string | null;
      context: string[];
      hint: string | null;
    };
  };
}

/** "message (line 2, column 9)" */
export function describeError(e: ServiceError): string {
  if (e.line === null) return e.offset === null ? e.message : `${e.message} (byte offset ${e.offset})`;
  return `${e.message} (line ${e.line}${e.column === null ? '' : `, column ${e.column}`})`;
}

export function errorBody(e: ServiceError): ErrorBody {
  return {
    success: false,
    error: describeError(e),
    detail: e,
    daemon: { normalized: { message: e.message, code: e.code, line: e.line, column: e.column, kind: e.kind, context: e.context, hint: e.hint } },
  };
}

/** a route's own refusal as a ServiceError: 5xx means the service could not serve, 4xx that the request is wrong */
export function routeError(
  status: number,
  message: string,
  where: Partial<Pick<ServiceError, 'line' | 'column' | 'offset' | 'kind' | 'hint' | 'context'>> = {},
): ServiceError {
  return {
    class: status >= 500 ? 'unavailable' : 'input',
    status,
    kind: where.kind ?? KIND_BY_STATUS[status] ?? (status >= 500 ? 'Unavailable' : 'Bad Request'),
    message,
    code: null,
    line: where.line ?? null,
    column: where.column ?? null,
    offset: where.offset ?? null,
    context: where.context ?? [],
    hint: where.hint ?? null,
    retryAfterSeconds: null,
  };
}

const KIND_BY_STATUS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Body Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable',
  500: 'Internal Error',
  503: 'Unavailable',
};
