/** The jobs p3-format-pool.ts hands its worker threads (p3-format-worker.ts). */
import type { CaptureLimits } from '@/lib/p3';
import { readFrameTable, type FrameTable } from '@/lib/p3';
import { scriptJson, type ScriptJob, type ScriptJson } from './p3-frame-json';
import { slabHexDecoder } from './slab-hex';

/** A piece of a capture starting right after a line break: read it into a frame table. */
export interface LinesJob {
  text: string;
  /** the whole capture's limits (the hex decoder is the worker's own) */
  limits: Omit<CaptureLimits, 'hexDecoder'>;
  maxFailures: number;
  /** lines before the piece and its character offset in the capture */
  from: { lines: number; offset: number };
}

export type WorkerJob = { kind: 'script'; script: ScriptJob } | { kind: 'lines'; lines: LinesJob };

/** The job on this thread: what a worker answers, and the inline fallback. */
export function runJob(job: WorkerJob): ScriptJson | FrameTable {
  if (job.kind === 'script') return scriptJson(job.script);
  const l = job.lines;
  return readFrameTable(l.text, { ...l.limits, hexDecoder: slabHexDecoder() }, l.maxFailures, l.from);
}
