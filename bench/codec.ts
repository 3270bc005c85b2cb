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

function timeRounds(rounds: number, fn: () => void): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]; // median ms per round
}

const ROUNDS = 15;
const compileMs = timeRounds(ROUNDS, () => { for (const p of corpus) compile(p.text); });
const decompileMs = timeRounds(ROUNDS, () => { for (const p of corpus) decompile(p.binary); });
const copyTextMs = timeRounds(ROUNDS, () => { for (const p of corpus) Buffer.from(p.text, 'latin1'); });
const copyBinMs = timeRounds(ROUNDS, () => { for (const p of corpus) Buffer.from(p.binary).toString('latin1'); });

const largeSource = buildLargeSource(corpus, 12_000_000);
const largeBinary = compile(largeSource);
const largeText = decompile(largeBinary);
const largeCompileMs = timeRounds(5, () => compile(largeText));
const largeDecompileMs = timeRounds(5, () => decompile(largeBinary));

const perFile = (ms: number) => ((ms * 1000) / corpus.length).toFixed(1);
const mbps = (bytes: number, ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(0);

const command = 'npm run bench:codec';
const md = `## Codec (\`${command}\`)

${machineLine()}, load average ${os.loadavg()[0].toFixed(1)} at the end of the run. Median of ${ROUNDS} rounds after a warm-up. Corpus: all ${corpus.length} pairs
(${(binBytes / 1e6).toFixed(2)} MB binary, ${(textBytes / 1e6).toFixed(2)} MB text). MB/s counts the input side
(text for compile, binary for decompile).

${table(['workload', 'µs per file', 'MB/s (input)', 'total ms'], [
  ['compile, whole corpus', perFile(compileMs), mbps(textBytes, compileMs), compileMs.toFixed(1)],
  ['decompile, whole corpus', perFile(decompileMs), mbps(binBytes, decompileMs), decompileMs.toFixed(1)],
  ['floor: text → bytes copy (no parsing)', perFile(copyTextMs), mbps(textBytes, copyTextMs), copyTextMs.toFixed(1)],
  ['floor: bytes → Latin-1 string copy (no parsing)', perFile(copyBinMs), mbps(binBytes, copyBinMs), copyBinMs.toFixed(1)],
  ['reference engine via fdo_daemon.exe, 1 client (published)', '~1,300', '—', '—'],
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
