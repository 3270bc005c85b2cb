/** Contract 2 of the corpus: compile(NAME.txt) equals NAME.bin byte for byte, for every pair. */
import { describe, expect, it } from 'vitest';
import { compile } from '@/lib/fdo/compile';
import { CORPUS_SETS, loadCorpus } from '../support/corpus';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Where two binaries first differ, with a little context, for a readable failure. */
function firstDifference(actual: Uint8Array, expected: Uint8Array): string | null {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) {
      const from = Math.max(0, i - 8);
      return `offset ${i}: got ${hex(actual.subarray(from, i + 8))}, want ${hex(expected.subarray(from, i + 8))} (lengths ${actual.length} / ${expected.length})`;
    }
  }
  return null;
}

describe.each(CORPUS_SETS)('compile corpus %s', (set) => {
  const pairs = loadCorpus(set);

  it('has pairs to check', () => {
    expect(pairs.length).toBeGreaterThan(0);
  });

  it('compiles every NAME.txt to exactly NAME.bin', () => {
    const failures: string[] = [];
    for (const pair of pairs) {
      let diff: string | null;
      try {
        diff = firstDifference(compile(pair.text), pair.binary);
      } catch (err) {
        diff = `threw ${String(err)} ${JSON.stringify((err as { line?: number }).line)}`;
      }
      if (diff !== null) failures.push(`${pair.name}: ${diff}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(failures.length).toBe(0);
  });

  it('compiles the same text given as Latin-1 bytes', () => {
    for (const pair of pairs.slice(0, 20)) {
      const bytes = Uint8Array.from(pair.text, (ch) => ch.charCodeAt(0));
      expect(compile(bytes)).toEqual(pair.binary);
    }
  });
});
