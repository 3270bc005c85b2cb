/**
 * npx tsx bench/p3-capture.ts — the decoding half of /decompile-jsonl on the 100,000-frame
 * capture of bench:p3, its line ranges read by the worker threads against read on the
 * event loop, interleaved in one run (BENCH_ROUNDS rounds, default 5). Reports wall time
 * and CPU per decode: the main thread (what the workers take off it) and the other threads.
 * Needs dist/p3-format-worker.js (npm run build:server). Only prints.
 */
import fs from 'node:fs';
import { decodeFrameTable, type DecodeOptions } from '../lib/p3';
import { captureFrameTable } from '../server/web/p3-decompile-jsonl';
import { workersAvailable } from '../server/web/p3-format-pool';
import { MAX_CAPTURE_STREAMS } from '../server/web/p3-limits';
import { buildCapture } from './support/p3-inputs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const mainThreadCpu = () => {
  const f = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
const processCpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!workersAvailable()) throw new Error('dist/p3-format-worker.js is missing: npm run build:server');
  const capture = buildCapture(100_000);
  const options: DecodeOptions = { maxStreams: MAX_CAPTURE_STREAMS };
  const cells = { inline: [] as number[][], workers: [] as number[][] };
  for (let r = -1; r < ROUNDS; r++) {
    for (const name of ['inline', 'workers'] as const) {
      const m0 = mainThreadCpu();
      const p0 = processCpu();
      const t0 = performance.now();
      const report = decodeFrameTable(await captureFrameTable(capture.text, options, name === 'workers'), options);
      const wall = performance.now() - t0;
      const main = mainThreadCpu() - m0;
      if (report.frames !== capture.frames) throw new Error(`${name}: ${report.frames} frames`);
      if (r >= 0) cells[name].push([wall, main, Math.max(0, processCpu() - p0 - main)]);
    }
  }
  console.log(`${capture.frames} frames, ${capture.streams} streams, ${(capture.text.length / 2 ** 20).toFixed(1)} MB; median of ${ROUNDS} rounds`);
  for (const [name, xs] of Object.entries(cells)) {
    const [wall, main, other] = [0, 1, 2].map((k) => median(xs.map((x) => x[k]!)));
    console.log(`${name.padEnd(8)} wall ${wall!.toFixed(0)} ms, main thread ${main!.toFixed(0)} ms, other threads ${other!.toFixed(0)} ms`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
