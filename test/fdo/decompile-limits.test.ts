/**
 * Malformed and extreme binaries (spec 2.9): truncated atoms are FdoErrors naming the
 * offset, malformed nested streams fall back to hex lists, deep nesting does not touch the
 * call stack, and a runaway text is refused instead of exhausting memory.
 */
import { describe, expect, it } from 'vitest';
import { decompile, decompileWithLimit } from '@/lib/fdo/decompile';
import { FdoError } from '@/lib/fdo/errors';
import { loadCorpus } from '../support/corpus';

function bytes(hex: string): Uint8Array {
  const digits = hex.replace(/\s+/g, '');
  return Uint8Array.from({ length: digits.length / 2 }, (_, i) => parseInt(digits.slice(2 * i, 2 * i + 2), 16));
}

function failure(fn: () => unknown): FdoError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FdoError);
    return error as FdoError;
  }
  throw new Error('expected an FdoError');
}

describe('truncated atoms at the top level', () => {
  it.each([
    // input, offset, words the message must hold
    ['01 14 05 61 62', 0, ['offset 0', 'protocol 1', 'atom 20', 'man_append_data', '5 data bytes', 'only 2 bytes']],
    ['00 01 01 00  01 14 05 61', 4, ['offset 4', 'man_append_data', '5 data bytes', 'only 1 byte follows']],
    ['01', 0, ['offset 0', 'FULL', 'protocol 1', 'header', 'needs 3 bytes', '1 byte remains']],
    ['01 14', 0, ['offset 0', 'atom 20', 'needs 3 bytes', '2 bytes remain']],
    ['01 14 80', 0, ['offset 0', 'needs 4 bytes', '3 bytes remain']],
    ['00 01 ff ff 61 62 63', 0, ['32767 data bytes', 'only 3 bytes']],
    ['21', 0, ['LENGTH', 'protocol 1', 'needs 2 bytes']],
    ['21 74 68', 0, ['LENGTH', 'atom 20', '3 data bytes', 'only 1 byte']],
    ['41', 0, ['DATA', 'needs 2 bytes']],
    ['94', 0, ['CURRENT', 'protocol 0', 'atom 20', 'needs 2 bytes']],
    ['94 80 03 61 62 63', 0, ['CURRENT', '128 data bytes', 'only 4 bytes']],
    ['e8 02 01 05', 1, ['offset 1', 'protocol 34', 'atom 1', 'ccl_hang_up', '5 data bytes', 'only 0 bytes']],
    ['ff fe 01 02 67 61 72 62 61 67 65', 2, ['offset 2', 'protocol 97', 'atom 98', '103 data bytes', 'only 6 bytes']],
  ] as const)('%s', (input, offset, words) => {
    const error = failure(() => decompile(bytes(input)));
    expect(error.kind).toBe('Truncated Atom');
    expect(error.offset).toBe(offset);
    for (const word of words) expect(error.message).toContain(word);
  });

  it('every cut of corpus binaries is a text or a Truncated Atom error, never anything else', () => {
    for (const pair of loadCorpus('samples').slice(0, 12)) {
      for (let n = 0; n < pair.binary.length; n++) {
        const cut = pair.binary.subarray(0, n);
        try {
          const text = decompile(cut);
          // only cuts between top-level atoms decode, and then to the start of the whole text
          expect(pair.text.startsWith(text)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(FdoError);
          expect((error as FdoError).kind).toBe('Truncated Atom');
          expect((error as FdoError).offset).toBeLessThan(n);
        }
      }
    }
  });
});

describe('malformed nested streams print as hex lists (decision 2.9)', () => {
  it('the whole inner data, exactly the input bytes, and decoding goes on after it', () => {
    expect(decompile(bytes('00 01 01 00  02 04 05 01 14 05 61 62  00 02 01 00'))).toBe(
      'uni_start_stream <00x>\n  act_replace_select_action <01x, 14x, 05x, 61x, 62x>\n  uni_end_stream <00x>\n',
    );
  });

  it('a large atom whose payload is a malformed stream', () => {
    // START act_modify_action (2/6), END with the payload 01 14 (a FULL header cut short)
    expect(decompile(bytes('00 04 02 02 06  00 06 02 01 14  01 02 00'))).toBe('act_modify_action <01x, 14x>\nman_end_object\n');
  });

  it('a malformed stream two levels down falls back at its own level only', () => {
    // act_modify_action { man_end_object, act_modify_action { 01 14 09 … (runs past) } }
    expect(decompile(bytes('02 06 0a  01 02 00  02 06 04 01 14 09 61'))).toBe(
      'act_modify_action\n  <\nman_end_object\nact_modify_action <01x, 14x, 09x, 61x>\n>\n',
    );
  });
});

/** A stream atom (act_modify_action 2/6) around `data`: FULL with the shortest length, or the large-atom form past 32,767 bytes. */
function streamAtom(data: Uint8Array): Uint8Array {
  const n = data.length;
  if (n <= 32_767) {
    const header = n <= 127 ? [0x02, 0x06, n] : [0x02, 0x06, 0x80 | (n >> 8), n & 0xff];
    const out = new Uint8Array(header.length + n);
    out.set(header);
    out.set(data, header.length);
    return out;
  }
  const parts: Uint8Array[] = [Uint8Array.of(0x00, 0x04, 0x02, 0x02, 0x06)];
  let at = 0;
  while (n - at > 32_767) {
    parts.push(Uint8Array.of(0x00, 0x05, 0xff, 0xff), data.subarray(at, at + 32_767));
    at += 32_767;
  }
  const rest = n - at;
  parts.push(rest <= 127 ? Uint8Array.of(0x00, 0x06, rest) : Uint8Array.of(0x00, 0x06, 0x80 | (rest >> 8), rest & 0xff));
  parts.push(data.subarray(at));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let w = 0;
  for (const p of parts) {
    out.set(p, w);
    w += p.length;
  }
  return out;
}

function nest(depth: number, eachLevel: Uint8Array): Uint8Array {
  let data = streamAtom(new Uint8Array(0));
  for (let d = 1; d < depth; d++) {
    const inner = new Uint8Array(eachLevel.length + data.length);
    inner.set(eachLevel);
    inner.set(data, eachLevel.length);
    data = streamAtom(inner);
  }
  return data;
}

describe('deep nesting', () => {
  it('10,000 nested streams decode without touching the call stack', () => {
    // each level opens with uni_end_stream (ATOM style 62), which brings the level back to 0
    const binary = nest(10_000, Uint8Array.of(0x62));
    expect(binary.length).toBeGreaterThan(32_767); // the outer levels use the large-atom form
    const expected = 'act_modify_action\n  <\nuni_end_stream\n'.repeat(9_999) + 'act_modify_action\n  <\n  >\n' + '>\n'.repeat(9_999);
    expect(decompile(binary)).toBe(expected);
  });

  it('3,000 nested streams whose levels keep rising', () => {
    const depth = 3_000;
    const lines: string[] = [];
    for (let d = 0; d < depth; d++) lines.push(`${'  '.repeat(d)}act_modify_action`, `${'  '.repeat(d + 1)}<`);
    for (let d = depth; d >= 1; d--) lines.push(`${'  '.repeat(d)}>`);
    expect(decompile(nest(depth, new Uint8Array(0)))).toBe(lines.join('\n') + '\n');
  });

  it('a text past the limit is an Input Too Large error', () => {
    const error = failure(() => decompileWithLimit(nest(10_000, new Uint8Array(0)), 5_000_000));
    expect(error.kind).toBe('Input Too Large');
    expect(error.message).toContain('5000000');
  });
});

describe('runaway indentation', () => {
  it('a long run of indent atoms is refused once the text passes the limit', () => {
    const run = new Uint8Array(3 * 20_000);
    for (let i = 0; i < run.length; i += 3) run.set([0x01, 0x00, 0x00], i); // man_start_object, empty
    const error = failure(() => decompileWithLimit(run, 10_000_000));
    expect(error.kind).toBe('Input Too Large');
    // the same input under a limit it fits in: 20,000 lines indented 0 … 19,999 levels
    const text = decompileWithLimit(run.subarray(0, 3 * 1_000), 10_000_000);
    expect(text.split('\n')[999]).toBe(`${'  '.repeat(999)}man_start_object`);
  });
});
