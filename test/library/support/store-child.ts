/**
 * The library's routes in a process of their own, for the kill -9 test: a plain Node HTTP
 * server on 127.0.0.1 (port from argv) in front of the real route modules, the library
 * opened from ATOMFORGE_DATA_DIR like the service does. Prints "ready <port>" when listening.
 */
import http from 'node:http';
import { Readable } from 'node:stream';
import * as filesRoute from '@/app/files/route';
import * as fileRoute from '@/app/files/[id]/route';
import { getLibrary } from '@/server/web/library-store';

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const hasBody = req.method === 'POST' || req.method === 'PUT';
  const request = new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    duplex: 'half',
  } as RequestInit);
  const match = /^\/files\/(\d+)$/.exec(url.pathname);
  let response: Response;
  if (url.pathname === '/files') response = req.method === 'POST' ? await filesRoute.POST(request) : await filesRoute.GET(request);
  else if (match && req.method === 'PUT') response = await fileRoute.PUT(request, { params: Promise.resolve({ id: match[1]! }) });
  else if (match) response = await fileRoute.GET(request, { params: Promise.resolve({ id: match[1]! }) });
  else response = new Response('not found', { status: 404 });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

void (async () => {
  await getLibrary();
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  server.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write(`ready ${process.argv[2]}\n`));
})();
