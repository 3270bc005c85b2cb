/**
 * The hand-written input forms of spec 8.2-8.3 (layout, names, comments, nested streams) and
 * the grammar rows of Appendix A.19: all compile to the reference's bytes (or the conforming
 * result of 8.8).
 */
import { describe, expect, it } from 'vitest';
import { compile } from '@/lib/fdo/compile';
import { MAX_STREAM_DEPTH } from '@/lib/fdo/compile/stream';
import { loadCorpus } from '../support/corpus';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function expectSame(sources: readonly string[], want: string): void {
  for (const source of sources) expect(`${JSON.stringify(source)} -> ${hex(compile(source))}`).toBe(`${JSON.stringify(source)} -> ${want}`);
}

describe('lines, spaces and names (8.2, A.19)', () => {
  it('ignores blank lines, indentation, tabs and trailing spaces', () => {
    expectSame(
      [
        'uni_start_stream <00x>\nuni_end_stream\n',
        '\n\nuni_start_stream <00x>\n\n\nuni_end_stream\n\n',
        '\tuni_start_stream <00x>\n\t\tuni_end_stream\n',
        '      uni_start_stream <00x>   \n  \t  uni_end_stream  \t\n',
        '   \n \t \nuni_start_stream <00x>\n   \nuni_end_stream',
      ],
      '00 01 01 00 00 02 00',
    );
  });

  it('accepts LF, CRLF and CR line ends, and no line end at the end', () => {
    expectSame(
      [
        'uni_start_stream <00x>\r\nuni_end_stream\r\n',
        'uni_start_stream <00x>\runi_end_stream\r',
        'uni_start_stream <00x>\nuni_end_stream',
        'uni_start_stream <00x>\r\n\r\n\runi_end_stream',
      ],
      '00 01 01 00 00 02 00',
    );
    expectSame(['uni_start_stream <00x>'], '00 01 01 00');
  });

  it('reads names and keywords in any case, with optional spaces around punctuation', () => {
    expectSame(
      [
        'uni_start_stream <00x>\n',
        'uni_start_stream\t<00x>\n',
        'uni_start_stream<00x>\n',
        'UNI_START_STREAM <00x>\n',
        'Uni_Start_Stream <00X>\n',
        'uni_start_stream\n<00x>\n',
        'uni_start_stream\n\n   <\n00x\n>\n',
      ],
      '00 01 01 00',
    );
    expectSame(['uni_start_stream < 00x , 01x >\n', 'uni_start_stream <00x,\n01x>\n', 'uni_start_stream <00x,01x>'], '00 01 02 00 01');
    expectSame(['mat_size <25,1,32>', 'mat_size < 25 , 1 , 32 >', 'MAT_SIZE <25, 1, 32>'], '10 17 04 19 01 00 20');
    expectSame(['de_validate <display_msg|terminate>', 'de_validate < display_msg | terminate >', 'de_validate <TERMINATE | Display_Msg>'], '03 10 01 03');
    expectSame(['man_start_object <TRIGGER, "OK">', 'man_start_object <trigger,"OK">'], '01 00 03 06 4f 4b');
    expectSame(['act_set_criterion <SELECT>'], '02 00 01 01');
    expectSame(['mat_orientation <VFF>'], '10 08 01 5b');
    expectSame(['mat_font_sis <ARIAL, 10, BOLD>'], '10 0a 03 00 0a 01');
    expectSame(['var_number_get <a>'], '0c 03 01 00');
  });

  it('treats <> and a bare name as empty data, for every type', () => {
    for (const name of ['uni_start_stream', 'man_start_object', 'async_alert', 'mat_size', 'mat_orientation', 'man_append_data', 'de_validate']) {
      expect(compile(`${name} <>`)).toEqual(compile(name));
      expect(compile(name)[2]).toBe(0);
    }
    expectSame(['uni_start_stream <>\n'], '00 01 00');
  });

  it('reads several atoms on one line and values spanning lines', () => {
    expectSame(
      ['uni_start_stream <00x> uni_end_stream\n', 'uni_start_stream<00x>uni_end_stream', 'uni_start_stream <00x>\nuni_end_stream <>'],
      '00 01 01 00 00 02 00',
    );
    // 8.2: a conforming compiler reads the word after a bare name as the next atom
    expectSame(['uni_end_stream uni_end_stream'], '00 02 00 00 02 00');
    expectSame(['man_append_data\n<\n"x"\n>\n'], '01 14 01 78');
    expectSame(['man_append_data <"a\nb">\n'], '01 14 03 61 0a 62');
    expectSame(['man_append_data <"a\r\nb">\n'], '01 14 04 61 0d 0a 62');
  });

  it('accepts numbers in place of names and hex in place of values', () => {
    expectSame(['man_start_object <6, "OK">', 'man_start_object <0x6, "OK">'], '01 00 03 06 4f 4b');
    expectSame(['mat_position <5>', 'mat_position <center_center>', 'mat_position <05x>'], '10 40 01 05');
    expectSame(['de_validate <3>', 'de_validate <1 | terminate>'], '03 10 01 03');
    expectSame(['act_set_criterion <1>', 'act_set_criterion <select>', 'act_set_criterion <01x>'], '02 00 01 01');
    expectSame(['async_alert <1, "Hi">', 'async_alert <info, "Hi">'], '0d 07 03 01 48 69');
    expectSame(['mat_bool_disabled <1>', 'mat_bool_disabled <yes>', 'mat_bool_disabled <01x>'], '10 01 01 01');
  });

  it('compiles empty input to an empty binary', () => {
    for (const source of ['', '\n', '   \n', '\r\n\t\r']) expect(compile(source).length).toBe(0);
  });

  it('reads Latin-1 bytes the same as the equivalent string', () => {
    const text = 'man_append_data <"caf\xe9 \xff">\n; r\xe9sum\xe9\n';
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(hex(compile(bytes))).toBe(hex(compile(text)));
    expect(hex(compile(text))).toBe('01 14 06 63 61 66 e9 20 ff e8 13 24 07 20 72 e9 73 75 6d e9');
    // a view into a larger buffer reads only its own bytes
    const padded = new Uint8Array(bytes.length + 10);
    padded.set(bytes, 5);
    expect(hex(compile(padded.subarray(5, 5 + bytes.length)))).toBe(hex(compile(text)));
  });
});

