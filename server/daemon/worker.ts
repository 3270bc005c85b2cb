/**
 * Worker-thread entry: runs large codec requests off the main thread, so the daemon keeps
 * answering /health and small requests while a 16 MB body is being compiled. Answers
 * travel back as transferred buffers (no copy).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answer } from './answers';
import { boundedCodec, type OutputLimits } from './bounded-codec';
import type { WorkerJob, WorkerResult } from './worker-messages';

// the main thread hands its output limits over at spawn (workers.ts), so both run the same codec
const codec = boundedCodec((workerData as OutputLimits | null) ?? undefined);

/**
 * A buffer that owns exactly its bytes, so transferring it moves nothing else. Buffers are
 * always copied: small ones share Node's pool, which must never be transferred.
 */
function owned(bytes: Uint8Array): Uint8Array {
  const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return exact && !Buffer.isBuffer(bytes) ? bytes : new Uint8Array(bytes);
}

parentPort!.on('message', (job: WorkerJob) => {
  const a = answer(codec, job.op, job.body, (err) => {
    process.stderr.write(`daemon worker: codec failed on a ${job.op} of ${job.body.byteLength} bytes: ${(err as Error)?.stack ?? String(err)}\n`);
  });
  const body = owned(a.body);
  const result: WorkerResult = { id: job.id, status: a.status, contentType: a.contentType, body };
  parentPort!.postMessage(result, [body.buffer as ArrayBuffer]);
});
