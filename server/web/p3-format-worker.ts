/**
 * dist/p3-format-worker.js: a worker thread of p3-format-pool.ts. Writes one script's
 * frames as JSON (p3-frame-json.ts), or reads a line range of a capture into a frame table
 * (lib/p3/frame-table.ts), and hands the bytes back without a copy.
 */
import { parentPort } from 'node:worker_threads';
import type { FrameTable } from '@/lib/p3';
import type { ScriptJson } from './p3-frame-json';
import { runJob, type WorkerJob } from './p3-worker-jobs';

parentPort?.on('message', ({ id, job }: { id: number; job: WorkerJob }) => {
  let r;
  try {
    r = runJob(job);
  } catch (err) {
    // not an error the caller could answer with: it does the job inline
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    return;
  }
  const transfer =
    job.kind === 'script'
      ? [(r as ScriptJson).chunks.buffer, (r as ScriptJson).chunkInfo.buffer, (r as ScriptJson).frames.buffer]
      : [(r as FrameTable).bytes.buffer, (r as FrameTable).meta.buffer];
  parentPort!.postMessage({ id, r }, transfer as ArrayBuffer[]);
});
