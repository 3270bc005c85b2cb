/** Contract 1 of the corpus: decompile(NAME.bin) is NAME.txt, byte for byte, for every pair. */
import { describe, expect, it } from 'vitest';
import { decompile } from '@/lib/fdo/decompile';
import { CORPUS_SETS, loadCorpus } from '../support/corpus';

/** The first differing line, so a failure shows where the text went wrong. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const b = expected.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `line ${i + 1}: got ${JSON.stringify(a[i])}, expected ${JSON.stringify(b[i])}`;
}

const EXPECTED_PAIRS = { samples: 251, extended: 945, generated: 600 } as const;

describe.each(CORPUS_SETS)('decompile corpus/%s', (set) => {
  const pairs = loadCorpus(set);

  it(`holds all ${EXPECTED_PAIRS[set]} pairs`, () => {
    expect(pairs.length).toBe(EXPECTED_PAIRS[set]);
  });

  it('prints exactly the reference text for every binary', () => {
    const failures: string[] = [];
    for (const pair of pairs) {
      const text = decompile(pair.binary);
      if (text !== pair.text) failures.push(`${pair.name}: ${firstDifference(text, pair.text)}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(failures.length).toBe(0);
  });
});
