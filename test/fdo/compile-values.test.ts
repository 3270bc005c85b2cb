/**
 * Value encodings on compile, type by type: the compile rows of spec Appendix A.10-A.18,
 * A.20 and A.21, with the conforming result where spec 8.8 says the reference differs.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '@/lib/fdo/compile';
import { FdoError } from '@/lib/fdo/errors';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** [atom name (or whole line), value, expected data bytes]: the header is checked separately. */
type Row = readonly [string, string];

function expectRows(rows: readonly Row[]): void {
  for (const [source, want] of rows) {
    expect(`${source} -> ${hex(compile(source))}`).toBe(`${source} -> ${want}`);
  }
}

function expectKind(source: string, kind: string): void {
  let caught: unknown;
  try {
    compile(source);
  } catch (err) {
    caught = err;
  }
  expect(caught, source).toBeInstanceOf(FdoError);
  expect(`${source}: ${(caught as FdoError).kind}`).toBe(`${source}: ${kind}`);
}

describe('numbers and GIDs (A.18, 8.4)', () => {
  it('writes dwords in the fewest bytes, negatives as 4 bytes', () => {
    expectRows([
      ['uni_sync_skip <0>', '00 07 01 00'],
      ['uni_sync_skip <255>', '00 07 01 ff'],
      ['uni_sync_skip <256>', '00 07 02 01 00'],
      ['uni_sync_skip <65536>', '00 07 03 01 00 00'],
      ['uni_sync_skip <16777216>', '00 07 04 01 00 00 00'],
      // 8.8: the reference clamps these to 7f ff ff ff and rejects negatives
      ['uni_sync_skip <2147483648>', '00 07 04 80 00 00 00'],
      ['uni_sync_skip <4294967295>', '00 07 04 ff ff ff ff'],
      ['uni_sync_skip <-1>', '00 07 04 ff ff ff ff'],
      ['uni_sync_skip <-128>', '00 07 04 ff ff ff 80'],
      ['uni_sync_skip <-2147483648>', '00 07 04 80 00 00 00'],
    ]);
  });

  it('reads hex, octal and the other accepted dword forms', () => {
    expectRows([
      ['uni_sync_skip <0x10>', '00 07 01 10'],
      ['uni_sync_skip <0XFF>', '00 07 01 ff'],
      ['uni_sync_skip <010>', '00 07 01 08'],
      ['uni_sync_skip <007>', '00 07 01 07'],
      ['uni_sync_skip <0x>', '00 07 01 00'],
      ['uni_sync_skip <05x>', '00 07 01 05'],
      ['uni_sync_skip <00x, 05x>', '00 07 02 00 05'],
      ['uni_sync_skip <"ab">', '00 07 02 61 62'],
      ['uni_sync_skip <1-2-3>', '00 07 04 01 02 00 03'],
      ['uni_sync_skip <>', '00 07 00'],
    ]);
  });

  it('rejects malformed and out-of-range numbers', () => {
    expectKind('uni_sync_skip <99999999999>', 'Value Too Large');
    expectKind('uni_sync_skip <4294967296>', 'Value Too Large');
    expectKind('uni_sync_skip <-2147483649>', 'Value Too Large');
    for (const bad of ['+5', 'abc', '1e3', '1.5', '0b101', '5abc', '08', '09']) {
      expectKind(`uni_sync_skip <${bad}>`, 'Bad Number Format');
    }
    expectKind('uni_sync_skip <1 | 2>', 'Missing Close Bracket');
    expectKind('uni_sync_skip <5, 6>', 'Missing Close Bracket');
  });

  it('writes GIDs by their number of parts, even with a zero first part (8.8)', () => {
    expectRows([
      ['man_close <1-2-3>', '01 03 04 01 02 00 03'],
      ['man_close <1-2>', '01 03 03 01 00 02'],
      ['man_close <32-105>', '01 03 03 20 00 69'],
      ['man_close <0-0-5>', '01 03 04 00 00 00 05'],
      ['man_close <0-5>', '01 03 03 00 00 05'],
      ['man_close <0-0>', '01 03 03 00 00 00'],
      ['man_close <0x20-5>', '01 03 03 20 00 05'],
      ['man_close <258>', '01 03 02 01 02'],
      ['man_close <01x, 02x, 03x, 04x, 05x>', '01 03 05 01 02 03 04 05'],
    ]);
    expectKind('man_close <1-256-3>', 'Bad Global ID Format');
    expectKind('man_close <1-2-65536>', 'Bad Global ID Format');
    expectKind('man_close <256-0-0>', 'Bad Global ID Format');
    expectKind('man_close <1--2>', 'Bad Global ID Format');
    expectKind('man_close <-1>', 'Bad Global ID Format');
    expectKind('man_close <1-2-3-4>', 'Bad Global ID Format');
  });

  it('reads raw values as hex items, numbers and strings', () => {
    expectRows([
      ['uni_start_stream <0000009fx>', '00 01 01 9f'],
      ['uni_start_stream <fx>', '00 01 01 0f'],
      ['uni_start_stream <FFX>', '00 01 01 ff'],
      ['uni_start_stream <123x>', '00 01 02 01 23'],
      ['uni_start_stream <0x1f>', '00 01 01 1f'],
      ['uni_start_stream <12>', '00 01 01 0c'],
      ['uni_start_stream <"ab">', '00 01 02 61 62'],
      ['uni_start_stream <00x 01x>', '00 01 02 00 01'],
    ]);
    expectKind('uni_start_stream <00x,,01x>', 'Bad Hex Format');
    expectKind('uni_start_stream <gx>', 'Bad Hex Format');
  });

  it('reads bytelists, bytes and words', () => {
    expectRows([
      ['mat_color_face <1 2 3>', '10 52 03 01 02 03'],
      ['mat_color_face <1,2,3>', '10 52 03 01 02 03'],
      ['mat_color_face <1, ffx>', '10 52 02 01 ff'],
      ['mat_color_face <"ab">', '10 52 02 61 62'],
      ['mat_color_face <0x10, 010>', '10 52 02 10 08'],
      ['mat_color_face <128, 160, 176>', '10 52 03 80 a0 b0'],
      ['ccl_select_com_device <5>', 'e8 02 13 02 00 05'],
    ]);
    expectKind('mat_color_face <256>', 'Value Too Large'); // 8.8: the reference writes 01 00
    expectKind('mat_color_face <-1>', 'Bad Byte Format');
    expectKind('mat_spacing <300>', 'Value Too Large');
  });
});

