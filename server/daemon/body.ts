/**
 * Reads a request body under three limits: its own size (413), the request's deadline (408)
 * and the memory all bodies in flight may use together (503), so a flood of large uploads
 * cannot exhaust the daemon. Content-Length is only a hint; chunked bodies are counted as
 * they arrive.
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult = { kind: 'ok'; body: Buffer } | { kind: 'too-large'; received: number } | { kind: 'timeout' } | { kind: 'busy' } | { kind: 'aborted' };

/** Bytes of request bodies held at once, across all requests. */
export class ByteBudget {
  used = 0;
  constructor(readonly limit: number) {}
  take(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }
  give(n: number): void {
    this.used = Math.max(0, this.used - n);
  }
}

export interface BodyLimits {
  maxBytes: number;
  /** ms from now after which the read gives up */
  timeoutMs: number;
  budget: ByteBudget;
}

/**
 * The body, or why there is none. The caller releases `body.length` bytes of the budget
 * when it is done with the body.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      if (result.kind !== 'ok') {
        limits.budget.give(received);
        chunks.length = 0;
        // Keep reading (and dropping) what the client still sends, until the answer closes the connection.
        req.resume();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      if (received + chunk.length > limits.maxBytes) return finish({ kind: 'too-large', received: received + chunk.length });
      if (!limits.budget.take(chunk.length)) return finish({ kind: 'busy' });
      received += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'ok', body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received) });
    const onClose = () => finish({ kind: 'aborted' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), limits.timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onClose);
  });
}
