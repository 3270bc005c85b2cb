/**
 * The measured half of bench/codec-instructions.ts: one workload of bench:codec, run
 * `warm` times and then `iterations` times, by one codec, in a plain node process (the
 * caller bundles this with the codec it measures and runs the bundle under callgrind).
 * Nothing is timed here: callgrind counts the instructions of the whole process, and the
 * caller takes the difference of two runs that differ only in `iterations`, which leaves
 * the instructions of the extra iterations alone (start-up, loading the corpus and the
 * warm-up cancel out).
 */
import { loadWholeCorpus } from '../../test/support/corpus';
import { buildLargeSource } from '../../test/support/large-stream';
import type { Codec } from './codec-ab-rounds';

export const WORKLOADS = {
  'compile-string': 'compile, whole corpus (text as a string)',
  'compile-bytes': 'compile, whole corpus (text as bytes)',
  decompile: 'decompile, whole corpus',
  'large-compile': 'compile, large stream',
  'large-decompile': 'decompile, large stream',
} as const;
export type Workload = keyof typeof WORKLOADS;

export function isWorkload(name: string): name is Workload {
  return Object.hasOwn(WORKLOADS, name);
}

function workload(codec: Codec, name: Workload): () => void {
  const corpus = loadWholeCorpus();
  switch (name) {
    case 'compile-string':
      return () => {
        for (const p of corpus) codec.compile(p.text);
      };
    case 'compile-bytes': {
      const bytes = corpus.map((p) => Buffer.from(p.text, 'latin1'));
      return () => {
        for (const b of bytes) codec.compile(b);
      };
    }
    case 'decompile':
      return () => {
        for (const p of corpus) codec.decompile(p.binary);
      };
    case 'large-compile':
    case 'large-decompile': {
      // the same input for every codec: the text as the codec prints it back equals the
      // source's text for every exact codec, and the corpus tests hold both exact
      const largeBinary = codec.compile(buildLargeSource(corpus, 12_000_000)).slice();
      const largeText = codec.decompile(largeBinary);
      return name === 'large-compile' ? () => void codec.compile(largeText) : () => void codec.decompile(largeBinary);
    }
  }
}

/** Runs the workload argv[0] argv[1] + argv[2] times (warm-up, then measured; the caller counts). */
export function runInstructions(codec: Codec, argv: string[]): void {
  const [name, warmArg, iterationsArg] = argv;
  if (name === undefined || !isWorkload(name)) throw new Error(`workload must be one of ${Object.keys(WORKLOADS).join(', ')}`);
  const warm = Number(warmArg);
  const iterations = Number(iterationsArg);
  if (!Number.isInteger(warm) || warm < 0 || !Number.isInteger(iterations) || iterations < 0) {
    throw new Error('usage: <workload> <warm iterations> <measured iterations>');
  }
  const fn = workload(codec, name);
  for (let i = 0; i < warm + iterations; i++) fn();
}
