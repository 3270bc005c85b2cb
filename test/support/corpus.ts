/** Loads the conformance corpus (test/corpus, a copy of the shared corpus kept in the repository) for tests and benchmarks. */
import fs from 'node:fs';
import path from 'node:path';

export const CORPUS_ROOT = path.resolve(__dirname, '..', 'corpus');
export const CORPUS_SETS = ['samples', 'extended', 'generated'] as const;
export type CorpusSet = (typeof CORPUS_SETS)[number];

export interface CorpusPair {
  set: CorpusSet;
  name: string;
  binary: Uint8Array;
  /** the reference engine's text, as Latin-1 (one character per byte) */
  text: string;
}

export function loadCorpus(set: CorpusSet): CorpusPair[] {
  const dir = path.join(CORPUS_ROOT, set);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bin'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -4);
      return {
        set,
        name,
        binary: new Uint8Array(fs.readFileSync(path.join(dir, f))),
        text: fs.readFileSync(path.join(dir, `${name}.txt`)).toString('latin1'),
      };
    });
}

export function loadWholeCorpus(): CorpusPair[] {
  return CORPUS_SETS.flatMap(loadCorpus);
}
