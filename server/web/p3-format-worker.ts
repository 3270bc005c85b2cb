/**
 * dist/p3-format-worker.js: a worker thread of p3-format-pool.ts. Writes one script's
 * frames as JSON (p3-frame-json.ts) and hands the bytes back without a copy.
 */
import { parentPort } from 'node:worker_threads';
import { scriptJson, type ScriptJob } from './p3-frame-json';

parentPort?.on('message', ({ id, job }: { id: number; job: ScriptJob }) => {
  let r;
  try {
    r = scriptJson(job);
  } catch (err) {
    // the caller counted the frames first, so this is not a P3 error it could answer; it writes the script inline
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    return;
  }
  parentPort!.postMessage({ id, r }, [r.chunks.buffer, r.chunkInfo.buffer, r.frames.buffer] as ArrayBuffer[]);
});