describe('strings, objstart, orientation, alerts, tokens (A.9-A.13, A.21)', () => {
  it('undoes the string escapes and keeps raw bytes', () => {
    expectRows([
      ['man_append_data <"a\\x41b">', '01 14 03 61 41 62'],
      ['man_append_data <"\\x4A">', '01 14 01 4a'],
      ['man_append_data <"tab\\tnl\\nret\\r">', '01 14 0b 74 61 62 09 6e 6c 0a 72 65 74 0d'],
      ['man_append_data <"a\\"b">', '01 14 03 61 22 62'],
      ['man_append_data <"\\\\">', '01 14 01 5c'],
      ['man_append_data <"\xff\xe9">', '01 14 02 ff e9'],
      ['man_append_data <"a<b>,c">', '01 14 06 61 3c 62 3e 2c 63'],
      ['man_append_data <5>', '01 14 01 05'],
      ['man_append_data <61x, 01x>', '01 14 02 61 01'],
    ]);
    for (const bad of ['\\101', '\\q', '\\X41', '\\0', '\\a', "\\'", '\\xZZ', 'x\\x4']) {
      expectKind(`man_append_data <"${bad}">`, 'Bad Escape Sequence');
    }
    expectKind('man_append_data <abc>', 'Missing Quote');
    expectKind("man_append_data <'ab'>", 'Missing Quote');
    expectKind('man_append_data <"a", "b">', 'Missing Close Bracket');
    expectKind('man_append_data <"a" "b">', 'Missing Close Bracket');
    expectKind('man_append_data <"abc>', 'Missing Close Bracket');
  });

  it('reads booleans', () => {
    expectRows([
      ['mat_bool_disabled <yes>', '10 01 01 01'],
      ['mat_bool_disabled <no>', '10 01 01 00'],
      ['mat_bool_disabled <true>', '10 01 01 01'],
      ['mat_bool_disabled <FALSE>', '10 01 01 00'],
      ['mat_bool_disabled <YES>', '10 01 01 01'],
      ['mat_bool_disabled <2>', '10 01 01 02'],
      ['mat_bool_disabled <01x>', '10 01 01 01'],
    ]);
    expectKind('mat_bool_disabled <on>', 'Bad Boolean Format');
    expectKind('mat_bool_disabled <y>', 'Bad Boolean Format');
  });

  it('reads object types by name, alias or number, with or without a title', () => {
    expectRows([
      ['man_start_object <trigger, "OK">', '01 00 03 06 4f 4b'],
      ['man_start_object <TRIGGER, "OK">', '01 00 03 06 4f 4b'],
      ['man_start_object <trigger>', '01 00 01 06'],
      ['man_start_object <trigger "x">', '01 00 02 06 78'],
      ['man_start_object <org_group, "">', '01 00 01 00'],
      ['man_start_object <104, "A">', '01 00 02 68 41'],
      ['man_start_object <boolean, "">', '01 00 01 0a'],
      ['man_start_object <tab_page, "">', '01 00 01 13'],
    ]);
    const aliases: Record<string, string> = {
      independent: '01',
      dynamic_multilist: '02',
      static_multilist: '03',
      dynamic_list: '04',
      static_list: '05',
      editable_view: '09',
      selectable_boolean: '0b',
      selectable_range: '0d',
      toolbar_group: '11',
    };
    for (const [alias, code] of Object.entries(aliases)) {
      expect(hex(compile(`man_start_object <${alias}, "">`))).toBe(`01 00 01 ${code}`);
    }
    expectKind('man_start_object <"x">', 'Bad Object Name Format'); // 8.8: the reference writes the title alone
    expectKind('man_start_object <300, "x">', 'Value Too Large'); // 8.8
    expectKind('man_start_object <06x, "x">', 'Bad Hex Format');
    expectKind('man_start_object <ruler, "">', 'Bad Object Name Format');
    expectKind('man_start_object <trigger, x>', 'Missing Quote');
  });

  it('reads orientations', () => {
    expectRows([
      ['mat_orientation <vff>', '10 08 01 5b'],
      ['mat_orientation <VFF>', '10 08 01 5b'],
      ['mat_orientation <vffx>', '10 08 01 5b'],
      ['mat_orientation <hcc>', '10 08 01 00'],
      ['mat_orientation <hef>', '10 08 01 23'],
      ['mat_orientation <67>', '10 08 01 43'],
      ['mat_orientation <43x>', '10 08 01 43'],
    ]);
    expectKind('mat_orientation <vf>', 'Bad Orientation Format');
    expectKind('mat_orientation <xff>', 'Bad Orientation Format');
    expectKind('mat_orientation <vzf>', 'Bad Orientation Format');
  });

  it('reads alerts', () => {
    expectRows([
      ['async_alert <info, "Hi">', '0d 07 03 01 48 69'],
      ['async_alert <INFO, "Hi">', '0d 07 03 01 48 69'],
      ['async_alert <yes_no_cancel, "Hi">', '0d 07 03 08 48 69'],
      ['async_alert <info "x">', '0d 07 02 01 78'],
      ['async_alert <?, "Hi">', '0d 07 03 00 48 69'],
      ['async_alert <info>', '0d 07 01 01'],
      ['async_alert <info, "">', '0d 07 01 01'],
    ]);
    expectKind('async_alert <"Hi">', 'Bad Alert Name Format'); // 8.8
    expectKind('async_alert <bogus, "x">', 'Bad Alert Name Format');
  });

  it('reads tokens with every argument form', () => {
    expectRows([
      ['man_do_magic_token_arg <"AB">', '01 05 02 41 42'],
      ['man_do_magic_token_arg <"AB", 0>', '01 05 03 41 42 00'],
      ['man_do_magic_token_arg <"AB", 256>', '01 05 04 41 42 01 00'],
      ['man_do_magic_token_arg <"AB", 65536>', '01 05 05 41 42 01 00 00'],
      ['man_do_magic_token_arg <"AB", 1-515>', '01 05 05 41 42 01 02 03'],
      ['man_do_magic_token_arg <"AB", 0-0>', '01 05 05 41 42 00 00 00'], // 8.8: reference writes 41 42 00
      ['man_do_magic_token_arg <"AB", 1-2-772>', '01 05 06 41 42 01 02 03 04'],
      ['man_do_magic_token_arg <"AB", 01x, 02x>', '01 05 04 41 42 01 02'],
      ['man_do_magic_token_arg <"A\\x42", 5>', '01 05 03 41 42 05'], // 8.8: reference says Missing Quote
      ['man_do_magic_token_arg <"A\\x42">', '01 05 02 41 42'],
      ['man_do_magic_token_arg <"ABC">', '01 05 03 41 42 43'],
      ['man_do_magic_token_arg <"">', '01 05 00'],
      ['sm_m_send_token_arg <5>', '0e 18 01 05'],
      ['sm_m_send_token_arg <"ab" 5>', '0e 18 03 61 62 05'],
      ['sm_m_send_token_arg <"ab", 1x>', '0e 18 03 61 62 01'],
      ['sm_m_send_token_arg <"3V", 01x, 00x, 00x, 00x, 01x>', '0e 18 07 33 56 01 00 00 00 01'],
    ]);
    expectKind('sm_m_send_token_arg <"ab", ab>', 'Bad Global ID Format');
    expectKind('man_do_magic_token_arg <"ABC", 5>', 'Missing Quote');
  });
});

