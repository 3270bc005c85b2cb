/**
 * npm run bench:memory — what each process of the serving tree holds after load, as
 * `npm start` runs it (scripts/start.cjs with package.json's node flags, pool mode).
 *
 * For each process (web server, every daemon): RSS split into anon / file-backed / shmem,
 * PSS and threads, after a load of POST /compile and /decompile through the web app
 * (1, 4 and 16 clients), and again after the tree has been idle for a while.
 *
 *   npm run bench:memory                       # pool 5
 *   BENCH_POOL=1 npm run bench:memory
 *   BENCH_EXTRA_ENV='MALLOC_ARENA_MAX=2' npm run bench:memory   # an experiment's environment
 *   BENCH_HEAP=1 npm run bench:memory          # also each process's V8 heap (bench/support/heap-probe.cjs)
 *   BENCH_VARIANTS='now=--single-threaded-gc;small=--single-threaded-gc --optimize-for-size' npm run bench:memory
 *       # A/B of the web server's node flags (and NAME=value words: the tree's environment): interleaved rounds (BENCH_ROUNDS, default 3), medians of
 *       # req/s over all cells, the web server's CPU time per request, and memory after the load
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../test/support/corpus';
import { freePortRun } from '../test/support/ports';
import { formatCount, runLoad } from './support/load';
import { mb, processMemory, sumOf, treeMemory, type ProcessMemory } from './support/proc-memory';
import { machineLine, table, writeSection } from './support/report';
import { startFlags, waitHealthy } from './support/start-command';

const ROOT = path.resolve(__dirname, '..');
const POOL = Number(process.env.BENCH_POOL ?? 5);
const LOAD_MS = Number(process.env.BENCH_DURATION_MS ?? 3_000);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 10_000);
const HEAP = process.env.BENCH_HEAP === '1';
const EXTRA_ENV = Object.fromEntries(
  (process.env.BENCH_EXTRA_ENV ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
);
/** the node flags of `npm start` in package.json (BENCH_START_FLAGS: an experiment's instead) */
const START_FLAGS = process.env.BENCH_START_FLAGS?.split(' ').filter(Boolean) ?? startFlags();

const samples = loadCorpus('samples');
const texts = samples.map((p) => Buffer.from(p.text, 'latin1'));
const binaries = samples.map((p) => p.binary);

interface HeapView {
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  mallocedMemory: number;
  codeAndMetadata: number;
  spaces: Record<string, { physical: number; used: number }>;
}

/** asks every process of the tree for its V8 view (the preloaded heap probe answers SIGUSR2) */
async function heapViews(rows: ProcessMemory[], dir: string): Promise<string> {
  for (const r of rows) {
    try {
      process.kill(r.pid, 'SIGUSR2');
    } catch {
      /* gone */
    }
  }
  await new Promise((r) => setTimeout(r, 1000));
  const m = (b: number) => (b / 2 ** 20).toFixed(1);
  const lines = rows.map((r) => {
    const file = path.join(dir, `${r.pid}.json`);
    if (!fs.existsSync(file)) return [r.role, 'no answer', '', '', '', '', '', ''];
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as HeapView;
    const phys = (name: string) => m(h.spaces[name]?.physical ?? 0);
    return [
      r.role,
      `${m(h.heapUsed)} / ${m(h.heapTotal)}`,
      phys('new_space'),
      phys('old_space'),
      phys('code_space'),
      phys('large_object_space'),
      `${m(h.external)} (${m(h.arrayBuffers)})`,
      m(h.mallocedMemory),
    ];
  });
  return table(['process', 'heap used / total', 'new', 'old', 'code', 'large objects', 'external (array buffers)', 'V8 malloc'], lines);
}

function report(title: string, rows: ProcessMemory[]): string {
  const line = (r: ProcessMemory) => [r.role, r.pid, mb(r.rssKb), mb(r.anonKb), mb(r.fileKb), mb(r.shmemKb), mb(r.pssKb), r.threads];
  const total = ['**tree**', '', ...(['rssKb', 'anonKb', 'fileKb', 'shmemKb', 'pssKb'] as const).map((k) => mb(sumOf(rows, k))), sumOf(rows, 'threads')];
  return [`${title}:`, '', table(['process', 'pid', 'RSS MB', 'anon', 'file', 'shmem', 'PSS MB', 'threads'], [...rows.map(line), total])].join('\n');
}

