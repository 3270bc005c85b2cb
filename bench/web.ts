/**
 * npm run bench:web — POST /compile through the web app (the production server that
 * `npm start` runs) at pool sizes 1 and 5, with 1, 4 and 16 clients, and the memory of
 * the whole service (web server + daemons).
 *
 * Baselines in the same run: one daemon (dist/daemon.js) loaded directly, without the web
 * app. Also shown, labelled as such: the original service's published figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../test/support/corpus';
import { freePortRun } from '../test/support/ports';
import { formatCount, formatMs, runLoad, type LoadResult } from './support/load';
import { mb, sumOf, treeMemory, type ProcessMemory } from './support/proc-memory';
import { machineLine, table, writeSection } from './support/report';
import { startFlags, waitHealthy } from './support/start-command';

const ROOT = path.resolve(__dirname, '..');
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3_000);
/** each cell is the median (by req/s) of this many rounds: the machine is shared, single rounds are noisy */
const ROUNDS = 3;
/** enough to warm every daemon of a pool of 5, not just the first */
const WARMUP = 2_500;
const CLIENTS = [1, 4, 16] as const;
const POOL_SIZES = [1, 5] as const;

/** The original AtomForge service (Python web app + Wine daemons), as published. */
const ORIGINAL = { rpsLow: 378, rpsHigh: 577, p99At16: 394, rssPool5Mb: 304 };
/** issue 12: the whole tree below npm at pool 5, after the load */
const TARGET = { speedup: 5, p99At16Ms: 25, rssPool5Mb: 300, pssPool5Mb: 150 };

const forms = loadCorpus('samples').map((p) => Buffer.from(p.text, 'latin1'));

// ---------------------------------------------------------------------------------------
// processes

const children = new Set<ChildProcess>();

function startGroup(argv: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 8000);
  await gone;
  clearTimeout(timer);
}

function cleanupNow(): void {
  for (const c of children) {
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}
process.on('exit', cleanupNow);
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => process.exit(130));

// ---------------------------------------------------------------------------------------
// memory: every process of the tree `npm start` runs below npm, from /proc (support/proc-memory.ts)

/** start.cjs becomes the web server (it loads dist/web-server.js itself); the daemons are its children */
function serviceMemory(serverPid: number): ProcessMemory[] {
  const rows = treeMemory(serverPid);
  if (rows[0]?.role !== 'web server') throw new Error(`process ${serverPid} is not the web server: ${rows[0]?.role ?? 'gone'}`);
  return rows;
}

// ---------------------------------------------------------------------------------------

async function load(url: string, path: string, clients: number): Promise<LoadResult> {
  const rounds: LoadResult[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await loadOnce(url, path, clients, i === 0 ? WARMUP : 0));
  const median = [...rounds].sort((a, b) => a.rps - b.rps)[rounds.length >> 1]!;
  return { ...median, errors: rounds.reduce((n, r) => n + r.errors, 0) };
}

async function loadOnce(url: string, path: string, clients: number, warmup: number): Promise<LoadResult> {
  return runLoad({
    url,
    concurrency: clients,
    durationMs: DURATION_MS,
    warmupRequests: warmup,
    request: (i) => ({ method: 'POST', path, body: forms[i % forms.length]!, headers: { 'Content-Type': 'text/plain' } }),
    ok: (status, body) => status === 200 && body.length > 0,
  });
}

