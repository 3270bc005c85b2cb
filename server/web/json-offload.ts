/**
 * Large JSON bodies are converted off the main thread: UTF-8 decoding, JSON.parse, the
 * Latin-1 check and base64 decoding of a 16 MB body take ~100 ms together, which would
 * stall every other request. One worker thread runs encoding.ts's jsonBodyToInput (its
 * own source, evaluated in the worker); bodies up to OFFLOAD_BYTES run it inline.
 * If the worker cannot run (it failed to start or died), the body is converted inline:
 * slower for others, never wrong.
 */
import { Worker } from 'node:worker_threads';
import { jsonBodyToInput, type JsonInput, type JsonRoute } from './encoding';
import { locateJsonSyntaxError } from './json-syntax';

/** Below this, converting inline is cheaper than the hop to the worker (~1 MB takes ~5 ms). */
export const OFFLOAD_BYTES = 512 * 1024;

interface Job {
  resolve(r: JsonInput): void;
  route: JsonRoute;
  bytes: Uint8Array;
}

const KEY = Symbol.for('atomforge.web.json-worker');
interface Holder {
  worker: Worker | null;
  jobs: Map<number, Job>;
  nextId: number;
  /** bodies the worker has converted (tests check the large ones go there) */
  offloaded: number;
}
const g = globalThis as typeof globalThis & { [KEY]?: Holder };

function workerSource(): string {
  return `
const { parentPort } = require('node:worker_threads');
const locateJsonSyntaxError = ${locateJsonSyntaxError.toString()};
const jsonBodyToInput = ${jsonBodyToInput.toString()};
parentPort.on('message', ({ id, route, bytes }) => {
  let r;
  try { r = jsonBodyToInput(route, bytes, locateJsonSyntaxError); } catch { r = { ok: false, status: 500, message: 'internal error while reading the JSON body', body: null }; }
  parentPort.postMessage({ id, r }, r.ok ? [r.input.buffer] : []);
});`;
}

function holder(): Holder {
  g[KEY] ??= { worker: null, jobs: new Map(), nextId: 1, offloaded: 0 };
  return g[KEY];
}

function failAll(h: Holder): void {
  // every job still waiting is converted inline: the answer is late, never lost
  for (const job of h.jobs.values()) job.resolve(jsonBodyToInput(job.route, job.bytes, locateJsonSyntaxError));
  h.jobs.clear();
  h.worker = null;
}

function worker(h: Holder): Worker | null {
  if (h.worker) return h.worker;
  try {
    const w = new Worker(workerSource(), { eval: true, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    w.on('message', (m: { id: number; r: JsonInput }) => {
      const job = h.jobs.get(m.id);
      h.jobs.delete(m.id);
      h.offloaded++;
      if (h.jobs.size === 0) w.unref();
      job?.resolve(m.r);
    });
    w.on('error', () => failAll(h));
    w.on('exit', () => {
      if (h.worker === w) failAll(h);
    });
    // held only while it has work (attaching a listener refs it again, so this comes after them)
    w.unref();
    h.worker = w;
    return w;
  } catch {
    return null;
  }
}

/** The codec input of a JSON body, or why it is refused. */
export function convertJsonBody(route: JsonRoute, bytes: Uint8Array): Promise<JsonInput> {
  if (bytes.byteLength <= OFFLOAD_BYTES) return Promise.resolve(jsonBodyToInput(route, bytes, locateJsonSyntaxError));
  const h = holder();
  const w = worker(h);
  if (!w) return Promise.resolve(jsonBodyToInput(route, bytes, locateJsonSyntaxError));
  return new Promise((resolve) => {
    const id = h.nextId++;
    h.jobs.set(id, { resolve, route, bytes });
    w.ref();
    // a copy goes to the worker, so the original stays valid for the inline fallback
    w.postMessage({ id, route, bytes });
  });
}

/** How many bodies the worker has converted in this process. */
export function offloadedCount(): number {
  return holder().offloaded;
}