describe('criteria, atom references, registers (A.12, A.14, A.15, A.21)', () => {
  it('accepts all 26 criterion names and numbers', () => {
    const names = [
      'void',
      'select',
      'close',
      'open',
      'gain_focus',
      'lose_focus',
      'cancel',
      'enter_free',
      'enter_paid',
      'create',
      'online',
      'offline',
      'restore',
      'unknown',
      'minimize',
      'restore_from_maximize',
      'restore_from_minimize',
      'time_out',
      'screen_name_changed',
      'movie_over',
      'drop',
      'url_drop',
      'user_delete',
      'toggle_up',
      'activated',
      'deactivated',
    ];
    names.forEach((name, code) => {
      expect(hex(compile(`act_set_criterion <${name}>`))).toBe(`02 00 01 ${code.toString(16).padStart(2, '0')}`);
    });
    expectRows([
      ['act_set_criterion <SELECT>', '02 00 01 01'],
      ['act_set_criterion <300>', '02 00 02 01 2c'],
      ['act_set_criterion <7>', '02 00 01 07'],
      ['act_set_criterion <ffx, ffx, ffx, ffx>', '02 00 04 ff ff ff ff'],
    ]);
    for (const bad of ['popupmenu', 'destroyed', 'set_online', 'timeout']) {
      expectKind(`act_set_criterion <${bad}>`, 'Bad Number Format');
    }
  });

  it('writes atom references as protocol and atom number', () => {
    expectRows([
      ['uni_use_last_atom_data <man_append_data>', '00 34 02 01 14'],
      ['uni_use_last_atom_data <MAN_APPEND_DATA>', '00 34 02 01 14'],
      ['uni_use_last_atom_data <01x, 14x>', '00 34 02 01 14'],
      ['uni_use_last_atom_data <ccl_hang_up>', '00 34 02 22 01'],
    ]);
    expectKind('uni_use_last_atom_data <the_unknown>', 'Unrecognized Atom');
    expectKind('uni_use_last_atom_data <no_such_atom>', 'Unrecognized Atom');
  });

  it('reads register letters, numbers and strings', () => {
    expectRows([
      ['var_number_get <a>', '0c 03 01 00'],
      ['var_number_get <A, B>', '0c 03 02 00 01'],
      ['var_number_get <AB>', '0c 03 01 00'],
      ['var_string_concatenate_regs <A, B>', '0c 64 02 00 01'],
      ['var_number_set <A>', '0c 01 01 00'],
      ['var_number_set <A, 0>', '0c 01 02 00 00'],
      ['var_number_set <A, 70000>', '0c 01 04 00 01 11 70'],
      ['var_number_set <A,5>', '0c 01 02 00 05'],
      ['var_number_set <b, 5>', '0c 01 02 01 05'],
      ['var_number_set <A, 05x>', '0c 01 02 00 05'],
      ['var_number_set <5>', '0c 01 01 05'],
      ['var_number_set <A, 4294967295>', '0c 01 05 00 ff ff ff ff'], // 8.8: reference clamps
      ['var_string_set <A>', '0c 05 01 00'],
      ['var_string_set <A,"A">', '0c 05 02 00 41'],
      ['var_string_set <A, "x">', '0c 05 02 00 78'],
      ['var_string_set <A,"">', '0c 05 01 00'],
      ['var_string_set <A,"\\x01\\x02">', '0c 05 03 00 01 02'],
      ['var_string_set <A, 01x, 02x>', '0c 05 03 00 01 02'],
      ['var_string_set <"x">', '0c 05 01 78'],
    ]);
    expectKind('var_number_get <[>', 'Bad Letter Format');
    expectKind('var_number_set <A, -1>', 'Bad Global ID Format');
    expectKind('var_string_set <A, x>', 'Missing Quote');
  });
});