describe('comments (8.3, A.19)', () => {
  it('compiles every comment into an hfs_attr_fdo_comment atom with its raw text', () => {
    expectSame(['; hello\nuni_start_stream <00x>'], 'e8 13 24 06 20 68 65 6c 6c 6f 00 01 01 00');
    expectSame(['uni_start_stream <00x> ; hi'], '00 01 01 00 e8 13 24 03 20 68 69');
    expectSame([';', ';\n'], 'e8 13 24 00');
    expectSame([';a\n'], 'e8 13 24 01 61');
    expectSame([';; double'], 'e8 13 24 08 3b 20 64 6f 75 62 6c 65');
    expectSame(['; a\n; bb\nuni_end_stream\n'], 'e8 13 24 02 20 61 e8 13 24 03 20 62 62 00 02 00');
    expectSame(['uni_end_stream\n; a\n'], '00 02 00 e8 13 24 02 20 61');
    expectSame(['  ; indented comment\nuni_end_stream\n'], `e8 13 24 11 ${hex(Uint8Array.from(' indented comment', (c) => c.charCodeAt(0)))} 00 02 00`);
    expectSame(['uni_start_stream <00x>;a\n'], '00 01 01 00 e8 13 24 01 61');
    expectSame(['uni_start_stream <00x> ; c <01x>\n'], '00 01 01 00 e8 13 24 08 20 63 20 3c 30 31 78 3e');
    expectSame(['; trailing spaces  \r\n'], 'e8 13 24 12 20 74 72 61 69 6c 69 6e 67 20 73 70 61 63 65 73 20 20');
  });

  it('keeps ; inside strings as text', () => {
    expectSame(['man_append_data <"x;y">\n'], '01 14 03 78 3b 79');
  });

  it('puts a comment inside a nested stream into the inner stream', () => {
    expectSame(['act_replace_action\n<\n; inner\nuni_end_stream\n>\n'], '02 03 0d e8 13 24 06 20 69 6e 6e 65 72 00 02 00');
  });

  it('accepts what the reference rejects: a comment after a bare name or right before ">" (8.8)', () => {
    expectSame(['uni_end_stream ; a\nuni_end_stream\n'], '00 02 00 e8 13 24 02 20 61 00 02 00');
    expectSame(['uni_end_stream;a\n'], '00 02 00 e8 13 24 01 61');
    expectSame(['act_replace_action\n<\n  ; c\n>\n', 'act_replace_action <; c\n>'], '02 03 06 e8 13 24 02 20 63');
  });
});

