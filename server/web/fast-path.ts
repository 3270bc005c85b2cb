/**
 * The production server's fast path: POST /compile and POST /decompile are the service's
 * hot routes, and Next's router costs several times the compile itself; the same route
 * logic (handleCompile/handleDecompile) runs here on the Node request directly. Everything
 * else, and these routes under `next dev`, goes through Next's route handlers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleCompile, handleDecompile } from './codec-routes';
import { runCodecRoute } from './node-adapter';

const ROUTES = { '/compile': handleCompile, '/decompile': handleDecompile } as const;

/** true when the request was taken by the fast path */
export function handleFast(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'POST' || !req.url) return false;
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const handler = path === '/compile' || path === '/decompile' ? ROUTES[path] : undefined;
  if (!handler) return false;
  void runCodecRoute(req, res, handler);
  return true;
}
