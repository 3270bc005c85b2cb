/**
 * compileWithMap: the same bytes as compile(), and a map whose spans cover every byte of
 * every corpus binary exactly once, in order, each span owned by an atom whose source
 * position is a real atom start on the right line.
 */
import { describe, expect, it } from 'vitest';
import { compile, compileWithMap, FdoError } from '../../lib/fdo';
import { loadWholeCorpus } from '../support/corpus';

const corpus = loadWholeCorpus();

describe('compileWithMap on the corpus', () => {
  it('gives the bytes of compile() and spans that cover every byte once, in order', () => {
    // problems are collected as text (one expect per file keeps 236,000 atoms fast)
    for (const pair of corpus) {
      const { bytes, atoms, spans } = compileWithMap(pair.text);
      expect(bytes, pair.name).toEqual(pair.binary);
      const problems: string[] = [];
      let at = 0;
      for (const span of spans) {
        if (span.start !== at) problems.push(`span starts at ${span.start}, expected ${at}`);
        if (span.end <= span.start) problems.push(`empty span at ${span.start}`);
        if (!(span.atom >= 0 && span.atom < atoms.length)) problems.push(`span at ${span.start} has no atom`);
        at = span.end;
      }
      if (at !== bytes.length) problems.push(`spans end at ${at} of ${bytes.length}`);
      let previousStart = -1;
      let line = 1;
      let scanned = 0;
      for (const a of atoms) {
        if (a.start <= previousStart) problems.push(`atom at line ${a.line} starts before its predecessor`);
        if (a.end > bytes.length || a.end <= a.start) problems.push(`atom at line ${a.line} has extent ${a.start}-${a.end}`);
        previousStart = a.start;
        for (; scanned < a.sourceOffset; scanned++) if (pair.text.charCodeAt(scanned) === 10) line++;
        if (line !== a.line) problems.push(`atom at offset ${a.sourceOffset} says line ${a.line}, is on ${line}`);
        const lineStart = pair.text.lastIndexOf('\n', a.sourceOffset - 1) + 1;
        if (a.sourceOffset - lineStart + 1 !== a.column) problems.push(`atom at line ${a.line}: column ${a.column}`);
        if (!/[A-Za-z_;]/.test(pair.text.charAt(a.sourceOffset))) problems.push(`atom at line ${a.line} starts with ${pair.text.charAt(a.sourceOffset)}`);
      }
      expect(problems.slice(0, 5), pair.name).toEqual([]);
    }
  });

  it('decompiled text has exactly one atom per line, so lines map to atoms one to one', () => {
    for (const pair of corpus.slice(0, 200)) {
      const { atoms } = compileWithMap(pair.text);
      const atomLines = new Set(atoms.map((a) => a.line));
      expect(atomLines.size).toBe(atoms.length);
    }
  });
});

describe('compileWithMap by hand', () => {
  it('gives a nested stream atom its header and the inner atoms their own bytes', () => {
    const src = 'act_replace_action\n  <\n    uni_start_stream <00x>\n    uni_end_stream\n  >\nuni_end_stream\n';
    const { bytes, atoms, spans } = compileWithMap(src);
    expect(bytes).toEqual(compile(src));
    expect(atoms.map((a) => [a.line, a.column, a.depth])).toEqual([
      [1, 1, 0],
      [3, 5, 1],
      [4, 5, 1],
      [6, 1, 0],
    ]);
    expect(atoms[0]).toMatchObject({ start: 0, end: 3 + 4 + 3 });
    expect(spans.map((s) => [s.start, s.end, s.atom])).toEqual([
      [0, 3, 0],
      [3, 7, 1],
      [7, 10, 2],
      [10, 13, 3],
    ]);
  });

  it('maps an atom longer than 32,767 bytes (the large-atom form) and nested streams of that size', () => {
    const long = 'man_append_data <"' + 'x'.repeat(40_000) + '">\nuni_end_stream\n';
    const one = compileWithMap(long);
    expect(one.bytes).toEqual(compile(long));
    expect(one.atoms).toHaveLength(2);
    expect(one.spans.map((s) => s.atom)).toEqual([0, 1]);
    expect(one.spans[0]!.end).toBe(one.bytes.length - 3);

    const inner = Array.from({ length: 3000 }, (_, i) => `    man_append_data <"line ${i} of a long nested stream">`).join('\n');
    const nested = `act_replace_action\n  <\n${inner}\n  >\nuni_end_stream\n`;
    const big = compileWithMap(nested);
    expect(big.bytes).toEqual(compile(nested));
    expect(big.bytes.length).toBeGreaterThan(0x7fff * 2);
    expect(big.atoms).toHaveLength(3002);
    let at = 0;
    for (const s of big.spans) {
      expect(s.start).toBe(at);
      at = s.end;
    }
    expect(at).toBe(big.bytes.length);
    // the large-atom headers between the segments belong to the stream atom itself
    expect(big.spans.filter((s) => s.atom === 0).length).toBeGreaterThan(2);
    // every inner atom's bytes, put back together, are that atom compiled alone
    const third = big.atoms[3]!;
    const pieces = big.spans.filter((s) => s.atom === 3).map((s) => big.bytes.subarray(s.start, s.end));
    const joined = Uint8Array.from(pieces.flatMap((p) => [...p]));
    expect(joined).toEqual(compile('man_append_data <"line 2 of a long nested stream">'));
    expect(third.line).toBe(5);
  });

  it('raises the same errors as compile()', () => {
    for (const src of ['bogus_atom\n', 'act_replace_action\n<\nuni_start_stream\n', 'man_append_data <"x\n', '>\n']) {
      const expected = (() => {
        try {
          compile(src);
        } catch (e) {
          return e as FdoError;
        }
      })();
      expect(expected).toBeInstanceOf(FdoError);
      expect(() => compileWithMap(src)).toThrow(expected!.message);
    }
  });
});
