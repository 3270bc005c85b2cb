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
 * Prints a markdown table; it does not write docs/BENCHMARKS.md (the lead records it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../lib/config';
import type { FdoService } from '../lib/service/contract';
import { compile } from '../lib/fdo';
import { buildFrame, chunkScripts, frameRecord, captureTimestamp } from '../lib/p3';
import { startService } from '../server/pool';
import { useWebService } from '../server/web/web-service';
import { handleCompileChunk, handleDecompileJsonl, p3RequestOf } from '../server/web/p3-routes';
import { CAPTURE_BODY_LIMIT } from '../server/web/p3-routes';
import { freePortRun } from '../test/support/ports';
import { seededRandom, randomInt } from '../test/support/random';
import { machineLine, table } from './support/report';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const rand = seededRandom(9);

function hexBytes(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`${randomInt(rand, 256).toString(16).padStart(2, '0')}x`);
  return out.join(',');
}

/** The large DOD reply of the issue: 252 dod_data atoms, 251 of 150 bytes and one of 41. */
function largeDodReply(gid: number): string {
  const lines = [
    'uni_start_stream',
    '  uni_start_stream',
    '    dod_start',
    `    uni_transaction_id <${16_866_000 + gid}>`,
    '    dod_no_hints',
    '    dod_form_id <255-0-61476>',
    `    dod_gid <1-1-${gid}>`,
    '    dod_type <2>',
  ];
  for (let i = 0; i < 252; i++) lines.push(`    dod_data <${hexBytes(i < 251 ? 150 : 41)}>`);
  lines.push('    dod_end_data', '    dod_end', '  uni_end_stream', 'man_update_woff_end_stream <00x>', '');
  return lines.join('\n');
}

/** A reply as in the capture: one piece of art (1,000-2,500 bytes) in a single dod_data atom. */
function captureReply(gid: number): Uint8Array {
  const art = 1000 + randomInt(rand, 1500);
  return compile(
    [
      'uni_start_stream',
      '  uni_start_stream',
      '    dod_start',
      `    uni_transaction_id <${gid}>`,
      '    dod_no_hints',
      '    dod_form_id <255-0-61476>',
      `    dod_gid <1-1-${gid & 0xffff}>`,
      '    dod_type <2>',
      `    dod_data <${hexBytes(art)}>`,
      '    dod_end_data',
      '    dod_end',
      '  uni_end_stream',
      'man_update_woff_end_stream <00x>',
      '',
    ].join('\n'),
  );
}

function buildCapture(frames: number): { text: string; frames: number; streams: number } {
  const lines: string[] = [];
  let tx = 0x10;
  let clientTx = 0x10;
  let streams = 0;
  let t = 1_756_547_431.24;
  while (lines.length < frames) {
    const id = 0x100 + streams++;
    const r = chunkScripts([captureReply(id)], { streamId: id, tx, rx: clientTx });
    tx = r.nextTx;
    for (const f of r.frames) {
      if (lines.length >= frames) break;
      lines.push(JSON.stringify(frameRecord(f, captureTimestamp((t += 0.001)))));
    }
    if (lines.length < frames) {
      const ack = buildFrame({ tx: clientTx, rx: tx, type: 0xa4, payload: new Uint8Array(0) });
      lines.push(
        JSON.stringify({
          dir: 'C->S',
          ts: captureTimestamp((t += 0.001)),
          token: '9B',
          type: '0xA4',
          tx: '0x10',
          rx: '0x10',
          len: 3,
          fullHex: Buffer.from(ack).toString('hex'),
        }),
      );
      clientTx = clientTx === 0x7f ? 0x10 : clientTx + 1;
    }
  }
  return { text: lines.join('\n') + '\n', frames: lines.length, streams };
}

async function withPool<T>(size: number, run: (service: FdoService) => Promise<T>): Promise<T> {
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
  try {
    return await run(service);
  } finally {
    await service.stop();
    fs.rmSync(poolRoot, { recursive: true, force: true });
  }
}

function request(pathname: string, body: string, type: string, limit?: number) {
  return p3RequestOf(new Request(`http://127.0.0.1${pathname}`, { method: 'POST', body, headers: { 'Content-Type': type } }), limit);
}

async function timeIt(fn: () => Promise<{ status: number; body: unknown }>, rounds: number): Promise<{ median: number; best: number }> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const a = await fn();
    times.push(performance.now() - t0);
    if (a.status !== 200) throw new Error(`bench request failed with ${a.status}: ${String(a.body).slice(0, 300)}`);
  }
  times.sort((x, y) => x - y);
  return { median: times[Math.floor(times.length / 2)]!, best: times[0]! };
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
    await handleCompileChunk(service, request('/compile-chunk', oneBody, 'application/json')); // warm
    return timeIt(() => handleCompileChunk(service, request('/compile-chunk', oneBody, 'application/json')), Math.max(ROUNDS, 10));
  });
  rows.push([
    'large DOD reply (252 × dod_data, 37,691 B art) via /compile-chunk, pool 5',
    `${single.median.toFixed(1)} ms median (best ${single.best.toFixed(1)})`,
    '≤ 25 ms',
    'original: ~12.6 s',
  ]);

  const batchTimes: Record<number, number> = {};
  for (const size of [1, 2, 5]) {
    const t = await withPool(size, async (service) => {
      await handleCompileChunk(service, request('/compile-chunk', batchBody, 'application/json'));
      return timeIt(() => handleCompileChunk(service, request('/compile-chunk', batchBody, 'application/json')), ROUNDS);
    });
    batchTimes[size] = t.median;
  }
  for (const size of [1, 2, 5]) {
    const speedup = batchTimes[1]! / batchTimes[size]!;
    rows.push([
      `batch of 100 such replies via /compile-chunk, pool ${size}`,
      `${batchTimes[size]!.toFixed(0)} ms median, ${speedup.toFixed(2)}× vs pool 1`,
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
    return timeIt(run, ROUNDS);
  });
  const fps = capture.frames / (decode.median / 1000);
  rows.push([
    `${capture.frames.toLocaleString('en-US')}-frame capture (${capture.streams} streams) via /decompile-jsonl, pool 5`,
    `${Math.round(fps).toLocaleString('en-US')} frames/s (${decode.median.toFixed(0)} ms median)`,
    '≥ 50,000 frames/s',
    '',
  ]);

  console.log(
    `## P3 (npm run bench:p3)\n\n${machineLine()}; load average at start ${load}; ${ROUNDS} rounds per cell (median).\n\n${table(['what', 'result', 'target', 'baseline'], rows)}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
