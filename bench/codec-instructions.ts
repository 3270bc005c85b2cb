/**
 * tsx bench/codec-instructions.ts [--base DIR] [--workloads a,b] [--warm W] [--iterations N]
 *
 * Instructions per workload of bench:codec, counted by valgrind's callgrind: deterministic
 * where CPU time on a shared machine is not. Each codec (this checkout's, and DIR's lib/fdo
 * when --base is given) is bundled with esbuild together with support/codec-instructions-run.ts
 * and run by plain node under `valgrind --tool=callgrind` twice per workload: W warm-up
 * iterations then 1 measured, and W then 1 + N measured. The difference of the two totals
 * over N is the cost of one warm iteration alone: start-up, loading the corpus, building
 * the large stream and the warm-up cancel out.
 *
 * Node runs with the normal JIT tiers (no --jitless: that would measure other code), and
 * with the V8 flags of DETERMINISTIC, which only decide WHEN work is done, not what code
 * runs: optimising compiles and GC on the main thread, a fixed heap-growing schedule,
 * major GCs whole rather than in time-sliced increments. Without them the same run differs
 * by tens of millions of instructions from one start to the next (incremental marking
 * steps by the clock); with them, by a few hundred.
 * Keeps the callgrind files of the longer runs in bench/.callgrind/ for callgrind_annotate.
 * --profile: node also writes its perf map (--perf-basic-prof), and the script prints, per
 * workload, the functions whose instructions per iteration changed most between the codecs
 * (support/callgrind-js.ts names the JIT code).
 * Writes its section of docs/BENCHMARKS.md.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { bundleCodecBench } from './support/bundle-codec';
import { WORKLOADS, isWorkload, type Workload } from './support/codec-instructions-run';
import { selfCostByFunction } from './support/callgrind-js';
import { machineLine, table, writeSection } from './support/report';

interface Options {
  base: string | undefined;
  workloads: Workload[];
  warm: number;
  iterations: number;
  profile: boolean;
}

function options(): Options {
  const argv = process.argv.slice(2);
  const at = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const base = at('--base');
  if (base !== undefined && !fs.existsSync(path.join(base, 'lib', 'fdo', 'index.ts'))) {
    throw new Error(`--base ${base}: no lib/fdo/index.ts there`);
  }
  const names = (at('--workloads') ?? Object.keys(WORKLOADS).join(',')).split(',');
  const workloads = names.map((n) => {
    if (!isWorkload(n)) throw new Error(`unknown workload ${n} (one of ${Object.keys(WORKLOADS).join(', ')})`);
    return n;
  });
  const whole = (flag: string, fallback: number, least: number) => {
    const v = Number(at(flag) ?? fallback);
    if (!Number.isInteger(v) || v < least) throw new Error(`${flag} needs a whole number >= ${least}`);
    return v;
  };
  return {
    base: base && path.resolve(base),
    workloads,
    warm: whole('--warm', 5, 1),
    iterations: whole('--iterations', 3, 1),
    profile: argv.includes('--profile'),
  };
}

const DETERMINISTIC = ['--single-threaded', '--predictable-gc-schedule', '--no-incremental-marking', '--random-seed=1'];
const here = path.resolve(__dirname, '..');
const outDir = path.join(__dirname, '.callgrind');

function bundleFor(label: string, codecRoot: string): string {
  const entry = path.join(__dirname, 'support', `.codec-instructions-${label}-${process.pid}.ts`);
  const bundle = path.join(outDir, `codec-${label}.cjs`);
  fs.writeFileSync(
    entry,
    `
import { compile, decompile } from ${JSON.stringify(path.join(codecRoot, 'lib', 'fdo'))};
import { runInstructions } from './codec-instructions-run';
runInstructions({ compile, decompile }, process.argv.slice(2));
`,
  );
  try {
    bundleCodecBench(entry, bundle);
  } finally {
    fs.rmSync(entry, { force: true });
  }
  return bundle;
}

const run = promisify(execFile);

/** Total instructions (Ir) of one run of `bundle` under callgrind, all threads. */
async function countRun(bundle: string, workload: Workload, warm: number, iterations: number, outFile: string, profile: boolean): Promise<number> {
  const flags = profile ? [...DETERMINISTIC, '--perf-basic-prof'] : DETERMINISTIC;
  await run(
    'valgrind',
    ['--tool=callgrind', `--callgrind-out-file=${outFile}`, process.execPath, ...flags, bundle, workload, String(warm), String(iterations)],
    {
      maxBuffer: 1 << 26,
    },
  );
  const text = fs.readFileSync(outFile, 'utf8');
  const m = /^(?:summary|totals): (\d+)/m.exec(text);
  if (m === null) throw new Error(`no instruction total in ${outFile}`);
  return Number(m[1]);
}