describe('enumerations and multi-field atoms (A.16, A.17, 5.5, 6.3)', () => {
  it('writes names in the table size, unions as ORs and lone numbers in the fewest bytes', () => {
    expectRows([
      ['de_validate <display_msg>', '03 10 01 01'],
      ['de_validate <4 | display_msg>', '03 10 01 05'],
      ['de_validate <display_msg|terminate>', '03 10 01 03'],
      ['de_validate <1 | 2>', '03 10 01 03'],
      ['de_validate <300>', '03 10 02 01 2c'],
      ['buf_start_buffer <token_header>', '04 00 04 00 00 00 01'],
      ['buf_start_buffer <0>', '04 00 01 00'],
      ['buf_start_buffer <159>', '04 00 01 9f'],
      ['buf_start_buffer <1 | 2>', '04 00 04 00 00 00 03'],
      ['buf_start_buffer <-2147483648>', '04 00 04 80 00 00 00'],
      ['mat_trigger_style <place>', '10 58 02 00 01'],
      ['mat_trigger_style <PLACE>', '10 58 02 00 01'],
      ['mat_trigger_style <10>', '10 58 01 0a'],
      ['mat_trigger_style <70000>', '10 58 03 01 11 70'],
      ['mat_title_pos <center>', '10 11 01 00'],
      ['mat_title_pos <left | center | 4>', '10 11 01 04'],
      ['mat_title_pos <below | 3>', '10 11 01 c3'],
      ['mat_text_on_picture_pos <art_lower_right>', '10 87 01 80'],
      ['mat_position <center_center>', '10 40 01 05'],
      ['hfs_cmd_command <-1>', 'e8 13 2d 04 ff ff ff ff'],
    ]);
    expectKind('de_validate <bogus>', 'Unrecognized Enum');
    expectKind('mat_trigger_style <place | picture>', 'Missing Close Bracket'); // 8.8: reference keeps the first
    expectKind('de_validate <256 | 1>', 'Value Too Large');
    expectKind('de_validate <-1>', 'Bad Number Format');
  });

  it('assigns multi values to fields in order', () => {
    expectRows([
      ['mat_size <25>', '10 17 01 19'],
      ['mat_size <60, 10>', '10 17 02 3c 0a'],
      ['mat_size <25, 1, 32>', '10 17 04 19 01 00 20'],
      ['mat_size <25,1,32>', '10 17 04 19 01 00 20'],
      ['mat_size <25, 1, 32, >', '10 17 04 19 01 00 20'], // the decompiler's dangling ", " (6.2)
      ['mat_size <19x, 01x, 00x>', '10 17 03 19 01 00'], // 8.8: raw data, not one item per field
      ['mat_font_sis <arial, 10, 8 | bold>', '10 0a 03 00 0a 09'],
      ['mat_font_sis <255, 7, 255>', '10 0a 03 ff 07 ff'],
      ['mat_font_sis <arial>', '10 0a 01 00'],
      ['mat_font_sis <arial, 7, normal, >', '10 0a 03 00 07 00'],
      ['mat_auto_complete <other_list, std_sort_search | 2>', '10 b9 02 02 03'],
      ['hfs_attr_field_mapping <1>', 'e8 13 00 04 00 00 00 01'],
      ['hfs_attr_field_mapping <-1, 1>', 'e8 13 00 08 ff ff ff ff 00 00 00 01'],
      ['hfs_attr_field_mapping <1, 2, >', 'e8 13 00 08 00 00 00 01 00 00 00 02'],
      ['hfs_attr_checkbox_mapping <6, "|||">', 'e8 13 1e 07 00 00 00 06 7c 7c 7c'],
      ['uni_use_last_atom_string <man_append_data, 41x>', '00 0a 03 01 14 41'],
      ['uni_use_last_atom_string <uni_command, 00x, 00x, 20x>', '00 0a 05 00 3e 00 00 20'],
      ['uni_diagnostic_msg <5, 01x, 02x>', '00 24 03 05 01 02'],
      ['uni_diagnostic_msg <5, "A\\x00B">', '00 24 04 05 41 00 42'],
    ]);
    expectKind('mat_size <25, 1, 32, 5>', 'Missing Close Bracket');
    expectKind('mat_size <25, 1, 70000>', 'Value Too Large');
    expectKind('mat_size <300, 1, 32>', 'Value Too Large');
    expectKind('mat_size <25, , 32>', 'Bad Number Format');
    expectKind('mat_font_sis <bogus, 10, bold>', 'Unrecognized Enum');
  });
});

