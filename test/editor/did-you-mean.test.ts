/** The Unrecognized Atom error suggests the nearest atom names, in the codec's hint. */
import { describe, expect, it } from 'vitest';
import { compile, FdoError } from '../../lib/fdo';
import { nearestAtomNames } from '../../lib/fdo/compile/did-you-mean';

function errorOf(src: string): FdoError {
  try {
    compile(src);
  } catch (e) {
    if (e instanceof FdoError) return e;
    throw e;
  }
  throw new Error('compiled');
}

describe('nearestAtomNames', () => {
  it('finds a misspelt name: a letter dropped, swapped, changed or added', () => {
    expect(nearestAtomNames('man_start_objct')[0]).toBe('man_start_object');
    expect(nearestAtomNames('man_strat_object')[0]).toBe('man_start_object');
    expect(nearestAtomNames('mat_sixe')).toContain('mat_size');
    expect(nearestAtomNames('uni_end_streams')[0]).toBe('uni_end_stream');
    expect(nearestAtomNames('UNI_START_STREM')[0]).toBe('uni_start_stream');
  });

  it('finds the names a truncated word starts', () => {
    const near = nearestAtomNames('man_append');
    expect(near.length).toBeGreaterThan(0);
    for (const n of near) expect(n.startsWith('man_append')).toBe(true);
  });

  it('suggests nothing for words near no atom, and bounds hostile lengths', () => {
    expect(nearestAtomNames('zzzzzzzzzzzzzzz')).toEqual([]);
    expect(nearestAtomNames('')).toEqual([]);
    expect(nearestAtomNames('a'.repeat(100_000))).toEqual([]);
  });
});

describe('the compiler hint', () => {
  it('names the nearest atoms at the right line and column', () => {
    const e = errorOf('uni_start_stream <00x>\n  man_start_objct <trigger, "x">\n');
    expect(e.kind).toBe('Unrecognized Atom');
    expect([e.line, e.column]).toEqual([2, 3]);
    expect(e.hint).toMatch(/^did you mean man_start_object\b/);
    expect(e.toJSON().hint).toBe(e.hint);
  });

  it('keeps the general hint when nothing is near', () => {
    const e = errorOf('qqqqqqqqqqqqqqqqqqqq\n');
    expect(e.hint).toMatch(/not an atom name/);
  });

  it('answers a 1 MB unknown word quickly', () => {
    const started = performance.now();
    const e = errorOf('x'.repeat(1 << 20));
    expect(e.kind).toBe('Unrecognized Atom');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
