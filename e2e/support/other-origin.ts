/**
 * "Another site" for the browser tests: tiny pages served from 127.0.0.2 (a different
 * origin and site from the service on 127.0.0.1) that try what issue 8 found possible:
 * framing /pool, a text/plain HTML form posting JSON-looking bodies, no-cors fetches.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtherOrigin {
  url: string;
  close(): Promise<void>;
}

function pages(target: string): Record<string, string> {
  const html = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>other site</title></head><body>${body}</body></html>`;
  return {
    '/frame': html(`<h1>framing the dashboard</h1><iframe id="victim" src="${target}/pool" width="800" height="600"></iframe>`),
    // enctype=text/plain sends `name=value`: with this name and value the body is {"size":1,"pad":"="}
    '/form': html(
      `<form id="f" method="POST" action="${target}/pool/resize" enctype="text/plain">` +
        `<input type="hidden" name='{"size":1,"pad":"' value='"}'><button id="go" type="submit">go</button></form>`,
    ),
    '/fetch': html(`<script>
      (async () => {
        const out = [];
        const tries = [
          ['/pool/resize', { mode: 'no-cors', body: '{"size":1}' }],
          ['/pool/resize', { mode: 'no-cors', body: '{"size":1}', headers: { 'Content-Type': 'text/plain' } }],
          ['/pool/rolling-restart', { mode: 'no-cors', body: '{}' }],
          ['/pool/reset-circuit-breakers', { mode: 'no-cors', body: '{}' }],
          ['/pool/resize', { mode: 'cors', body: '{"size":1}', headers: { 'Content-Type': 'application/json' } }],
        ];
        for (const [path, init] of tries) {
          try {
            const r = await fetch(${JSON.stringify(target)} + path, { method: 'POST', credentials: 'include', ...init });
            out.push(path + ' ' + init.mode + ' ' + r.type + ' ' + r.status);
          } catch (e) {
            out.push(path + ' ' + init.mode + ' refused: ' + e.name);
          }
        }
        document.title = 'done';
        document.body.dataset.results = JSON.stringify(out);
      })();
    </script>`),
  };
}

export async function startOtherOrigin(target: string): Promise<OtherOrigin> {
  const served = pages(target);
  const server = http.createServer((req, res) => {
    const page = served[(req.url ?? '/').split('?')[0]!];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.2', r));
  const url = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