describe('the_unknown and large atoms (A.20, 2.8)', () => {
  it('writes the_unknown as a FULL atom with the prefix for protocols 32-127', () => {
    expectRows([
      ['the_unknown <98, 1>', 'f8 02 01 00'],
      ['the_unknown <98, 1, 05x>', 'f8 02 01 01 05'],
      ['the_unknown <98, 1, 5>', 'f8 02 01 01 05'],
      ['the_unknown <16, 204, 01x, 02x>', '10 cc 02 01 02'],
      ['the_unknown <0, 163, 05x, 41x>', '00 a3 02 05 41'],
      ['the_unknown <127, 255>', 'f8 1f ff 00'],
      ['THE_UNKNOWN <98, 1>', 'f8 02 01 00'],
      ['the_unknown <34, 1>', 'e8 02 01 00'],
      ['the_unknown <64, 1>', 'f0 00 01 00'],
    ]);
    expectKind('the_unknown <300, 1>', 'Value Too Large'); // 8.8: the reference writes garbage
    expectKind('the_unknown <5, 300>', 'Value Too Large');
    expectKind('the_unknown <128, 0>', 'Value Too Large');
    expectKind('the_unknown <98>', 'Bad Hex Format');
    expectKind('the_unknown <>', 'Bad Hex Format');
    expectKind('the_unknown <98, 1, "ab">', 'Bad Hex Format');
    expectKind('the_unknown', 'Missing Open Bracket');
  });

  it('compiles the large-atom control atoms as ordinary atoms', () => {
    expect(hex(compile('uni_start_large_atom <01x, 14x>\nuni_large_atom_segment <61x, 62x>\nuni_end_large_atom <63x>\n'))).toBe(
      '00 04 02 01 14 00 05 02 61 62 00 06 01 63',
    );
  });

  it('uses the shortest length field up to 32,767 bytes (A.4)', () => {
    for (const [n, header] of [
      [127, '01 14 7f'],
      [128, '01 14 80 80'],
      [32767, '01 14 ff ff'],
    ] as const) {
      const out = compile(`man_append_data <"${'a'.repeat(n)}">`);
      expect(hex(out.subarray(0, header.split(' ').length))).toBe(header);
      expect(out.length).toBe(header.split(' ').length + n);
    }
  });

  it('splits data longer than 32,767 bytes into the large-atom form (2.8)', () => {
    const n = 70_000;
    const out = compile(`man_append_data <"${'a'.repeat(32767)}${'b'.repeat(32767)}${'c'.repeat(n - 65534)}">`);
    // START 01/14, two full segments, then END with the remaining 4,466 bytes
    expect(hex(out.subarray(0, 5))).toBe('00 04 02 01 14');
    expect(hex(out.subarray(5, 9))).toBe('00 05 ff ff');
    expect(out[9]).toBe(0x61);
    expect(out[9 + 32766]).toBe(0x61);
    const second = 9 + 32767;
    expect(hex(out.subarray(second, second + 4))).toBe('00 05 ff ff');
    expect(out[second + 4]).toBe(0x62);
    const end = second + 4 + 32767;
    expect(hex(out.subarray(end, end + 4))).toBe(`00 06 ${(0x80 | (4466 >> 8)).toString(16)} ${(4466 & 0xff).toString(16)}`);
    expect(out[end + 4]).toBe(0x63);
    expect(out.length).toBe(end + 4 + 4466);
  });

  it('ends the large-atom form with a one-byte or a full-size END as the rest requires', () => {
    const short = compile(`man_append_data <"${'a'.repeat(32767 + 5)}">`);
    expect(hex(short.subarray(0, 9))).toBe('00 04 02 01 14 00 05 ff ff');
    expect(hex(short.subarray(9 + 32767))).toBe('00 06 05 61 61 61 61 61');
    const exact = compile(`man_append_data <"${'a'.repeat(65534)}">`);
    expect(hex(exact.subarray(9 + 32767, 9 + 32767 + 4))).toBe('00 06 ff ff');
    expect(exact.length).toBe(9 + 32767 + 4 + 32767);
  });

  it('splits a long protocol-51 atom with the full protocol in the START data', () => {
    const out = compile(`hfs_attr_fdo_comment <"${'x'.repeat(40_000)}">`);
    expect(hex(out.subarray(0, 5))).toBe('00 04 02 33 24');
    expect(hex(out.subarray(5, 9))).toBe('00 05 ff ff');
  });

  it('splits a nested stream longer than 32,767 bytes, its inner bytes being the payload', () => {
    const inner = Array.from({ length: 4000 }, () => 'man_append_data <"0123456789">').join('\n');
    const innerBytes = compile(inner);
    const out = compile(`act_replace_action\n<\n${inner}\n>\n`);
    expect(innerBytes.length).toBe(4000 * 13);
    expect(hex(out.subarray(0, 5))).toBe('00 04 02 02 03');
    expect(hex(out.subarray(5, 9))).toBe('00 05 ff ff');
    const payload = new Uint8Array(innerBytes.length);
    payload.set(out.subarray(9, 9 + 32767));
    payload.set(out.subarray(9 + 32767 + 4), 32767);
    expect(hex(out.subarray(9 + 32767, 9 + 32767 + 4))).toBe(
      `00 06 ${(0x80 | ((52000 - 32767) >> 8)).toString(16)} ${((52000 - 32767) & 0xff).toString(16).padStart(2, '0')}`,
    );
    expect(Buffer.from(payload).equals(Buffer.from(innerBytes))).toBe(true);
  });
});