interface TreeRun {
  idle: ProcessMemory[];
  after: ProcessMemory[];
  afterIdle: ProcessMemory[];
  heap: string | null;
  rps: number;
  /** the web server's CPU time (user + system) per request of the load */
  serverCpuUs: number;
}

function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** a variant's words: `--flag`s for the web server's node, `NAME=value` for the tree's environment */
function splitVariant(words: string[]): { flags: string[]; env: Record<string, string> } {
  const env: Record<string, string> = {};
  for (const w of words.filter((w) => !w.startsWith('--') && w.includes('='))) env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  return { flags: words.filter((w) => w.startsWith('--')), env };
}

async function runTree(words: string[], idleMs: number): Promise<TreeRun> {
  const { flags, env } = splitVariant(words);
  const base = await freePortRun(POOL + 1);
  const port = base + POOL;
  const poolRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-bench-memory-'));
  const heapDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-bench-heap-'));
  const probe = HEAP
    ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} -r ${path.join(__dirname, 'support', 'heap-probe.cjs')}`.trim(), BENCH_HEAP_DIR: heapDir }
    : {};
  const launcher: ChildProcess = spawn(process.execPath, [...flags, path.join(ROOT, 'scripts', 'start.cjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FDO_DAEMON_POOL_ENABLED: 'true',
      FDO_DAEMON_POOL_SIZE: String(POOL),
      FDO_DAEMON_POOL_BASE_PORT: String(base),
      FDO_DAEMON_POOL_ROOT: poolRoot,
      ...probe,
      ...EXTRA_ENV,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const kill = () => {
    try {
      process.kill(-launcher.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.on('exit', kill);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, POOL);
    const idle = treeMemory(launcher.pid!);
    let requests = 0;
    let ms = 0;
    let cpu = 0;
    for (const clients of [1, 4, 16]) {
      for (const [route, bodies, type] of [
        ['/compile', texts, 'text/plain'],
        ['/decompile', binaries, 'application/octet-stream'],
      ] as const) {
        const options = {
          url,
          concurrency: clients,
          request: (i: number) => ({ method: 'POST' as const, path: route, body: bodies[i % bodies.length]!, headers: { 'Content-Type': type } }),
          ok: (status: number, body: Buffer) => status === 200 && body.length > 0,
        };
        if (clients === 1) await runLoad({ ...options, requests: 500 });
        const cpu0 = cpuMsOf(launcher.pid!);
        const r = await runLoad({ ...options, durationMs: LOAD_MS });
        cpu += cpuMsOf(launcher.pid!) - cpu0;
        requests += r.requests;
        ms += r.durationMs;
        if (r.errors) throw new Error(`${route}, ${clients} clients: ${r.errors} errors (${r.errorSamples.join('; ')})`);
        process.stderr.write(`${route} ${clients} clients: ${formatCount(r.rps)} req/s\n`);
      }
    }
    const after = treeMemory(launcher.pid!);
    const heap = HEAP ? await heapViews(after, heapDir) : null;
    await new Promise((r) => setTimeout(r, idleMs));
    return { idle, after, afterIdle: treeMemory(launcher.pid!), heap, rps: (requests / ms) * 1000, serverCpuUs: (cpu * 1000) / requests };
  } finally {
    kill();
    fs.rmSync(poolRoot, { recursive: true, force: true });
    fs.rmSync(heapDir, { recursive: true, force: true });
  }
}

/** the floor: an idle `node` that loads nothing, measured in the same run */
async function bareNode(): Promise<ProcessMemory> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const m = processMemory(child.pid!);
    if (!m) throw new Error('the bare node process exited');
    return m;
  } finally {
    child.kill('SIGKILL');
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function compareVariants(spec: string): Promise<void> {
  const variants = spec.split(';').map(
    (v) =>
      [
        v.slice(0, v.indexOf('=')),
        v
          .slice(v.indexOf('=') + 1)
          .split(' ')
          .filter(Boolean),
      ] as const,
  );
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const runs = new Map<string, TreeRun[]>(variants.map(([n]) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, flags] of variants) {
      const r = await runTree(flags, 0);
      runs.get(name)!.push(r);
      process.stderr.write(`round ${round + 1} ${name}: ${formatCount(r.rps)} req/s, ${mb(sumOf(r.after, 'rssKb'))} MB tree RSS\n`);
    }
  }
  const rows = variants.map(([name, flags]) => {
    const rs = runs.get(name)!;
    const server = (r: TreeRun, k: 'rssKb' | 'anonKb') => r.after.find((p) => p.role === 'web server')?.[k] ?? 0;
    return [
      name,
      `\`${flags.join(' ')}\``,
      formatCount(median(rs.map((r) => r.rps))),
      median(rs.map((r) => r.serverCpuUs)).toFixed(0),
      mb(median(rs.map((r) => server(r, 'rssKb')))),
      mb(median(rs.map((r) => server(r, 'anonKb')))),
      mb(median(rs.map((r) => sumOf(r.after, 'rssKb')))),
      mb(median(rs.map((r) => sumOf(r.after, 'pssKb')))),
    ];
  });
  console.log(
    [
      `Pool ${POOL}; medians of ${rounds} interleaved rounds, each a fresh tree loaded ${LOAD_MS} ms per route and client count; memory after the load.`,
      '',
      table(
        [
          'variant',
          'web server flags / environment',
          'req/s (all cells)',
          'web server CPU µs/req',
          'web server RSS MB',
          'its anon',
          'tree RSS MB',
          'tree PSS MB',
        ],
        rows,
      ),
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) throw new Error('no production build: run `npm run build`');
  if (process.env.BENCH_VARIANTS) return compareVariants(process.env.BENCH_VARIANTS);
  const r = await runTree(START_FLAGS, IDLE_MS);
  const bare = await bareNode();
  const processes = r.after.length;
  const extra = Object.keys(EXTRA_ENV).length ? ` Extra environment: \`${process.env.BENCH_EXTRA_ENV}\`.` : '';
  const [l1, l5, l15] = os.loadavg();
  const md = [
    '## Memory of the serving tree, per process (`npm run bench:memory`)',
    '',
    `${machineLine()}; load average at the end ${l1!.toFixed(2)} / ${l5!.toFixed(2)} / ${l15!.toFixed(2)} (memory moves little with it, req/s a lot; PSS also falls as other node processes share the binary's pages).`,
    `Pool ${POOL}, \`node ${START_FLAGS.join(' ')} scripts/start.cjs\` (what \`npm start\` runs below npm).${extra} Load: POST /compile and /decompile of the sample corpus at 1, 4 and 16 clients, ${LOAD_MS / 1000} s each: ${formatCount(r.rps)} req/s over all cells; the web server spent ${r.serverCpuUs.toFixed(0)} µs CPU per request.`,
    "RSS = anon (private heap, stacks, malloc) + file (mapped files: the node binary's ~34-42 MB per process, shared) + shmem; MB.",
    `Baseline in the same run: an idle \`node -e\` that loads nothing holds ${mb(bare.rssKb)} MB RSS (anon ${mb(bare.anonKb)}, file ${mb(bare.fileKb)}), so ${processes} node processes start from ${mb(processes * bare.rssKb)} MB RSS (${mb(processes * bare.fileKb)} MB of it file-backed) before any service code.`,
    '',
    report('Idle after start', r.idle),
    '',
    report('After the load', r.after),
    ...(r.heap ? ['', `V8 heap after the load (MB, \`BENCH_HEAP=1\`):\n\n${r.heap}`] : []),
    '',
    report(`After ${IDLE_MS / 1000} s idle`, r.afterIdle),
  ].join('\n');
  if (POOL === 5 && !Object.keys(EXTRA_ENV).length && !process.env.BENCH_START_FLAGS) writeSection('memory', md);
  console.log(md);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
