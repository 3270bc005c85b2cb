/**
 * Every atom name of the table, in any case and next to every character that ends a word,
 * compiles to its own header. The name scanner reads four bytes at a time, so names are
 * tried at every alignment and with the source ending right after them.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '@/lib/fdo/compile';
import { FdoError } from '@/lib/fdo/errors';
import { allAtoms } from '@/lib/fdo/tables';

const ATOMS = [...allAtoms()];

/** The FULL-style header of spec 2.2-2.4 with an empty value. */
function header(protocol: number, atom: number): number[] {
  const prefix = protocol >= 32 ? [0xe0 | (((protocol >> 5) & 3) << 3)] : [];
  return [...prefix, protocol & 31, atom, 0];
}

function mixedCase(name: string, seed: number): string {
  return Array.from(name, (c, i) => ((i + seed) % 3 === 0 ? c.toUpperCase() : c)).join('');
}

describe('atom names', () => {
  it('every name in lower, upper and mixed case, at every alignment, before every word end', () => {
    const ends = ['', '\n', '\r\n', ' ', '\t', '<>', ' <>', ';note'];
    let checked = 0;
    ATOMS.forEach((def, i) => {
      const forms = [def.name, def.name.toUpperCase(), mixedCase(def.name, i)];
      const indent = ' '.repeat(i % 4);
      const end = ends[i % ends.length];
      const want = header(def.protocol, def.atom);
      for (const name of forms) {
        const out = Array.from(compile(`${indent}${name}${end}`));
        // a trailing comment becomes its own atom after the header
        expect(out.slice(0, want.length), `${name}${end}`).toEqual(want);
        checked++;
      }
    });
    expect(checked).toBe(ATOMS.length * 3);
  });

  it('a name ends at "|", and the "|" is reported where it stands', () => {
    for (const def of ATOMS.slice(0, 200)) {
      const source = `${def.name}|`;
      let err: unknown;
      try {
        compile(source);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FdoError);
      expect((err as FdoError).column).toBe(def.name.length + 1);
    }
  });

  it('rejects words that only fold to a name, and names with a character more or less', () => {
    for (const word of ['uni\x7fstart_stream', 'uni_start_strea', 'uni_start_streamm', 'uni_start_stream\xc0', '\xd5NI_START_STREAM']) {
      expect(() => compile(`${word}\n`), JSON.stringify(word)).toThrow(FdoError);
    }
  });
});