describe('nested streams (2.6, 3.3, 8.6)', () => {
  it('reads a nested stream inline or over many lines', () => {
    expectSame(
      [
        'act_replace_action <uni_start_stream <00x>>\n',
        'act_replace_action <\nuni_start_stream <00x>\n>\n',
        'act_replace_action\n<\nuni_start_stream <00x>\n>\n',
        'act_replace_action\n    <\n    uni_start_stream <00x>\n    >\n',
      ],
      '02 03 04 00 01 01 00',
    );
    // the reference accepts one inline atom; a conforming compiler any number
    expectSame(['act_replace_action <uni_start_stream <00x> uni_end_stream man_end_object>'], '02 03 0a 00 01 01 00 00 02 00 01 02 00');
  });

  it('treats an empty value as empty data, and hex or strings as raw data', () => {
    expectSame(['act_replace_action\n<\n>\n', 'act_replace_action\n', 'act_replace_action <>\n'], '02 03 00');
    expectSame(['act_replace_action <01x, 02x, 00x>\n'], '02 03 03 01 02 00');
    expectSame(['act_replace_action <"x">\n'], '02 03 01 78');
  });

  it('nests streams recursively with unbalanced inner streams', () => {
    const source = [
      'uni_start_stream <00x>',
      '  act_replace_select_action',
      '      <',
      '      uni_start_stream <00x>',
      '        act_modify_action <man_end_object man_end_object>',
      '        the_unknown <98, 1, 05x>',
      '      >',
      '  uni_end_stream <00x>',
    ].join('\n');
    expectSame([source], '00 01 01 00 02 04 12 00 01 01 00 02 06 06 01 02 00 01 02 00 f8 02 01 01 05 00 02 01 00');
  });

  it('uses a two-byte length once the inner stream passes 127 bytes', () => {
    const inner = Array.from({ length: 30 }, () => 'man_append_data <"abcd">').join('\n');
    const out = compile(`act_modify_action\n<\n${inner}\n>\nuni_end_stream`);
    expect(hex(out.subarray(0, 4))).toBe('02 06 80 d2'); // 30 x 7 = 210 bytes
    expect(out.length).toBe(4 + 210 + 3);
    expect(hex(out.subarray(4, 11))).toBe('01 14 04 61 62 63 64');
    expect(hex(out.subarray(out.length - 3))).toBe('00 02 00');
  });

  it('compiles streams nested up to the depth cap', () => {
    const depth = MAX_STREAM_DEPTH;
    const source = `${'act_modify_action <\n'.repeat(depth)}man_end_object\n${'>\n'.repeat(depth)}`;
    let want = Uint8Array.of(0x01, 0x02, 0x00);
    for (let i = 0; i < depth; i++) {
      const n = want.length;
      const header = n <= 127 ? [0x02, 0x06, n] : [0x02, 0x06, 0x80 | (n >> 8), n & 0xff];
      const next = new Uint8Array(header.length + n);
      next.set(header);
      next.set(want, header.length);
      want = next;
    }
    expect(hex(compile(source))).toBe(hex(want));
  });
});

describe('whole texts', () => {
  it('compiles several corpus texts joined into one as their binaries joined (>= 2 MB of text)', () => {
    const pairs = loadCorpus('extended');
    let text = '';
    const parts: Uint8Array[] = [];
    for (const pair of pairs) {
      if (text.length >= 2_000_000) break;
      text += pair.text;
      parts.push(pair.binary);
    }
    const want = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      want.set(p, at);
      at += p.length;
    }
    const out = compile(text);
    expect(out.length).toBe(want.length);
    expect(Buffer.from(out).equals(Buffer.from(want))).toBe(true);
  });

  it('compiles a corpus text the same with CRLF line ends, tabs and upper-case names', () => {
    const pair = loadCorpus('samples')[0];
    const variant = pair.text
      .replace(/\n/g, '\r\n')
      .replace(/^( +)/gm, (s) => '\t'.repeat(s.length / 2))
      .replace(/^(\s*)([a-z_0-9]+)/gm, (_m, indent: string, name: string) => indent + name.toUpperCase());
    expect(variant).not.toBe(pair.text);
    expect(Buffer.from(compile(variant)).equals(Buffer.from(pair.binary))).toBe(true);
  });
});
