/**
 * tsx bench/codec-ab.ts --base DIR [--rounds N]: this checkout's codec against another
 * checkout's (DIR holds lib/fdo, e.g. `git worktree add /tmp/codec-base <commit>`), in one
 * plain node process, every workload of bench:codec for both codecs taken in turns round
 * by round. On a shared machine whose load swings between runs, comparing two separate
 * `npm run bench:codec` runs says little; in one process the noise falls on both alike.
 * Rounds are timed in CPU time of the process, not wall time (see support/codec-ab-rounds.ts).
 * Prints the median and best round per workload and the change; writes no report file.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleCodecBench } from './support/bundle-codec';

function args(): { base: string; rounds: number } {
  const argv = process.argv.slice(2);
  const at = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const base = at('--base');
  if (base === undefined || !fs.existsSync(path.join(base, 'lib', 'fdo', 'index.ts'))) {
    throw new Error('usage: tsx bench/codec-ab.ts --base DIR (a checkout holding lib/fdo) [--rounds N]');
  }
  const rounds = Number(at('--rounds') ?? 61);
  if (!Number.isInteger(rounds) || rounds < 3) throw new Error('--rounds needs a whole number >= 3');
  return { base: path.resolve(base), rounds };
}

const { base, rounds } = args();
const here = path.resolve(__dirname, '..');
const entry = path.join(__dirname, 'support', `.codec-ab-${process.pid}.ts`);
const bundle = path.join(__dirname, 'support', `.codec-ab-${process.pid}.cjs`);
const imports = (p: string) => JSON.stringify(path.join(p, 'lib', 'fdo'));
fs.writeFileSync(
  entry,
  `
import { compile as baseCompile, decompile as baseDecompile } from ${imports(base)};
import { compile, decompile } from ${imports(here)};
import { runAB } from './codec-ab-rounds';
process.stdout.write(JSON.stringify(runAB(${rounds}, { compile: baseCompile, decompile: baseDecompile }, { compile, decompile })));
`,
);
let result: { name: string; base: number[]; next: number[] }[];
try {
  bundleCodecBench(entry, bundle);
  result = JSON.parse(execFileSync(process.execPath, [bundle], { encoding: 'utf8', maxBuffer: 1 << 24 }));
} finally {
  fs.rmSync(entry, { force: true });
  fs.rmSync(bundle, { force: true });
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const best = (a: number[]) => Math.min(...a);
const change = (n: number, b: number) => `${n >= b ? '+' : ''}${((n / b - 1) * 100).toFixed(1)} %`;
console.log(`base ${base} vs this checkout ${here}; CPU ms per round, ${rounds} rounds (large stream: ${Math.ceil(rounds / 3)})`);
console.log('| workload | base median | new median | change | base best | new best | change |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of result) {
  const [bm, nm, bb, nb] = [median(r.base), median(r.next), best(r.base), best(r.next)];
  console.log(`| ${r.name} | ${bm.toFixed(2)} | ${nm.toFixed(2)} | ${change(nm, bm)} | ${bb.toFixed(2)} | ${nb.toFixed(2)} | ${change(nb, bb)} |`);
}
