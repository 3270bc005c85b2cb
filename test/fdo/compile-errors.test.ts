/**
 * Compile errors (spec 8.7): the reference's kind names, the 1-based line and column of the
 * offending text, the reference's context lines, and no other exception type whatever the
 * input (deep nesting, truncated texts, random bytes, non-Latin-1 strings).
 */
import { describe, expect, it } from 'vitest';
import { compile } from '@/lib/fdo/compile';
import { MAX_STREAM_DEPTH } from '@/lib/fdo/compile/stream';
import { FdoError, type CompileErrorKind } from '@/lib/fdo/errors';
import { loadCorpus } from '../support/corpus';

function compileError(source: string | Uint8Array): FdoError {
  try {
    compile(source);
  } catch (err) {
    if (err instanceof FdoError) return err;
    throw new Error(`compile threw something other than an FdoError: ${String(err)}`, { cause: err });
  }
  throw new Error(`compile accepted ${JSON.stringify(source)}`);
}

function expectAt(source: string, kind: CompileErrorKind, line: number, column: number): FdoError {
  const err = compileError(source);
  expect({ source, kind: err.kind, line: err.line, column: err.column }).toEqual({ source, kind, line, column });
  expect(err.message.length).toBeGreaterThan(10);
  expect(err.hint.length).toBeGreaterThan(0);
  return err;
}

describe('error kinds with line and column', () => {
  it('points at the offending token for every kind', () => {
    expectAt('uni_start_stream <00x>\n  bogus_atom <00x>\n', 'Unrecognized Atom', 2, 3);
    expectAt('man_append_data <abc>', 'Missing Quote', 1, 18);
    expectAt('uni_end_stream\nthe_unknown\n', 'Missing Open Bracket', 2, 12);
    expectAt('uni_sync_skip <5, 6>', 'Missing Close Bracket', 1, 17);
    expectAt('uni_start_stream <00x>\n\n  uni_start_stream <00x> junk\n', 'Unrecognized Atom', 3, 26);
    expectAt('mat_bool_disabled <on>', 'Bad Boolean Format', 1, 20);
    expectAt('mat_orientation <vf>', 'Bad Orientation Format', 1, 18);
    expectAt('man_start_object <foo, "x">', 'Bad Object Name Format', 1, 19);
    expectAt('async_alert <bogus, "x">', 'Bad Alert Name Format', 1, 14);
    expectAt('mat_size <25, , 32>', 'Bad Number Format', 1, 15);
    expectAt('var_number_get <[>', 'Bad Letter Format', 1, 17);
    expectAt('man_close <1--2>', 'Bad Global ID Format', 1, 12);
    expectAt('mat_color_face <1, -1>', 'Bad Byte Format', 1, 20);
    expectAt('uni_start_stream <00x,,01x>', 'Bad Hex Format', 1, 23);
    expectAt('de_validate <display_msg | bogus>', 'Unrecognized Enum', 1, 28);
    expectAt('mat_size <25, 300>', 'Value Too Large', 1, 15);
    expectAt('man_append_data <"ab\\qc">', 'Bad Escape Sequence', 1, 21);
  });

  it('reports the reference examples of 8.7 and A.19 on the reference line', () => {
    expectAt('act_replace_action\n<\nuni_start_stream <00x>\n', 'Missing Close Bracket', 3, 23);
    expectAt('act_replace_action\n<\nuni_start_stream <00x>\n>\n>\n', 'Unrecognized Atom', 5, 1);
    expectAt('uni_start_stream <00x>>\n', 'Unrecognized Atom', 1, 23);
    expectAt('# hi\nuni_end_stream\n', 'Unrecognized Atom', 1, 1);
    expectAt('// hi\nuni_end_stream\n', 'Unrecognized Atom', 1, 1);
    expectAt('<00x>', 'Unrecognized Atom', 1, 1);
    expectAt('"text"', 'Unrecognized Atom', 1, 1);
    expectAt('man_append_data <"abc>', 'Missing Close Bracket', 1, 18);
    expectAt('man_append_data <"abc"', 'Missing Close Bracket', 1, 23);
    expectAt('mat_trigger_style <place | picture>', 'Missing Close Bracket', 1, 26);
  });

  it('reports a value cut off by the end of the text as Missing Close Bracket', () => {
    expectAt('uni_end_stream\nuni_sync_skip <', 'Missing Close Bracket', 2, 16);
    expectAt('act_modify_action <', 'Missing Close Bracket', 1, 20);
    expectAt('uni_start_stream <00x,', 'Missing Close Bracket', 1, 23);
    expectAt('uni_start_stream <00x, 01x\n', 'Missing Close Bracket', 1, 27);
    expectAt('var_number_get <A,', 'Missing Close Bracket', 1, 19);
    expectAt('mat_size <1,', 'Missing Close Bracket', 1, 13);
  });

  it('counts lines across CRLF, CR, raw line breaks in strings and multi-line values', () => {
    expectAt('uni_end_stream\r\nuni_end_stream\r\n  bogus\r\n', 'Unrecognized Atom', 3, 3);
    expectAt('uni_end_stream\runi_end_stream\r\tbogus\r', 'Unrecognized Atom', 3, 2);
    expectAt('man_append_data <"a\nb\nc">\nbogus', 'Unrecognized Atom', 4, 1);
    expectAt('uni_start_stream <00x,\n   zz>', 'Bad Hex Format', 2, 4);
    expectAt('man_append_data <"ok">\r\n\r\nman_append_data <"x\\x4">', 'Bad Escape Sequence', 3, 20);
  });

  it('gives the reference context lines around the failing line', () => {
    const err = expectAt(
      'uni_start_stream <00x>\nman_start_object <trigger, "OK">\nbogus_atom <00x>\nman_end_object\nuni_end_stream\nuni_end_stream\n',
      'Unrecognized Atom',
      3,
      1,
    );
    expect(err.context).toEqual([
      '    1 | uni_start_stream <00x>',
      '    2 | man_start_object <trigger, "OK">',
      '>>  3 | bogus_atom <00x>',
      '    4 | man_end_object',
      '    5 | uni_end_stream',
    ]);
    expect(err.message).toContain('bogus_atom');
    expect(err.referenceCode).toBe(0x3000a);
  });

  it('names the offending text in the message', () => {
    expect(compileError('uni_sync_skip <12z>').message).toContain('12z');
    expect(compileError('man_start_object <ruler, "">').message).toContain('ruler');
    expect(compileError('de_validate <nope>').message).toContain('nope');
    expect(compileError('act_replace_action\n<\nman_end_object\n').message).toContain('line 2');
  });
});

