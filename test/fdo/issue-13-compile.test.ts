/**
 * Issue 13, compile side: the three hand-written forms the reference reads differently from
 * what the codec used to (spec 5.5, 8.5, 8.6), with the and the document's examples.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '@/lib/fdo/compile';
import { decompile } from '@/lib/fdo/decompile';
import { FdoError } from '@/lib/fdo/errors';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function expectBytes(rows: readonly (readonly [string, string])[]): void {
  for (const [source, want] of rows) expect(`${source} -> ${hex(compile(source))}`).toBe(`${source} -> ${want}`);
}

function kindOf(source: string): string {
  try {
    compile(source);
  } catch (error) {
    expect(error).toBeInstanceOf(FdoError);
    return (error as FdoError).kind;
  }
  return 'compiled';
}

describe('a lone 0x number for an enum is written at the table size (5.5)', () => {
  it('the issue and document examples', () => {
    expectBytes([
      ['mat_trigger_style <0xa>', '10 58 02 00 0a'],
      ['mat_trigger_style <0XA>', '10 58 02 00 0a'],
      ['de_start_extraction <0x0>', '03 02 04 00 00 00 00'],
      ['buf_start_buffer <0x10>', '04 00 04 00 00 00 10'],
      ['de_validate <0xff>', '03 10 01 ff'],
    ]);
    expect(kindOf('de_validate <0x100>')).toBe('Value Too Large');
    expect(kindOf('mat_trigger_style <0x10000>')).toBe('Value Too Large');
  });

  it('decimal and octal numbers still take the fewest bytes', () => {
    expectBytes([
      ['mat_trigger_style <10>', '10 58 01 0a'],
      ['mat_trigger_style <012>', '10 58 01 0a'],
      ['mat_trigger_style <70000>', '10 58 03 01 11 70'],
      ['de_validate <300>', '03 10 02 01 2c'],
    ]);
  });

  it('names, unions and hex items are unchanged', () => {
    expectBytes([
      ['mat_trigger_style <place>', '10 58 02 00 01'],
      ['buf_start_buffer <token_header>', '04 00 04 00 00 00 01'],
      ['buf_start_buffer <1 | 2>', '04 00 04 00 00 00 03'],
      ['buf_start_buffer <0x1 | 2>', '04 00 04 00 00 00 03'],
      ['mat_title_pos <left | center | 4>', '10 11 01 04'],
      ['mat_trigger_style <0ax>', '10 58 01 0a'],
    ]);
  });

  it('a 0x number at the table size decompiles to what the number means', () => {
    // 00 0a is the exclusive value 10: printed in decimal, which compiles to the one-byte form
    expect(decompile(compile('mat_trigger_style <0xa>'))).toBe('mat_trigger_style <10>\n');
  });
});

describe('blanks right after < in the_unknown (8.6)', () => {
  it('the issue example and other blank placements', () => {
    expectBytes([
      ['the_unknown < 16, 204>', '10 cc 00'],
      ['the_unknown <\t16 , 204 >', '10 cc 00'],
      ['the_unknown <  16,204,  01x , 2 >', '10 cc 02 01 02'],
      ['the_unknown <\n16, 204>', '10 cc 00'],
      ['THE_UNKNOWN < 40, 1>', 'e8 08 01 00'],
    ]);
  });

  it('a missing protocol is still Bad Hex Format', () => {
    expect(kindOf('the_unknown < , 204>')).toBe('Bad Hex Format');
    expect(kindOf('the_unknown < >')).toBe('Bad Hex Format');
    expect(kindOf('the_unknown <98>')).toBe('Bad Hex Format');
  });

  it('data items stay bytes (0-255)', () => {
    expect(kindOf('the_unknown <16, 204, 256>')).toBe('Value Too Large');
  });
});

describe('numbers above 255 as raw or string values take the fewest bytes (8.5)', () => {
  it('raw values', () => {
    expectBytes([
      ['uni_start_stream <256>', '00 01 02 01 00'],
      ['uni_start_stream <12>', '00 01 01 0c'],
      ['uni_start_stream <70000>', '00 01 03 01 11 70'],
      ['uni_start_stream <4294967295>', '00 01 04 ff ff ff ff'],
      ['uni_start_stream <0x1234>', '00 01 02 12 34'],
      ['uni_start_stream <256, 1, 01x>', '00 01 04 01 00 01 01'],
      ['uni_start_stream <"ab">', '00 01 02 61 62'],
    ]);
    expect(kindOf('uni_start_stream <4294967296>')).toBe('Value Too Large');
  });

  it('string values', () => {
    expectBytes([
      ['man_append_data <5>', '01 14 01 05'],
      ['man_append_data <256>', '01 14 02 01 00'],
      ['man_append_data <65535>', '01 14 02 ff ff'],
      ['man_append_data <16777216>', '01 14 04 01 00 00 00'],
    ]);
    expect(kindOf('man_append_data <-1>')).toBe('Bad Number Format');
  });

  it('bytelists and byte fields keep refusing values above 255 (8.8)', () => {
    expect(kindOf('if_numa_false_then <1, 256>')).toBe('Value Too Large');
    expectBytes([['if_numa_false_then <1, 255>', '0f 00 02 01 ff']]);
    expect(kindOf('mat_size <300, 1, 32>')).toBe('Value Too Large');
  });
});
