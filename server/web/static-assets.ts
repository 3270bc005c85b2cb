/**
 * The production server's answer for Next's build assets (/_next/static/...): each file is
 * read and gzipped once, then served from memory. Next serves them itself by compressing
 * every response again (and running proxy.ts for each): on a two-core machine that was
 * ~60 ms of server CPU per playground load, spent while the browser waits for the scripts
 * that paint the editor. The files are content-hashed by the build (a new build is a new
 * name and a restart), so a cached answer never goes stale; they are immutable to
 * browsers too. A path that is not such a file is left to Next (its 404).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { assetCsp, securityHeaders } from './security-headers';

const PREFIX = '/_next/static/';

/** What may be served, by extension; anything else goes to Next. */
const TYPES: Readonly<Record<string, string>> = {
  '.js': 'application/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
  '.json': 'application/json; charset=UTF-8',
  '.map': 'application/json; charset=UTF-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=UTF-8',
};

/** Types worth compressing (text); images and fonts are compressed already. */
const TEXT = new Set(['.js', '.css', '.json', '.map', '.svg', '.txt']);

/**
 * Memory bounds: a build's assets are a few MB; a file above the first or a cache that
 * reached the second is left to Next, which streams from disk.
 */
export const MAX_ASSET_BYTES = 8 * 1024 * 1024;
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;

interface Asset {
  type: string;
  etag: string;
  raw: Buffer;
  /** null when not worth it (binary types, or no smaller) */
  gzip: Buffer | null;
}

const gzip = promisify(zlib.gzip);

/** The file under `dir` that a request path names, or null (not an asset path, or one that leaves `dir`). */
export function assetFile(dir: string, urlPath: string): string | null {
  if (!urlPath.startsWith(PREFIX)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.slice(PREFIX.length));
  } catch {
    return null;
  }
  if (rel === '' || rel.includes('\0') || rel.includes('\\') || rel.split('/').some((s) => s === '..' || s === '.' || s === '')) return null;
  if (!(path.extname(rel) in TYPES)) return null;
  const file = path.join(dir, rel);
  return file.startsWith(dir + path.sep) ? file : null;
}

function acceptsGzip(req: IncomingMessage): boolean {
  const accept = req.headers['accept-encoding'];
  if (typeof accept !== 'string') return false;
  // `gzip;q=0` refuses it
  return accept.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== 'gzip' && name?.trim() !== '*') return false;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  });
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** true when it took the request; `orElse` answers what it took but cannot serve (a missing or uncacheable file) */
export type AssetHandler = (req: IncomingMessage, res: ServerResponse, orElse: NodeHandler) => boolean;

/** The handler for assets under `dir` (the build's .next/static). */
export function staticAssets(dir: string): AssetHandler {
  const root = path.resolve(dir);
  const cache = new Map<string, Promise<Asset | null>>();
  let cachedBytes = 0;

  async function load(file: string): Promise<Asset | null> {
    let raw: Buffer;
    try {
      const stat = await fs.promises.stat(file);
      if (!stat.isFile() || stat.size > MAX_ASSET_BYTES || cachedBytes + 2 * stat.size > MAX_CACHE_BYTES) return null;
      raw = await fs.promises.readFile(file);
    } catch {
      return null;
    }
    const ext = path.extname(file);
    const packed = TEXT.has(ext) && raw.length > 1024 ? await gzip(raw, { level: 9 }) : null;
    const asset: Asset = {
      type: TYPES[ext]!,
      etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
      raw,
      gzip: packed && packed.length < raw.length ? packed : null,
    };
    cachedBytes += raw.length + (asset.gzip?.length ?? 0);
    return asset;
  }

  function send(req: IncomingMessage, res: ServerResponse, asset: Asset): void {
    for (const [name, value] of Object.entries(securityHeaders('page'))) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', assetCsp());
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('ETag', asset.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    const match = req.headers['if-none-match'];
    if (typeof match === 'string' && match.split(',').some((t) => t.trim().replace(/^W\//, '') === asset.etag)) {
      res.writeHead(304).end();
      return;
    }
    const body = asset.gzip && acceptsGzip(req) ? asset.gzip : asset.raw;
    if (body === asset.gzip) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', body.length);
    res.writeHead(200);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  return (req, res, orElse) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url) return false;
    const q = req.url.indexOf('?');
    const file = assetFile(root, q < 0 ? req.url : req.url.slice(0, q));
    if (!file) return false;
    let pending = cache.get(file);
    if (!pending) {
      pending = load(file);
      cache.set(file, pending);
    }
    // the first request of a file waits for its load; one that cannot be cached (missing,
    // too large) is forgotten and left to Next
    void pending.then((asset) => {
      if (asset) send(req, res, asset);
      else {
        cache.delete(file);
        orElse(req, res);
      }
    });
    return true;
  };
}
