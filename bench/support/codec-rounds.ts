/**
 * The timing half of bench:codec. bench/codec.ts bundles this file with esbuild and runs
 * it with plain node, so the codec runs as it ships in dist/daemon.js: no TypeScript
 * loader in the process (tsx's hooks cost 5-15 % here). Prints one JSON object.
 */
import { compile, decompile } from '../../lib/fdo';
import { loadWholeCorpus } from '../../test/support/corpus';
import { buildLargeSource } from '../../test/support/large-stream';
import { percentile } from './load';

export interface Spread {
  median: number;
  p10: number;
  p90: number;
}

export interface CodecRounds {
  rounds: number;
  files: number;
  binBytes: number;
  textBytes: number;
  /** milliseconds per round over the whole corpus */
  compile: Spread;
  compileBytes: Spread;
  decompile: Spread;
  copyText: Spread;
  copyBinary: Spread;
  large: { binBytes: number; textBytes: number; compile: Spread; decompile: Spread };
}

function spread(times: number[]): Spread {
  const t = [...times].sort((a, b) => a - b);
  return { median: percentile(t, 50), p10: percentile(t, 10), p90: percentile(t, 90) };
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
const corpus = loadWholeCorpus();
const corpusBytes = corpus.map((p) => Buffer.from(p.text, 'latin1'));

const [compileT, compileBytesT, decompileT] = timeInTurns(ROUNDS, [
  () => {
    for (const p of corpus) compile(p.text);
  },
  () => {
    for (const b of corpusBytes) compile(b);
  },
  () => {
    for (const p of corpus) decompile(p.binary);
  },
]);
// The copy floors on their own: their 16 MB of fresh buffers per round would otherwise
// charge garbage collection to the codec's rounds.
const [copyTextT, copyBinT] = timeInTurns(ROUNDS, [
  () => {
    for (const p of corpus) Buffer.from(p.text, 'latin1');
  },
  () => {
    for (const p of corpus) Buffer.from(p.binary).toString('latin1');
  },
]);

const largeSource = buildLargeSource(corpus, 12_000_000);
const largeBinary = compile(largeSource);
const largeText = decompile(largeBinary);
const [largeCompileT, largeDecompileT] = timeInTurns(9, [() => compile(largeText), () => decompile(largeBinary)]);

const result: CodecRounds = {
  rounds: ROUNDS,
  files: corpus.length,
  binBytes: corpus.reduce((n, p) => n + p.binary.length, 0),
  textBytes: corpus.reduce((n, p) => n + p.text.length, 0),
  compile: compileT,
  compileBytes: compileBytesT,
  decompile: decompileT,
  copyText: copyTextT,
  copyBinary: copyBinT,
  large: { binBytes: largeBinary.length, textBytes: largeText.length, compile: largeCompileT, decompile: largeDecompileT },
};
process.stdout.write(JSON.stringify(result));
