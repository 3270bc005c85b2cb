/**
 * npm run bench:p3 — P3 framing through the web routes, against a real pool of built-in
 * daemons (dist/daemon.js) in this process, side by side in one run:
 *
 * 1. one large DOD reply (252 dod_data atoms of 150 bytes: 37,691 bytes of art, ~155 K
 *    characters of text) through POST /compile-chunk at pool 5 (target <= 25 ms; the
 *    original service took ~12.6 s);
 * 2. a batch of 100 such replies (`sources`) through /compile-chunk at pool 1, 2 and 5: the
 *    speed-up of compiling the sources on several daemons at once (target >= 1.6x at pool 2
 *    on 2 cores, never slower at pool 5);
 * 3. a 100,000-frame capture (distinct DOD replies with their art in large atoms, ACKs in
 *    between) through POST /decompile-jsonl at pool 5: frames per second (target >= 50,000).
 *
 * The batch cells run interleaved (round 1 at pool 1, 2, 5, then round 2, ...) on three
 * pools started side by side, so a load change on a shared machine hits all sizes alike.
 * Every answer is drained (its pieces counted) inside the timing. Beside wall time each
 * cell reports CPU time per request: the web tier's main thread (the serial part), the
 * other threads of this process (the format workers), and the daemons (both parallel).
 *
 * Prints a markdown table and writes it as the p3 section of docs/BENCHMARKS.md
 * (BENCH_WRITE=0 only prints).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../lib/config';
import type { FdoService } from '../lib/service/contract';
import { compile } from '../lib/fdo';
import { startService } from '../server/pool';
import { useWebService } from '../server/web/web-service';
import { handleCompileChunk, handleDecompileJsonl, p3RequestOf } from '../server/web/p3-routes';
import { CAPTURE_BODY_LIMIT } from '../server/web/p3-routes';
import { freePortRun } from '../test/support/ports';
import { buildCapture, largeDodReply } from './support/p3-inputs';
import { machineLine, table, writeSection } from './support/report';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface RunningPool {
  service: FdoService;
  stop(): Promise<void>;
}

async function startPool(size: number): Promise<RunningPool> {
  const poolRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-bench-p3-'));
  const base = await freePortRun(size);
  const service = await startService(
    loadConfig({
      FDO_DAEMON_POOL_ENABLED: 'true',
      FDO_DAEMON_POOL_SIZE: String(size),
      FDO_DAEMON_POOL_BASE_PORT: String(base),
      FDO_DAEMON_POOL_ROOT: poolRoot,
      ATOMFORGE_HOME: ROOT,
      LOG_LEVEL: 'silent',
    }),
  );
  useWebService(service);
  return {
    service,
    async stop() {
      await service.stop();
      fs.rmSync(poolRoot, { recursive: true, force: true });
    },
  };
}

async function withPool<T>(size: number, run: (service: FdoService) => Promise<T>): Promise<T> {
  const pool = await startPool(size);
  try {
    return await run(pool.service);
  } finally {
    await pool.stop();
  }
}

/** CPU milliseconds of a thread or process from /proc (utime + stime; 0 where /proc is missing) */
function procCpuMs(file: string): number {
  try {
    const f = fs.readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;
const mainThreadCpu = () => procCpuMs(`/proc/${process.pid}/task/${process.pid}/stat`);
const processCpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const daemonsCpu = (service: FdoService) => service.poolHealth().instances.reduce((n, d) => n + (d.pid ? procCpuMs(`/proc/${d.pid}/stat`) : 0), 0);

interface Sample {
  wall: number;
  main: number;
  workers: number;
  daemons: number;
  bytes: number;
}

/** One request, its answer drained, with its wall and CPU times. */
async function sample(service: FdoService, fn: () => Promise<{ status: number; body: unknown }>): Promise<Sample> {
  const m0 = mainThreadCpu();
  const p0 = processCpu();
  const d0 = daemonsCpu(service);
  const t0 = performance.now();
  const a = await fn();
  let bytes = 0;
  if (typeof a.body === 'string') bytes = a.body.length;
  else if (a.body instanceof Uint8Array) bytes = a.body.length;
  else for (const piece of a.body as Iterable<Uint8Array>) bytes += piece.length;
  const wall = performance.now() - t0;
  const main = mainThreadCpu() - m0;
  const s = { wall, main, workers: Math.max(0, processCpu() - p0 - main), daemons: daemonsCpu(service) - d0, bytes };
  if (a.status !== 200) throw new Error(`bench request failed with ${a.status}: ${String(a.body).slice(0, 300)}`);
  return s;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuText = (xs: Sample[]) =>
  `main thread ${median(xs.map((x) => x.main)).toFixed(0)} ms, workers ${median(xs.map((x) => x.workers)).toFixed(0)} ms, daemons ${median(xs.map((x) => x.daemons)).toFixed(0)} ms`;

function request(pathname: string, body: string, type: string, limit?: number) {
  return p3RequestOf(new Request(`http://127.0.0.1${pathname}`, { method: 'POST', body, headers: { 'Content-Type': type } }), limit);
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'daemon.js'))) throw new Error('dist/daemon.js is missing: npm run bench:p3 builds it');
  const load = os.loadavg()[0]!.toFixed(1);
  const one = largeDodReply(24046);
  const oneBody = JSON.stringify({ source: one, token: 'AT', stream_id: 0x63, validate_first: true });
  const batch = Array.from({ length: 100 }, (_, i) => largeDodReply(24000 + i));
  const batchBody = JSON.stringify({ sources: batch, token: 'AT', stream_id: 0x63 });
  const art = compile(one).length;
  console.error(`large reply: ${one.length} characters, ${art} bytes compiled; batch body ${(batchBody.length / 2 ** 20).toFixed(1)} MB`);

  const rows: (string | number)[][] = [];
  const single = await withPool(5, async (service) => {
    const run = () => handleCompileChunk(service, request('/compile-chunk', oneBody, 'application/json'));
    await run(); // warm
    const samples: Sample[] = [];
    for (let r = 0; r < Math.max(ROUNDS, 10); r++) samples.push(await sample(service, run));
    return samples;
  });
  rows.push([
    'large DOD reply (252 × dod_data, 37,691 B art) via /compile-chunk, pool 5',
    `${median(single.map((x) => x.wall)).toFixed(1)} ms median (best ${Math.min(...single.map((x) => x.wall)).toFixed(1)})`,
    '≤ 25 ms',
    'original: ~12.6 s',
  ]);

  const sizes = [1, 2, 5];
  const pools = new Map<number, RunningPool>();
  for (const size of sizes) pools.set(size, await startPool(size));
  const batchSamples = new Map<number, Sample[]>(sizes.map((n) => [n, []]));
  try {
    const batchRequest = (service: FdoService) => () => handleCompileChunk(service, request('/compile-chunk', batchBody, 'application/json'));
    for (const size of sizes) await sample(pools.get(size)!.service, batchRequest(pools.get(size)!.service)); // warm
    for (let r = 0; r < ROUNDS; r++) {
      for (const size of sizes) batchSamples.get(size)!.push(await sample(pools.get(size)!.service, batchRequest(pools.get(size)!.service)));
    }
  } finally {
    for (const p of pools.values()) await p.stop();
  }
  const batchWall = (size: number) => median(batchSamples.get(size)!.map((x) => x.wall));
  for (const size of sizes) {
    const speedup = batchWall(1) / batchWall(size);
    rows.push([
      `batch of 100 such replies via /compile-chunk, pool ${size} (${(batchSamples.get(size)![0]!.bytes / 2 ** 20).toFixed(1)} MB answer)`,
      `${batchWall(size).toFixed(0)} ms median, ${speedup.toFixed(2)}× vs pool 1; CPU per request: ${cpuText(batchSamples.get(size)!)}`,
      size === 2 ? '≥ 1.6×' : size === 5 ? 'not slower than pool 2' : 'baseline',
      '',
    ]);
  }

  const capture = buildCapture(100_000);
  console.error(`capture: ${capture.frames} frames, ${capture.streams} streams, ${(capture.text.length / 2 ** 20).toFixed(1)} MB`);
  const decode = await withPool(5, async (service) => {
    const run = () => handleDecompileJsonl(service, request('/decompile-jsonl', capture.text, 'application/x-ndjson', CAPTURE_BODY_LIMIT));
    // the warm-up run is checked; the timed runs are not (parsing a 50 MB answer is the client's cost)
    const first = await run();
    const body = JSON.parse(String(first.body));
    if (
      body.frames !== capture.frames ||
      body.stream_count !== capture.streams ||
      body.failure_count !== 0 ||
      body.streams.some((x: { text: string | null }) => x.text === null)
    ) {
      throw new Error(`decode mismatch: ${body.frames} frames, ${body.stream_count} streams, ${body.failure_count} failures`);
    }
    const samples: Sample[] = [];
    for (let r = 0; r < ROUNDS; r++) samples.push(await sample(service, run));
    return samples;
  });
  const fps = capture.frames / (median(decode.map((x) => x.wall)) / 1000);
  rows.push([
    `${capture.frames.toLocaleString('en-US')}-frame capture (${capture.streams} streams) via /decompile-jsonl, pool 5`,
    `${Math.round(fps).toLocaleString('en-US')} frames/s (${median(decode.map((x) => x.wall)).toFixed(0)} ms median); CPU per request: ${cpuText(decode)}`,
    '≥ 50,000 frames/s',
    '',
  ]);

  const section = `## P3 (npm run bench:p3)\n\nCommand: \`npm run bench:p3\` — ${machineLine()}; load average at start ${load}; ${ROUNDS} rounds per cell (median; the batch cells interleaved). CPU per request: this process's main thread (the web tier's serial work), its other threads (the format workers) and the daemons.\n\n${table(['what', 'result', 'target', 'baseline'], rows)}\n`;
  console.log(section);
  if (process.env.BENCH_WRITE !== '0') writeSection('p3', section);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
