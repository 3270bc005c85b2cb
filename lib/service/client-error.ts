/**
 * The ServiceError a client makes itself when no answer of the service's own shape came
 * back: status 0 when the service was not reached, else the bare HTTP status. Browser
 * clients (the playground's codec calls, the library client) report these like any other.
 */
import type { ServiceError } from './contract';

export function clientSideError(status: number, message: string): ServiceError {
  return {
    class: status === 0 ? 'unavailable' : 'input',
    status,
    kind: status === 0 ? 'Unreachable' : `HTTP ${status}`,
    message,
    code: null,
    line: null,
    column: null,
    offset: null,
    context: [],
    hint: null,
    retryAfterSeconds: null,
  };
}
