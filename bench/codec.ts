/**
 * npm run bench:codec — compile and decompile speed over the whole conformance corpus and
 * over a stream of more than 2 MB, in one process.
 *
 * Baselines in the same run: the floor of merely copying the same bytes into a Latin-1
 * string and back (no parsing), and the reference engine's published figure (~1.3 ms per
 * request through fdo_daemon.exe at one client; it cannot run here: it needs Wine).
 */
import { buildSync } from 'esbuild';
import os from 'node:os';
import path from 'node:path';
import { loadWholeCorpus } from '../test/support/corpus';
import { buildLargeSource } from '../test/support/large-stream';
import { machineLine, table, writeSection } from './support/report';

// Measure the codec as it ships (bundled by esbuild, as in dist/daemon.js), not through a
// TypeScript loader whose module wrappers slow every imported binding.
const bundle = path.join(os.tmpdir(), `atomforge-codec-bench-${process.pid}.cjs`);
buildSync({ entryPoints: [path.join(__dirname, '..', 'lib', 'fdo', 'index.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compile, decompile } = require(bundle) as typeof import('../lib/fdo');

const corpus = loadWholeCorpus();
const binBytes = corpus.reduce((n, p) => n + p.binary.length, 0);
const textBytes = corpus.reduce((n, p) => n + p.text.length, 0);

const corpusBytes = corpus.map((p) => Buffer.from(p.text, 'latin1'));

interface Spread {
  median: number;
  p10: number;
  p90: number;
}

function spread(times: number[]): Spread {
  const t = [...times].sort((a, b) => a - b);
  const at = (q: number) => t[Math.min(t.length - 1, Math.floor(q * t.length))];
  return { median: at(0.5), p10: at(0.1), p90: at(0.9) };
}

/**
 * Times each workload in `rounds` rounds, taking turns round by round (in a rotating order),
 * so bursts of noise on a shared machine fall on all of them alike. Milliseconds per round.
 */
function timeInTurns(rounds: number, workloads: (() => void)[]): Spread[] {
  for (let r = 0; r < 3; r++) for (const fn of workloads) fn(); // warm-up
  const times: number[][] = workloads.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < workloads.length; k++) {
      const i = (r + k) % workloads.length;
      const start = process.hrtime.bigint();
      workloads[i]();
      times[i].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return times.map(spread);
}

const ROUNDS = 61;
const [compileT, compileBytesT, decompileT, copyTextT, copyBinT] = timeInTurns(ROUNDS, [
  () => { for (const p of corpus) compile(p.text); },
  () => { for (const b of corpusBytes) compile(b); },
  () => { for (const p of corpus) decompile(p.binary); },
  () => { for (const p of corpus) Buffer.from(p.text, 'latin1'); },
  () => { for (const p of corpus) Buffer.from(p.binary).toString('latin1'); },
]);

const largeSource = buildLargeSource(corpus, 12_000_000);
const largeBinary = compile(largeSource);
const largeText = decompile(largeBinary);
const [largeCompileT, largeDecompileT] = timeInTurns(9, [() => compile(largeText), () => decompile(largeBinary)]);
const largeCompileMs = largeCompileT.median;
const largeDecompileMs = largeDecompileT.median;

const perFile = (ms: number) => ((ms * 1000) / corpus.length).toFixed(1);
const range = (t: Spread) => `${perFile(t.p10)}–${perFile(t.p90)}`;
const row = (name: string, t: Spread, bytes: number) => [name, perFile(t.median), range(t), mbps(bytes, t.median), t.median.toFixed(1)];
const mbps = (bytes: number, ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(0);

const command = 'npm run bench:codec';
const md = `## Codec (\`${command}\`)

${machineLine()}, load average ${os.loadavg()[0].toFixed(1)} at the end of the run. ${ROUNDS} rounds of each workload after
a warm-up, taking turns round by round so that bursts of noise from other tenants of the machine fall on all of them alike;
"µs per file" is the median round, p10–p90 the spread of rounds. Corpus: all ${corpus.length} pairs
(${(binBytes / 1e6).toFixed(2)} MB binary, ${(textBytes / 1e6).toFixed(2)} MB text). MB/s counts the input side
(text for compile, binary for decompile).

${table(['workload', 'µs per file (median)', 'p10–p90', 'MB/s (input)', 'ms per round'], [
  row('compile, whole corpus (text as a string)', compileT, textBytes),
  row('compile, whole corpus (text as bytes: the daemon and the CLI)', compileBytesT, textBytes),
  row('decompile, whole corpus', decompileT, binBytes),
  row('floor: text → bytes copy (no parsing)', copyTextT, textBytes),
  row('floor: bytes → Latin-1 string copy (no parsing)', copyBinT, binBytes),
  ['reference engine via fdo_daemon.exe, 1 client (published)', '~1,300', '—', '—', '—'],
])}

Large stream: ${(largeBinary.length / 1e6).toFixed(2)} MB binary / ${(largeText.length / 1e6).toFixed(2)} MB text
(corpus forms nested in stream atoms, with large-atom sequences for nested data over 32,767 bytes).

${table(['workload', 'ms', 'MB/s of binary', 'MB/s of text'], [
  ['compile', largeCompileMs.toFixed(1), mbps(largeBinary.length, largeCompileMs), mbps(largeText.length, largeCompileMs)],
  ['decompile', largeDecompileMs.toFixed(1), mbps(largeBinary.length, largeDecompileMs), mbps(largeText.length, largeDecompileMs)],
  ['reference engine (published): segfault after ~18 s on a 1.7 MB stream', '—', '—', '—'],
])}

Targets (issue): ≤ 30 µs per corpus file in each direction; ≥ 20 MB/s on the large stream.`;

writeSection('codec', md);
console.log(md);
