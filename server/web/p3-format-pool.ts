/**
 * Worker threads for the P3 routes' bulk work, off the event loop: writing the frames of a
 * /compile-chunk batch as JSON, one script per job, so the parts of a batch are written at
 * once (as their compiles run at once on the daemons); and reading a /decompile-jsonl
 * capture's lines into frame tables, one line range per job. The workers run
 * dist/p3-format-worker.js (npm run build:server): the same code as the inline path. When
 * that file is missing, a worker fails to start or dies, or the job is small, the job is
 * done inline: slower, never different.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { currentConfig } from '@/lib/config';
import { candidateHomes } from '@/server/pool/home';
import type { FrameTable } from '@/lib/p3';
import { scriptJson, type ScriptJob, type ScriptJson } from './p3-frame-json';
import { FORMAT_OFFLOAD_BYTES, MAX_FORMAT_WORKERS } from './p3-limits';
import { runJob, type LinesJob, type WorkerJob } from './p3-worker-jobs';

export const FORMAT_WORKER_SCRIPT = path.join('dist', 'p3-format-worker.js');

/** more writers than cores only take turns with each other and the event loop (pool 5 on 2 cores) */
const WORKERS = Math.max(1, Math.min(MAX_FORMAT_WORKERS, os.availableParallelism()));

interface Pending {
  job: WorkerJob;
  resolve(r: unknown): void;
  reject(err: unknown): void;
}

interface Slot {
  worker: Worker;
  /** the job it is writing, or null when idle */
  busy: { id: number; pending: Pending } | null;
}

interface Holder {
  /** the worker script; null: not looked up yet; false: there is none */
  script: string | false | null;
  slots: Slot[];
  queue: Pending[];
  nextId: number;
  /** scripts the workers have written (tests check batches go there) */
  offloaded: number;
}

const KEY = Symbol.for('atomforge.web.p3-format-pool');
const g = globalThis as typeof globalThis & { [KEY]?: Holder };

function holder(): Holder {
  g[KEY] ??= { script: null, slots: [], queue: [], nextId: 1, offloaded: 0 };
  return g[KEY];
}

function workerScript(h: Holder): string | false {
  if (h.script === null) {
    let home: string | null;
    try {
      home = currentConfig().home;
    } catch {
      // a bad configuration is reported where the service starts; the worker is looked for beside the code
      home = null;
    }
    const found = candidateHomes(home)
      .map((dir) => path.join(dir, FORMAT_WORKER_SCRIPT))
      .find((file) => fs.existsSync(file));
    h.script = found ?? false;
  }
  return h.script;
}

function inline(p: Pending): void {
  try {
    p.resolve(runJob(p.job));
  } catch (err) {
    p.reject(err);
  }
}

function drop(h: Holder, slot: Slot): void {
  const i = h.slots.indexOf(slot);
  if (i >= 0) h.slots.splice(i, 1);
  const busy = slot.busy;
  slot.busy = null;
  if (busy) inline(busy.pending);
  // the queue moves on: to another worker, a new one, or inline when none can start
  pump(h);
}

function spawn(h: Holder, script: string): Slot | null {
  let worker: Worker;
  try {
    worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
  } catch {
    return null;
  }
  const slot: Slot = { worker, busy: null };
  worker.on('message', (m: { id: number; r?: unknown; error?: string }) => {
    const busy = slot.busy;
    if (!busy || busy.id !== m.id) return;
    slot.busy = null;
    if (m.r) {
      h.offloaded++;
      busy.pending.resolve(m.r);
    } else inline(busy.pending);
    pump(h);
  });
  worker.on('error', () => drop(h, slot));
  worker.on('exit', () => drop(h, slot));
  // held only while it has work (listeners ref it again, so this comes after them)
  worker.unref();
  h.slots.push(slot);
  return slot;
}

function pump(h: Holder): void {
  while (h.queue.length > 0) {
    const script = workerScript(h);
    let slot = h.slots.find((s) => !s.busy) ?? null;
    if (!slot && script && h.slots.length < WORKERS) slot = spawn(h, script);
    if (!slot) {
      // no worker can take it: all busy (it waits) or none can run (inline)
      if (h.slots.length > 0) return;
      inline(h.queue.shift()!);
      continue;
    }
    const pending = h.queue.shift()!;
    const id = h.nextId++;
    slot.busy = { id, pending };
    slot.worker.ref();
    // the worker gets a copy of exactly the script's bytes: cloning a view clones its whole
    // buffer (a daemon answer may be a view of a socket's slab); new Uint8Array, not
    // slice(), which is a view again for a Buffer. Copied, not transferred: a transfer
    // measured ~5x slower per message here, and the inline fallback keeps the original.
    const job = pending.job;
    slot.worker.postMessage({ id, job: job.kind === 'script' ? { kind: 'script', script: { ...job.script, fdo: new Uint8Array(job.script.fdo) } } : job });
  }
  for (const s of h.slots) if (!s.busy) s.worker.unref();
}

function offload<T>(job: WorkerJob): Promise<T> {
  const h = holder();
  return new Promise((resolve, reject) => {
    h.queue.push({ job, resolve: resolve as (r: unknown) => void, reject });
    pump(h);
  });
}

/** Whether jobs can go to worker threads (the worker script is there). */
export function workersAvailable(): boolean {
  return workerScript(holder()) !== false;
}

/** One script's frames as the answer's JSON text, written by a worker when one can. */
export function formatScript(job: ScriptJob): Promise<ScriptJson> {
  if (job.fdo.byteLength < FORMAT_OFFLOAD_BYTES || !workersAvailable()) return Promise.resolve(scriptJson(job));
  return offload({ kind: 'script', script: job });
}

/** Worker threads at most (pieces worth cutting a job into). */
export const WORKER_COUNT = WORKERS;

/** A line range of a capture read into a frame table, by a worker when one can. */
export function readLinesInWorker(lines: LinesJob): Promise<FrameTable> {
  if (!workersAvailable()) return Promise.resolve(runJob({ kind: 'lines', lines }) as FrameTable);
  return offload({ kind: 'lines', lines });
}

/** How many jobs the workers have done in this process. */
export function formattedByWorkers(): number {
  return holder().offloaded;
}
