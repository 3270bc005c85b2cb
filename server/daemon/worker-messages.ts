/** Messages between the daemon's main thread and its codec workers. */
import type { CodecOp } from './answers';

export interface WorkerJob {
  id: number;
  op: CodecOp;
  body: Uint8Array;
}

export interface WorkerResult {
  id: number;
  status: number;
  contentType: string;
  body: Uint8Array;
}
