/**
 * The production server's fast path: POST /compile and POST /decompile are the service's
 * hot routes, and Next's router costs several times the compile itself; the same route
 * logic (withService + handleCompile/handleDecompile) runs here without it. Everything
 * else, including these routes under `next dev`, goes through Next's route handlers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleCompile, handleDecompile } from './codec-routes';
import { runOnNode } from './node-adapter';
import { withService } from './route';

const ROUTES: Record<string, (request: Request) => Promise<Response>> = {
  '/compile': withService(handleCompile),
  '/decompile': withService(handleDecompile),
};

/** true when the request was taken by the fast path */
export function handleFast(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'POST' || !req.url) return false;
  const q = req.url.indexOf('?');
  const route = ROUTES[q < 0 ? req.url : req.url.slice(0, q)];
  if (!route) return false;
  void runOnNode(req, res, route);
  return true;
}