interface Counted {
  total: number;
  /** per function, when profiling */
  byFunction: Map<string, number>;
}

/** The two runs of one codec one after the other (the codecs run side by side: 2 at a time). */
async function perIteration(label: string, bundle: string, workload: Workload, o: Options): Promise<Counted> {
  const short = path.join(outDir, `${label}-${workload}-short.out`);
  const long = path.join(outDir, `${label}-${workload}.out`);
  const a = await countRun(bundle, workload, o.warm, 1, short, o.profile);
  const b = await countRun(bundle, workload, o.warm, 1 + o.iterations, long, o.profile);
  const byFunction = new Map<string, number>();
  if (o.profile) {
    for (const [name, ir] of selfCostByFunction(long)) byFunction.set(name, ir / o.iterations);
    for (const [name, ir] of selfCostByFunction(short)) byFunction.set(name, (byFunction.get(name) ?? 0) - ir / o.iterations);
  }
  fs.rmSync(short, { force: true });
  return { total: (b - a) / o.iterations, byFunction };
}

/** The functions whose cost per iteration differs most between base and new. */
function printChanges(workload: Workload, base: Counted, next: Counted): void {
  const names = new Set([...base.byFunction.keys(), ...next.byFunction.keys()]);
  const rows = [...names]
    .map((name) => ({ name, b: base.byFunction.get(name) ?? 0, n: next.byFunction.get(name) ?? 0 }))
    .filter((r) => Math.abs(r.n - r.b) > 0.002 * base.total)
    .sort((x, y) => Math.abs(y.n - y.b) - Math.abs(x.n - x.b))
    .slice(0, 30);
  console.log(`\n${WORKLOADS[workload]}: functions by change in instructions per iteration (base → new, thousands)`);
  for (const r of rows)
    console.log(`  ${(r.n - r.b >= 0 ? '+' : '') + ((r.n - r.b) / 1e3).toFixed(0)}\t${(r.b / 1e3).toFixed(0)} → ${(r.n / 1e3).toFixed(0)}\t${r.name}`);
}

function commitOf(dir: string): string {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown commit';
  }
}

async function main(): Promise<void> {
  const o = options();
  fs.mkdirSync(outDir, { recursive: true });
  const codecs: [string, string][] =
    o.base === undefined
      ? [['new', here]]
      : [
          ['base', o.base],
          ['new', here],
        ];
  const bundles = codecs.map(([label, root]) => [label, bundleFor(label, root)] as const);
  const millions = (n: number) => (n / 1e6).toFixed(2);
  const rows: string[][] = [];
  for (const w of o.workloads) {
    const counted = await Promise.all(bundles.map(([label, bundle]) => perIteration(label, bundle, w, o)));
    const counts = counted.map((c) => c.total);
    if (o.profile && counted.length === 2) printChanges(w, counted[0], counted[1]);
    const row = [WORKLOADS[w], ...counts.map(millions)];
    if (counts.length === 2) row.push(`${counts[1] >= counts[0] ? '+' : ''}${((counts[1] / counts[0] - 1) * 100).toFixed(2)} %`);
    rows.push(row);
    console.log(row.join(' | '));
  }

  const command = `npm run bench:codec:instructions --${o.base === undefined ? '' : ` --base ${o.base}`} --warm ${o.warm} --iterations ${o.iterations}`;
  const header = o.base === undefined ? ['workload', 'M instructions per iteration'] : ['workload', 'base (M instr.)', 'this checkout (M instr.)', 'change'];
  const md = `## Codec instruction counts (\`${command}\`)

${machineLine()}. This checkout (${commitOf(here)})${o.base === undefined ? '' : ` against ${o.base} (${commitOf(o.base)})`}. Instructions of one warm iteration
of each workload (the whole corpus once, or the large stream once), counted by valgrind's callgrind over
all threads of a plain node process (V8 flags ${DETERMINISTIC.join(' ')}: the same code, GC and optimising
compiles scheduled deterministically) running the esbuild bundle of the codec: the difference between
${o.warm} + 1 and ${o.warm} + ${1 + o.iterations} iterations, over ${o.iterations}. Independent of the machine's load; not a time (memory stalls
and cache misses do not count), so read it beside \`bench:codec:ab\`.

${table(header, rows)}`;
  if (o.workloads.length === Object.keys(WORKLOADS).length) writeSection('codec:instructions', md);
  console.log(md);
}

void main();
