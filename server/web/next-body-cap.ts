/**
 * A cap on the bodies Next reads. Next reads a request's body to its end before it sends
 * the route's answer, even when the route refused the body after its own limit (measured:
 * a 400 MB chunked body to /compile-chunk was read whole before its 400 went out), so a
 * body that never ends would be read for ever. The production server therefore watches
 * the bytes a request to Next has read from its socket and, past the largest body any
 * route takes, answers 413 itself and ends the connection. Polled from the socket's byte
 * count, so Next's own reading of the request is left exactly as it is.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tooLarge } from './body';
import { answerFromError } from './http';
import { endConnection } from './node-adapter';
import { securityHeaders } from './security-headers';

/** how often the byte count is looked at: on loopback a client sends ~60 MB in this time */
const POLL_MS = 50;

export function capNextBody(req: IncomingMessage, res: ServerResponse, limit: number): void {
  if (req.complete) return;
  const socket = req.socket;
  const start = socket.bytesRead;
  const timer = setInterval(() => {
    if (req.complete || socket.destroyed) return stop();
    if (socket.bytesRead - start <= limit) return;
    stop();
    if (res.headersSent) return endConnection(req);
    const a = answerFromError(tooLarge(limit));
    const body = Buffer.from(a.body as string, 'utf8');
    const headers = { ...securityHeaders('api'), ...a.headers, 'Content-Length': String(body.byteLength) };
    const head = `HTTP/1.1 ${a.status} Payload Too Large\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`;
    // Next's own answer, when it comes, finds the connection ended and is dropped
    socket.write(head);
    socket.write(body);
    endConnection(req);
  }, POLL_MS);
  const stop = () => {
    clearInterval(timer);
    req.off('end', stop);
    res.off('close', stop);
  };
  req.once('end', stop);
  res.once('close', stop);
}