describe('never anything but an FdoError, never a hang', () => {
  it('rejects characters outside Latin-1 instead of truncating them', () => {
    const err = expectAt('uni_end_stream\nman_append_data <"\u20ac">', 'Bad Escape Sequence', 2, 19);
    expect(err.message).toContain('U+20AC');
  });

  it('rejects inputs that are not text', () => {
    expect(compileError(42 as unknown as string)).toBeInstanceOf(FdoError);
    expect(compileError(null as unknown as string)).toBeInstanceOf(FdoError);
  });

  it('handles 10,000 nested streams with a clear error, not a stack overflow', () => {
    const source = `${'act_modify_action <'.repeat(10_000)}man_end_object${'>'.repeat(10_000)}`;
    const err = compileError(source);
    expect(err.kind).toBe('Value Too Large');
    expect(err.message).toMatch(/nest/);
    expect(err.line).toBe(1);
    expect(err.column).toBe(MAX_STREAM_DEPTH * 'act_modify_action <'.length + 19);
  });

  it('handles 10,000 "<" in a row', () => {
    expect(compileError('<'.repeat(10_000)).kind).toBe('Unrecognized Atom');
    expect(compileError(`uni_start_stream ${'<'.repeat(10_000)}`).kind).toBe('Bad Hex Format');
    expect(compileError(`act_modify_action ${'<'.repeat(10_000)}`).kind).toBe('Unrecognized Atom');
  });

  it('compiles or reports every prefix of a corpus text', () => {
    const text = loadCorpus('samples').find((p) => p.text.length > 2000)!.text;
    let ok = 0;
    let errors = 0;
    const step = Math.max(1, Math.floor(text.length / 400));
    for (let cut = 0; cut <= text.length; cut += step) {
      try {
        compile(text.slice(0, cut));
        ok++;
      } catch (err) {
        expect(err).toBeInstanceOf(FdoError);
        const e = err as FdoError;
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.column).toBeGreaterThanOrEqual(1);
        errors++;
      }
    }
    expect(ok).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
  });

  it('compiles or reports random mutations of canonical text', () => {
    const texts = loadCorpus('generated')
      .slice(0, 40)
      .map((p) => p.text);
    const alphabet = '<>,|";\n\r\t -x0123456789abcdefXYZ_\\\x00\xff';
    let seed = 12345;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    let errors = 0;
    for (let round = 0; round < 400; round++) {
      const text = texts[random(texts.length)];
      const chars = text.split('');
      for (let k = 0; k < 3; k++) chars[random(chars.length)] = alphabet[random(alphabet.length)];
      try {
        compile(chars.join(''));
      } catch (err) {
        expect(err).toBeInstanceOf(FdoError);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(0);
  });

  it('compiles or reports random bytes', () => {
    let seed = 99;
    for (let round = 0; round < 300; round++) {
      const bytes = new Uint8Array(1 + (round % 200));
      for (let i = 0; i < bytes.length; i++) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        bytes[i] = seed >>> 24;
      }
      try {
        compile(bytes);
      } catch (err) {
        expect(err).toBeInstanceOf(FdoError);
      }
    }
  });
});

describe('an argument that is neither text nor bytes', () => {
  it('is refused as Invalid Input (its own kind, not an atom error), by compile and compileWithMap', async () => {
    const { compileWithMap } = await import('@/lib/fdo/compile/source-map');
    for (const run of [compile, compileWithMap]) {
      for (const bad of [42, null, undefined, { length: 3 }, [1, 2, 3]]) {
        let caught: unknown;
        try {
          run(bad as unknown as string);
        } catch (err) {
          caught = err;
        }
        expect(caught).toBeInstanceOf(FdoError);
        expect((caught as FdoError).kind).toBe('Invalid Input');
      }
    }
  });
});
