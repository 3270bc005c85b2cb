/**
 * The worker's module: the in-browser compile of every corpus text equals the server's
 * bytes (the server runs the same compile(); the corpus binaries are the reference's),
 * and errors carry line, column and hint.
 */
import { describe, expect, it } from 'vitest';
import { analyze, atomAtByte, atomOnLine, MAX_LIVE_SOURCE } from '../../lib/editor/analyze';
import { compile } from '../../lib/fdo';
import { loadWholeCorpus } from '../support/corpus';

describe('analyze', () => {
  it("compiles every corpus text to its binary, with a map that finds each line's atom", () => {
    for (const pair of loadWholeCorpus()) {
      const r = analyze(1, pair.text);
      expect(r.ok, pair.name).toBe(true);
      expect(r.bytes, pair.name).toEqual(pair.binary);
      expect(r.bytes).toEqual(compile(pair.text));
      // first and last byte belong to the first and last atom's spans
      expect(atomAtByte(r.spans, 0)).toBe(0);
      expect(atomAtByte(r.spans, r.bytes.length)).toBe(-1);
      const lastAtom = r.atoms.length / 4 - 1;
      expect(atomOnLine(r.atoms, r.atoms[lastAtom * 4]!)).toBe(lastAtom);
    }
  });

  it('reports an error at its line and column with the codec hint', () => {
    const r = analyze(7, 'uni_start_stream <00x>\n  mat_sixe <1, 2>\nuni_end_stream\n');
    expect(r).toMatchObject({ id: 7, ok: false, error: { kind: 'Unrecognized Atom', line: 2, column: 3 } });
    expect(r.error!.hint).toContain('mat_size');
    expect(r.bytes.length).toBe(0);
  });

  it('bounds what it compiles live', () => {
    const r = analyze(1, ' '.repeat(MAX_LIVE_SOURCE + 1));
    expect(r.error?.kind).toBe('Input Too Large');
    expect(analyze(2, '').ok).toBe(true);
    expect(analyze(3, ' ').ok).toBe(true);
  });

  it('maps bytes to atoms and lines to atoms', () => {
    const r = analyze(1, 'uni_start_stream <00x>\n\nman_append_data <"abc">\nuni_end_stream\n');
    expect([...r.atoms]).toEqual([1, 1, 0, 4, 3, 1, 4, 10, 4, 1, 10, 13]);
    expect([0, 3, 4, 9, 10, 12].map((b) => atomAtByte(r.spans, b))).toEqual([0, 0, 1, 1, 2, 2]);
    expect([1, 2, 3, 4, 5].map((l) => atomOnLine(r.atoms, l))).toEqual([0, -1, 1, 2, -1]);
  });
});
