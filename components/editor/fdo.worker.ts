/**
 * The editor's web worker: compiles each version of the text with lib/fdo and posts the
 * bytes, source map or error back. A same-origin script bundled by Next (fits
 * `worker-src 'self'`); no eval.
 */
import { analyze } from '@/lib/editor/analyze';

interface Request {
  id: number;
  source: string;
}

self.onmessage = (event: MessageEvent<Request>) => {
  const { id, source } = event.data;
  if (typeof id !== 'number' || typeof source !== 'string') return;
  const result = analyze(id, source);
  (self as unknown as Worker).postMessage(result, [result.bytes.buffer, result.atoms.buffer, result.spans.buffer]);
};
