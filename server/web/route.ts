/**
 * Wraps a route's logic: finds the running service and turns thrown HttpErrors (and
 * anything unexpected) into JSON answers, so no route crashes or leaks internals.
 */
import type { FdoService } from '@/lib/service/contract';
import { fromError } from './http';
import { getService } from './service';

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
