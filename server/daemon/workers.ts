/**
 * A small pool of worker threads for large codec requests. The codec is synchronous: a
 * runaway or very large job is bounded by terminating its worker at the request's deadline
 * (a fresh worker replaces it on the next job). Jobs wait in a FIFO queue, their deadline
 * counting from the moment they were queued.
 */
import { Worker } from 'node:worker_threads';
import type { Answer, CodecOp } from './answers';
import type { WorkerJob, WorkerResult } from './worker-messages';

export type OffloadResult = { kind: 'answer'; answer: Answer } | { kind: 'timeout' } | { kind: 'crashed' } | { kind: 'cancelled' };

export interface OffloadStatus {
  threads: number;
  busy: number;
  queued: number;
}

/** What the HTTP layer needs from an off-thread codec runner. */
export interface Offload {
  run(op: CodecOp, body: Buffer, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<OffloadResult>;
  status(): OffloadStatus;
  close(): Promise<void>;
}

interface Job {
  id: number;
  op: CodecOp;
  body: Buffer | null;
  settle: (r: OffloadResult) => void;
}

interface Slot {
  worker: Worker | null;
  job: Job | null;
}

export class CodecWorkers implements Offload {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly script: string,
    threads: number,
    private readonly log: (msg: string) => void = () => {},
    private readonly heapLimitMb = 1536,
    /** handed to every worker as its workerData (the codec's output limits) */
    private readonly workerData: unknown = null,
  ) {
    this.slots = Array.from({ length: Math.max(1, threads) }, () => ({ worker: null, job: null }));
  }

  status(): OffloadStatus {
    return { threads: this.slots.length, busy: this.slots.filter((s) => s.job).length, queued: this.queue.length };
  }

  run(op: CodecOp, body: Buffer, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<OffloadResult> {
    if (this.closed) return Promise.resolve({ kind: 'cancelled' });
    return new Promise((resolve) => {
      let done = false;
      const job: Job = {
        id: this.nextId++,
        op,
        body,
        settle: (r) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
          job.body = null;
          resolve(r);
        },
      };
      const stop = (r: OffloadResult) => {
        const queued = this.queue.indexOf(job);
        if (queued >= 0) this.queue.splice(queued, 1);
        const slot = this.slots.find((s) => s.job === job);
        if (slot) this.retire(slot);
        job.settle(r);
        this.dispatch();
      };
      const onAbort = () => stop({ kind: 'cancelled' });
      const timer = setTimeout(() => stop({ kind: 'timeout' }), opts.timeoutMs);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      if (opts.signal?.aborted) return stop({ kind: 'cancelled' });
      this.queue.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.settle({ kind: 'cancelled' });
    await Promise.all(
      this.slots.map((slot) => {
        slot.job?.settle({ kind: 'cancelled' });
        slot.job = null;
        const w = slot.worker;
        slot.worker = null;
        return w ? w.terminate().catch(() => 0) : 0;
      }),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.closed || this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift()!;
      const worker = slot.worker ?? this.spawn(slot);
      slot.job = job;
      const body = owned(job.body!);
      job.body = null;
      const msg: WorkerJob = { id: job.id, op: job.op, body };
      worker.postMessage(msg, [body.buffer as ArrayBuffer]);
    }
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(this.script, { workerData: this.workerData, resourceLimits: { maxOldGenerationSizeMb: this.heapLimitMb } });
    worker.unref();
    slot.worker = worker;
    worker.on('message', (m: WorkerResult) => {
      if (slot.worker !== worker || !slot.job || slot.job.id !== m.id) return;
      const job = slot.job;
      slot.job = null;
      job.settle({ kind: 'answer', answer: { status: m.status, contentType: m.contentType, body: m.body } });
      this.dispatch();
    });
    const lost = (why: string) => {
      if (slot.worker !== worker) return;
      this.log(`codec worker ${why}`);
      const job = slot.job;
      slot.worker = null;
      slot.job = null;
      job?.settle({ kind: 'crashed' });
      this.dispatch();
    };
    worker.on('error', (err) => lost(`failed: ${err.message}`));
    worker.on('exit', (code) => lost(`exited with code ${code}`));
    return worker;
  }

  /** Ends the slot's worker (its job is being abandoned); the next job gets a fresh one. */
  private retire(slot: Slot): void {
    const w = slot.worker;
    slot.worker = null;
    slot.job = null;
    void w?.terminate().catch(() => 0);
  }
}

/** A copy to transfer: a request Buffer may share its memory with Node's buffer pool or a socket read. */
function owned(b: Buffer): Uint8Array {
  return new Uint8Array(b);
}
