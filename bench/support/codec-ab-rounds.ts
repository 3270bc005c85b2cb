/**
 * The timing half of bench/codec-ab.ts: the workloads of bench:codec for two codecs,
 * taken in turns round by round (a random order each round) in one process. CPU milliseconds per
 * round (user + system of this process): time the process spends waiting for a core that
 * other tenants hold is not counted, which wall-clock rounds on a loaded machine are
 * mostly made of.
 */
import { loadWholeCorpus } from '../../test/support/corpus';
import { buildLargeSource } from '../../test/support/large-stream';

export interface Codec {
  compile(source: string | Uint8Array): Uint8Array;
  decompile(binary: Uint8Array): string;
}

export interface Timed {
  name: string;
  base: number[];
  next: number[];
}

function inTurns(rounds: number, workloads: (() => void)[]): number[][] {
  for (let r = 0; r < 3; r++) for (const fn of workloads) fn(); // warm-up
  const times: number[][] = workloads.map(() => []);
  // A fresh random order each round: a rotation keeps the cyclic order, so each workload
  // would always follow the same neighbour and pay for collecting the same garbage, which
  // biased the medians by ±15 % in both directions. Seeded, so a run can be repeated.
  let seed = 0x9e3779b9;
  const random = () => (seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
  const order = workloads.map((_, i) => i);
  for (let r = 0; r < rounds; r++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    for (const i of order) {
      const start = process.cpuUsage();
      workloads[i]();
      const used = process.cpuUsage(start);
      times[i].push((used.user + used.system) / 1000);
    }
  }
  return times;
}

export function runAB(rounds: number, base: Codec, next: Codec): Timed[] {
  const corpus = loadWholeCorpus();
  const bytes = corpus.map((p) => Buffer.from(p.text, 'latin1'));
  const corpusWork = (c: Codec) => [
    () => {
      for (const p of corpus) c.compile(p.text);
    },
    () => {
      for (const b of bytes) c.compile(b);
    },
    () => {
      for (const p of corpus) c.decompile(p.binary);
    },
  ];
  const t = inTurns(rounds, [...corpusWork(base), ...corpusWork(next)]);
  const largeBinary = next.compile(buildLargeSource(corpus, 12_000_000)).slice();
  const largeText = next.decompile(largeBinary);
  const l = inTurns(Math.ceil(rounds / 3), [
    () => base.compile(largeText),
    () => next.compile(largeText),
    () => base.decompile(largeBinary),
    () => next.decompile(largeBinary),
  ]);
  return [
    { name: 'compile, whole corpus (text as a string)', base: t[0], next: t[3] },
    { name: 'compile, whole corpus (text as bytes)', base: t[1], next: t[4] },
    { name: 'decompile, whole corpus', base: t[2], next: t[5] },
    { name: 'compile, large stream', base: l[0], next: l[1] },
    { name: 'decompile, large stream', base: l[2], next: l[3] },
  ];
}
