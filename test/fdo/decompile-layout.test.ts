/** The text layout of spec 3: one shared level counter, stream blocks, unknown atoms, comments. */
import { describe, expect, it } from 'vitest';
import { decompile } from '@/lib/fdo/decompile';

function bytes(hex: string): Uint8Array {
  const digits = hex.replace(/\s+/g, '');
  return Uint8Array.from({ length: digits.length / 2 }, (_, i) => parseInt(digits.slice(2 * i, 2 * i + 2), 16));
}

const dec = (hex: string): string => decompile(bytes(hex));

describe('levels (3.2)', () => {
  it('indent after the line, outdent before it, clamped at 0', () => {
    expect(dec('00 01 01 00  01 00 01 06  01 02 00  01 02 00  01 02 00  00 10 00')).toBe(
      'uni_start_stream <00x>\n  man_start_object <trigger, "">\n  man_end_object\nman_end_object\nman_end_object\nuni_wait_off\n',
    );
  });

  it('man_start_sibling outdents then indents', () => {
    expect(dec('01 00 01 00  01 01 01 00  01 11 00')).toBe('man_start_object <org_group, "">\nman_start_sibling <org_group, "">\n  man_update_display\n');
  });

  it('an empty atom prints its bare name, never <>', () => {
    expect(dec('01 14 00')).toBe('man_append_data\n');
  });
});

describe('stream blocks (3.3)', () => {
  it('the worked example of 7.2: drift after act_replace_select_action', () => {
    // level 4 first: two objects and a stream start
    const head = '00 01 01 00  01 00 01 00  01 00 01 00  01 00 01 00';
    const block = '02 04 09  00 01 01 00  03 0a 02 62 66';
    const text = dec(`${head} ${block} 01 01 0c 06 41 63 74 69 76 65 20 42 61 63 6b`);
    expect(text.split('\n').slice(4).join('\n')).toBe(
      [
        '        act_replace_select_action',
        '            <',
        '            uni_start_stream <00x>',
        '            de_ez_send_form <"bf">',
        '            >',
        '        man_start_sibling <trigger, "Active Back">',
        '',
      ].join('\n'),
    );
  });

  it('closing a block lowers the level without the clamp; negative levels print at column 0', () => {
    expect(dec('02 21 03 00 02 00  02 21 03 00 02 00  00 01 00  00 01 00  01 11 00')).toBe(
      [
        'act_prepend_action',
        '  <',
        'uni_end_stream',
        '>',
        'act_prepend_action',
        '<',
        'uni_end_stream',
        '>',
        'uni_start_stream',
        'uni_start_stream',
        '  man_update_display',
        '',
      ].join('\n'),
    );
  });

  it('nested streams start with current protocol 0 and leave the outer one unchanged (2.4)', () => {
    expect(dec('01 02 00 02 03 01 62 62')).toBe('man_end_object\nact_replace_action\n    <\n  uni_end_stream\n  >\nact_set_inheritance\n');
  });
});

describe('unknown atoms (3.1, 7.3)', () => {
  it('print at column 0 and leave the level unchanged', () => {
    expect(dec('01 00 01 01  10 cc 01 01  10 08 01 5b')).toBe('man_start_object <ind_group, "">\nthe_unknown <16, 204, 01x>\n  mat_orientation <vff>\n');
  });

  it('inside a nested stream too', () => {
    expect(dec('02 03 04 10 cc 01 01')).toBe('act_replace_action\n    <\nthe_unknown <16, 204, 01x>\n    >\n');
  });
});

describe('comments (8.3)', () => {
  it.each([
    ['e8 13 24 06 20 68 65 6c 6c 6f', '; hello\n'],
    ['e8 13 24 00', ';\n'],
    ['e8 13 24 08 3b 20 64 6f 75 62 6c 65', ';; double\n'],
    ['e8 13 24 03 01 22 ff', ';\x01"\xff\n'],
    ['00 01 01 00  e8 13 24 03 20 68 69', 'uni_start_stream <00x>\n  ; hi\n'],
  ])('%s', (input, text) => {
    expect(dec(input)).toBe(text);
  });

  it('a comment inside a nested stream', () => {
    expect(dec('02 06 06 e8 13 24 02 20 78')).toBe('act_modify_action\n  <\n  ; x\n  >\n');
  });
});

describe('edge inputs (2.9)', () => {
  it('an empty buffer is empty text', () => {
    expect(decompile(new Uint8Array(0))).toBe('');
  });

  it('only prefix bytes is empty text', () => {
    expect(dec('e8 f0 ff')).toBe('');
  });

  it('reads a subarray without looking outside it', () => {
    const whole = bytes('01 14 02 68 69 01 02 00');
    expect(decompile(whole.subarray(0, 5))).toBe('man_append_data <"hi">\n');
    expect(decompile(whole.subarray(5))).toBe('man_end_object\n');
  });
});