interface Row {
  what: string;
  clients: number;
  r: LoadResult;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) throw new Error('no production build: run `npm run build` (npm run bench:web does)');
  const rows: Row[] = [];
  const memory: Record<number, ProcessMemory[]> = {};

  // baseline: one daemon, directly
  {
    const port = await freePortRun(1);
    const d = startGroup([path.join(ROOT, 'dist', 'daemon.js'), '--port', String(port), '--host', '127.0.0.1', '--quiet'], {});
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitHealthy(url, 1);
      for (const c of CLIENTS) {
        rows.push({ what: 'baseline: one daemon, direct', clients: c, r: await load(url, '/compile', c) });
        process.stderr.write(`direct daemon, ${c} clients: ${Math.round(rows.at(-1)!.r.rps)} req/s\n`);
      }
    } finally {
      await stopGroup(d);
    }
  }

  // the web app, as `npm start` runs it
  for (const size of POOL_SIZES) {
    const base = await freePortRun(size + 1);
    const port = base + size;
    const poolRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-bench-web-'));
    // the command line of `npm start` (package.json), without npm itself in between
    const launcher = startGroup([...startFlags(), path.join(ROOT, 'scripts', 'start.cjs')], {
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      FDO_DAEMON_POOL_ENABLED: 'true',
      FDO_DAEMON_POOL_SIZE: String(size),
      FDO_DAEMON_POOL_BASE_PORT: String(base),
      FDO_DAEMON_POOL_ROOT: poolRoot,
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitHealthy(url, size);
      for (const c of CLIENTS) {
        rows.push({ what: `web app, pool of ${size}`, clients: c, r: await load(url, '/compile', c) });
        process.stderr.write(`web app pool ${size}, ${c} clients: ${Math.round(rows.at(-1)!.r.rps)} req/s, p99 ${formatMs(rows.at(-1)!.r.p99Ms)} ms\n`);
      }
      memory[size] = serviceMemory(launcher.pid!);
    } finally {
      await stopGroup(launcher);
      fs.rmSync(poolRoot, { recursive: true, force: true });
    }
  }

  // ------------------------------------------------------------------------------------
  const loadRows = rows.map(({ what, clients, r }) => [what, clients, formatCount(r.rps), formatMs(r.p50Ms), formatMs(r.p99Ms), r.errors]);
  const pool5 = rows.filter((r) => r.what === 'web app, pool of 5');
  const at16 = pool5.find((r) => r.clients === 16)!.r;
  const best5 = pool5.reduce((a, b) => (b.r.rps > a.r.rps ? b : a));
  const rss5 = sumOf(memory[5]!, 'rssKb') / 1024;
  const pss5 = sumOf(memory[5]!, 'pssKb') / 1024;
  const server5 = memory[5]!.find((p) => p.role === 'web server')!;
  const daemons5 = memory[5]!.filter((p) => p !== server5);
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  const [l1, l5, l15] = os.loadavg();

  const md = [
    '## Web app: POST /compile through the production server',
    '',
    `Command: \`npm run bench:web\` (builds, then \`tsx bench/web.ts\`). ${machineLine()}.`,
    `Load average when the run ended: ${l1!.toFixed(2)} / ${l5!.toFixed(2)} / ${l15!.toFixed(2)} (the machine is shared; numbers move with it).`,
    '',
    `Each row: the median (by req/s) of ${ROUNDS} rounds of ${DURATION_MS / 1000} s of keep-alive clients (one request outstanding each), after ${WARMUP} warm-up requests; errors sum all rounds;`,
    `cycling the ${forms.length} sample forms of the corpus as \`text/plain\`. The web app runs as \`npm start\` runs it`,
    '(`scripts/start.cjs` loading `dist/web-server.js`, built from `server/web/production-server.ts`: one process, Next in-process, /compile and /decompile on its fast path), in pool mode.',
    '',
    table(['what', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'errors'], loadRows),
    '',
    'Memory (MB) of every process below npm after the load above, from /proc: RSS (split into anonymous and file-backed pages) and PSS.',
    'RSS counts the pages processes share (the node binary, ~40 MB file-backed) once per process; PSS divides them among the processes that map them',
    '(so it also moves with how many other node processes run on the machine):',
    '',
    table(
      ['pool size', 'process', 'RSS', 'anon', 'file', 'PSS', 'threads'],
      POOL_SIZES.flatMap((s) => [
        ...memory[s]!.map((p) => [s, p.role, mb(p.rssKb), mb(p.anonKb), mb(p.fileKb), mb(p.pssKb), p.threads]),
        [
          s,
          '**whole tree**',
          mb(sumOf(memory[s]!, 'rssKb')),
          mb(sumOf(memory[s]!, 'anonKb')),
          mb(sumOf(memory[s]!, 'fileKb')),
          mb(sumOf(memory[s]!, 'pssKb')),
          sumOf(memory[s]!, 'threads'),
        ],
      ]),
    ),
    '',
    `Original service (published figures, not measured here): ${ORIGINAL.rpsLow}-${ORIGINAL.rpsHigh} req/s, p99 up to ${ORIGINAL.p99At16} ms at pool 5 / 16 clients, ${ORIGINAL.rssPool5Mb} MB RSS at pool 5.`,
    '',
    table(
      ['target', 'measured', 'verdict'],
      [
        [
          `≥ ${TARGET.speedup}× the original's req/s (≥ ${formatCount(TARGET.speedup * ORIGINAL.rpsHigh)}, 5× its best ${ORIGINAL.rpsHigh})`,
          `pool 5, 16 clients (the published setup): ${formatCount(at16.rps)} req/s = ${(at16.rps / ORIGINAL.rpsHigh).toFixed(1)}× its best; best cell: ${formatCount(best5.r.rps)} req/s at ${best5.clients} clients = ${(best5.r.rps / ORIGINAL.rpsHigh).toFixed(1)}×`,
          `${verdict(at16.rps >= TARGET.speedup * ORIGINAL.rpsHigh)} at 16 clients, ${verdict(best5.r.rps >= TARGET.speedup * ORIGINAL.rpsHigh)} at ${best5.clients}`,
        ],
        [`p99 ≤ ${TARGET.p99At16Ms} ms at 16 clients (pool 5)`, `${formatMs(at16.p99Ms)} ms`, verdict(at16.p99Ms <= TARGET.p99At16Ms)],
        [
          `whole tree ≤ ${TARGET.rssPool5Mb} MB RSS and ≤ ${TARGET.pssPool5Mb} MB PSS at pool 5, after the load`,
          `RSS ${rss5.toFixed(0)} MB (web server ${mb(server5.rssKb)}, five daemons ${mb(sumOf(daemons5, 'rssKb'))}); PSS ${pss5.toFixed(0)} MB`,
          `RSS ${verdict(rss5 <= TARGET.rssPool5Mb)}, PSS ${verdict(pss5 <= TARGET.pssPool5Mb)}`,
        ],
      ],
    ),
  ].join('\n');
  writeSection('web', md);
  console.log(md);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const c of [...children]) await stopGroup(c);
  });
