/**
 * tsx bench/daemon-flags.ts — one daemon (dist/daemon.js) per set of node flags, loaded
 * directly with POST /compile and /decompile at 1, 4 and 16 clients, in interleaved rounds
 * (the machine is shared): req/s, CPU time per request, and the daemon's RSS split
 * (anon / file) after the load. To choose server/daemon/node-flags.json by measurement.
 *
 *   BENCH_VARIANTS='base=;small=--max-semi-space-size=1' tsx bench/daemon-flags.ts
 *   BENCH_VARIANTS='now=--single-threaded-gc;arenas=--single-threaded-gc MALLOC_ARENA_MAX=2' ...   # NAME=value: environment
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadCorpus } from '../test/support/corpus';
import { freePortRun } from '../test/support/ports';
import { runLoad } from './support/load';
import { processMemory } from './support/proc-memory';
import { table } from './support/report';
import CURRENT from '../server/daemon/node-flags.json';
import { environmentForChildren } from '../lib/config/runtime-env';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LOAD_MS = Number(process.env.BENCH_DURATION_MS ?? 2_000);
const VARIANTS: [string, string[]][] = (process.env.BENCH_VARIANTS ?? `current=${CURRENT.join(' ')};none=`).split(';').map((v) => [
  v.slice(0, v.indexOf('=')),
  v
    .slice(v.indexOf('=') + 1)
    .split(' ')
    .filter(Boolean),
]);

const samples = loadCorpus('samples');
const texts = samples.map((p) => Buffer.from(p.text, 'latin1'));
const binaries = samples.map((p) => p.binary);

interface Sample {
  rps: number;
  cpuUsPerReq: number;
  anonKb: number;
  fileKb: number;
  rssKb: number;
}

function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

async function once(words: string[]): Promise<Sample> {
  const port = await freePortRun(1);
  const flags = words.filter((w) => w.startsWith('--'));
  const env = Object.fromEntries(
    words.filter((w) => !w.startsWith('--') && w.includes('=')).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
  );
  // the environment the pool gives its daemons (lib/config/runtime-env.ts), plus the variant's
  const d = spawn(process.execPath, [...flags, path.join(ROOT, 'dist', 'daemon.js'), '--port', String(port), '--quiet'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...environmentForChildren(), ...env },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      d.stdout.on('data', (c: Buffer) => c.toString().includes('listening') && resolve());
      d.once('exit', () => reject(new Error('daemon exited')));
    });
    const url = `http://127.0.0.1:${port}`;
    let requests = 0;
    let ms = 0;
    const t0 = cpuTicks(d.pid!);
    for (const clients of [1, 4, 16]) {
      for (const [route, bodies] of [
        ['/compile', texts],
        ['/decompile', binaries],
      ] as const) {
        const r = await runLoad({
          url,
          concurrency: clients,
          durationMs: LOAD_MS,
          warmupRequests: 200,
          request: (i) => ({ method: 'POST', path: route, body: bodies[i % bodies.length]! }),
        });
        if (r.errors) throw new Error(`${r.errors} errors: ${r.errorSamples.join('; ')}`);
        requests += r.requests;
        ms += r.durationMs;
      }
    }
    const cpuMs = (cpuTicks(d.pid!) - t0) * 10;
    const m = processMemory(d.pid!)!;
    return { rps: (requests / ms) * 1000, cpuUsPerReq: (cpuMs * 1000) / requests, anonKb: m.anonKb, fileKb: m.fileKb, rssKb: m.rssKb };
  } finally {
    d.kill('SIGKILL');
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function main(): Promise<void> {
  const got = new Map<string, Sample[]>(VARIANTS.map(([n]) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, flags] of VARIANTS) {
      const s = await once(flags);
      got.get(name)!.push(s);
      process.stderr.write(
        `round ${round + 1} ${name}: ${Math.round(s.rps)} req/s, ${s.cpuUsPerReq.toFixed(0)} µs CPU/req, anon ${(s.anonKb / 1024).toFixed(1)} MB\n`,
      );
    }
  }
  const rows = VARIANTS.map(([name, flags]) => {
    const s = got.get(name)!;
    const med = (k: keyof Sample) => median(s.map((x) => x[k]));
    return [
      name,
      `\`${flags.join(' ') || '(none)'}\``,
      Math.round(med('rps')),
      med('cpuUsPerReq').toFixed(0),
      (med('rssKb') / 1024).toFixed(1),
      (med('anonKb') / 1024).toFixed(1),
      (med('fileKb') / 1024).toFixed(1),
    ];
  });
  console.log(`Medians of ${ROUNDS} interleaved rounds, ${LOAD_MS} ms per route and client count:\n`);
  console.log(table(['variant', 'flags', 'req/s (all cells)', 'CPU µs/req', 'RSS MB', 'anon', 'file'], rows));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
