/**
 * What the production server does with every request before Next sees it: stamp the
 * socket's address for the admin routes (peer.ts), answer malformed paths with 400 JSON,
 * take POST /compile and /decompile on the fast path, serve the build's static files from
 * memory (static-assets.ts), and give everything else the security headers that hold
 * even for Next's own error answers (proxy.ts adds the CSP), and cap the bodies Next reads
 * (next-body-cap.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleFast } from './fast-path';
import { jsonAnswer } from './http';
import { MAX_ANY_BODY_BYTES } from './limits';
import { capNextBody } from './next-body-cap';
import { writeAnswer } from './node-adapter';
import { stampPeer } from './peer';
import { securityHeaders } from './security-headers';
import type { AssetHandler } from './static-assets';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** A path whose percent-escapes do not decode: Next would answer it with a plain-text 500. */
export function badPath(url: string): boolean {
  const q = url.indexOf('?');
  try {
    decodeURIComponent(q < 0 ? url : url.slice(0, q));
    return false;
  } catch {
    return true;
  }
}

/** `assets`: the build's static files (production only; the tests' servers have no build) */
export function webRequestHandler(next: NodeHandler, assets?: AssetHandler): NodeHandler {
  const toNext: NodeHandler = (req, res) => {
    for (const [name, value] of Object.entries(securityHeaders('page'))) res.setHeader(name, value);
    capNextBody(req, res, MAX_ANY_BODY_BYTES);
    next(req, res);
  };
  return (req, res) => {
    // the admin routes decide by the socket's address, never by what the client says
    stampPeer(req);
    if (badPath(req.url ?? '/')) {
      writeAnswer(req, res, jsonAnswer({ success: false, error: 'the request path has a malformed percent-escape' }, 400));
      return;
    }
    if (handleFast(req, res)) return;
    if (assets?.(req, res, toNext)) return;
    toNext(req, res);
  };
}
