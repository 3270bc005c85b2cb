/**
 * The decompile observations of spec Appendix A (A.1-A.17) and the worked rules of sections
 * 2-6. Rows where the reference reads memory, crashes or breaks its own text assert the
 * spec's Decision instead.
 */
import { describe, expect, it } from 'vitest';
import { decompile } from '@/lib/fdo/decompile';
import { FdoError } from '@/lib/fdo/errors';
import { allAtoms, atomByCode } from '@/lib/fdo/tables';

/** Bytes from hex pairs separated by spaces (`01 02 00`) or run together (`616263`). */
function bytes(hex: string): Uint8Array {
  const digits = hex.replace(/\s+/g, '');
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const all = parts.flatMap((p) => Array.from(p));
  return Uint8Array.from(all);
}

function repeat(byte: number, n: number): number[] {
  return new Array<number>(n).fill(byte);
}

function hexItems(byte: number, n: number): string {
  return new Array<string>(n).fill(`${byte.toString(16).padStart(2, '0')}x`).join(', ');
}

const dec = (hex: string): string => decompile(bytes(hex));

function truncation(input: Uint8Array): FdoError {
  try {
    decompile(input);
  } catch (error) {
    expect(error).toBeInstanceOf(FdoError);
    expect((error as FdoError).kind).toBe('Truncated Atom');
    return error as FdoError;
  }
  throw new Error('expected a Truncated Atom error');
}

describe('A.1 styles, lengths, current protocol', () => {
  it.each([
    ['20 21 00', 'uni_start_stream <00x>\n'],
    ['20 01', 'uni_start_stream\n'],
    ['20 61 aa bb cc', 'uni_start_stream <aax, bbx, ccx>\n'],
    ['40 61', 'uni_start_stream <03x>\n'],
    ['40 01', 'uni_start_stream <00x>\n'],
    ['40 e1', 'uni_start_stream <07x>\n'],
    ['62', 'uni_end_stream\n'],
    ['81 01 00', 'uni_start_stream <00x>\n'],
    ['a1', 'uni_start_stream <00x>\n'],
    ['c1', 'uni_start_stream <01x>\n'],
    ['01 00 01 00 62', 'man_start_object <org_group, "">\nman_end_object\n'],
    ['01 02 00 a3', 'man_end_object\nman_close <0>\n'],
    ['01 02 00 c3', 'man_end_object\nman_close <1>\n'],
    ['01 02 00 94 02 68 69', 'man_end_object\nman_append_data <"hi">\n'],
    ['21 54 68 69 62', 'man_append_data <"hi">\nman_end_object\n'],
    ['41 63 a3', 'man_close <3>\nman_close <0>\n'],
    ['00 14 80 03 61 62 63', 'uni_invoke_local <97-25187>\n'],
    ['01 02 80 00 62', 'man_end_object\nman_end_object\n'],
    ['01 02 00 02 03 01 62 62', 'man_end_object\nact_replace_action\n    <\n  uni_end_stream\n  >\nact_set_inheritance\n'],
    ['01 02 00 02 03 04 01 02 00 62 62', 'man_end_object\nact_replace_action\n    <\n  man_end_object\nman_end_object\n>\nact_set_inheritance\n'],
    ['e8 02 01 00 62', 'ccl_hang_up\nact_set_inheritance\n'],
  ])('%s', (input, text) => {
    expect(dec(input)).toBe(text);
  });

  it('CURRENT style has one length byte, 0-255', () => {
    expect(decompile(concat([0x81, 0x80], repeat(0x41, 128)))).toBe(`uni_start_stream <${hexItems(0x41, 128)}>\n`);
    expect(decompile(concat([0x81, 0xff], repeat(0x43, 255)))).toBe(`uni_start_stream <${hexItems(0x43, 255)}>\n`);
    expect(decompile(concat([0x81, 0x81, 0x00], repeat(0x42, 256)))).toBe(
      `uni_start_stream <00x, ${hexItems(0x42, 128)}>\n` + '  act_set_inheritance <02x>\n'.repeat(64),
    );
  });

  it('Decision: lengths running past the input are errors, not memory reads', () => {
    for (const input of ['00 01 ff ff 61 62 63', '94 80 03 61 62 63', 'ff fe 01 02 67 61 72 62 61 67 65']) {
      const error = truncation(bytes(input));
      expect(error.message).toMatch(/byte offset \d+/);
    }
  });
});

describe('A.2 prefix bytes', () => {
  it.each([
    ['e8 02 01 00', 'ccl_hang_up\n'],
    ['e0 01 02 00', 'man_end_object\n'],
    ['e2 00 01 01 05', 'uni_set_command_set <5>\n'],
    ['e4 00 01 01 05', 'uni_reset_stream_regs <05x>\n'],
    ['e6 00 01 01 05', 'the_unknown <0, 97, 05x>\n'],
    ['e6 00 c8 00', 'the_unknown <0, 232>\n'],
    ['e1 00 01 01 05', 'uni_start_stream <05x>\n'],
    ['ea 02 01 00', 'the_unknown <34, 33>\n'],
    ['f0 02 01 00', 'adp_start\n'],
    ['f8 02 01 00', 'the_unknown <98, 1>\n'],
    ['e8 e8 02 01 00', 'ccl_hang_up\n'],
    ['f0 e8 02 01 00', 'ccl_hang_up\n'],
    ['e8 f0 02 01 00', 'adp_start\n'],
    ['e8 e2 02 01 00', 'act_prepend_action\n  <\n  >\n'],
    ['e8 02 01 00 e8 62', 'ccl_hang_up\nccl_install_modem_driver\n'],
    ['00 01 01 00 e8 62', 'uni_start_stream <00x>\nthe_unknown <32, 2>\n'],
    ['e8 42 63', 'ccl_update_locality <03x>\n'],
    ['e2 62', 'uni_wait_clear\n'],
    ['e2 a1', 'uni_set_command_set <0>\n'],
    ['e4 a1', 'uni_reset_stream_regs <00x>\n'],
    ['e8 22 53 00 01', 'ccl_select_com_device <1>\n'],
    ['fe 1f ff 00', 'the_unknown <127, 255>\n'],
    ['00 01 01 00 e8', 'uni_start_stream <00x>\n'],
  ])('%s', (input, text) => {
    expect(dec(input)).toBe(text);
  });
});

describe('A.3 large atoms', () => {
  it.each([
    ['00 04 02 01 14  00 05 03 616263  00 06 03 646566', 'man_append_data <"abcdef">\n'],
    ['00 04 03 01 14 06  00 05 03 616263  00 06 03 646566', 'man_append_data <"abcdef">\n'],
    ['00 04 04 01 14 61 62  00 05 02 6364  00 06 02 6566', 'man_append_data <"cdef">\n'],
    ['00 04 02 01 14  00 06 03 646566', 'man_append_data <"def">\n'],
    ['00 04 02 01 14  01 02 00', 'man_end_object\n'],
    ['00 04 02 01 14  01 02 00  00 05 01 61  00 06 01 62', 'man_end_object\nman_append_data <"ab">\n'],
    ['00 04 02 01 14  00 04 02 01 15  00 05 01 61  00 06 01 62', 'man_replace_data <"ab">\n'],
    ['00 04 02 01 14  00 05 01 78  00 04 02 01 15  00 05 01 61  00 06 01 62', 'man_replace_data <"xab">\n'],
    ['00 05 01 78  00 04 02 01 14  00 06 01 62', 'man_append_data <"xb">\n'],
    ['00 05 01 78  00 06 01 62', 'uni_void <78x, 62x>\n'],
    ['00 04 02 01 14  00 05 01 61  00 06 01 62  00 06 01 63', 'man_append_data <"ab">\nman_append_data <"c">\n'],
    ['00 06 03 616263', 'uni_void <61x, 62x, 63x>\n'],
    ['00 06 00', 'uni_void\n'],
    ['00 04 02 01 14', ''],
    ['00 05 03 616263', ''],
    ['00 04 00', 'uni_start_large_atom\n'],
    ['00 05 00', ''],
    ['00 04 02 22 01  00 05 00  00 06 00', 'ccl_hang_up\n'],
    ['00 04 02 81 01  00 06 00', 'the_unknown <129, 1>\n'],
    ['00 04 02 02 03  00 05 03 010200  00 06 00', 'act_replace_action\n    <\n  man_end_object\n  >\n'],
    ['02 06 09 00 04 02 01 14 00 05 01 61  00 06 01 62', 'act_modify_action\n  <\n  >\nman_append_data <"ab">\n'],
  ])('%s', (input, text) => {
    expect(dec(input)).toBe(text);
  });

  it('Decision: a START with fewer than 2 data bytes prints as an ordinary atom and changes nothing', () => {
    expect(dec('00 04 00  00 06 01 61')).toBe('uni_start_large_atom\nuni_void <61x>\n');
    expect(dec('00 04 01 01  00 06 01 61')).toBe('uni_start_large_atom <01x>\nuni_void <61x>\n');
    expect(dec('00 04 02 01 14  00 04 01 01  00 06 01 61')).toBe('uni_start_large_atom <01x>\nman_append_data <"a">\n');
  });

  it('reassembles a payload of 33,000 bytes', () => {
    const input = concat(
      bytes('00 04 02 01 14'),
      [0x00, 0x05, 0xff, 0xff],
      repeat(0x61, 32_767),
      [0x00, 0x06, 0x80 | (233 >> 8), 233 & 0xff],
      repeat(0x62, 233),
    );
    expect(decompile(input)).toBe(`man_append_data <"${'a'.repeat(32_767)}${'b'.repeat(233)}">\n`);
  });
});

describe('A.5 stream atoms: empty and malformed data', () => {
  it.each([
    ['02 03 00', 'act_replace_action\n    <\n    >\n'],
    ['02 06 00', 'act_modify_action\n  <\n  >\n'],
    ['02 03 00 01 02 00', 'act_replace_action\n    <\n    >\nman_end_object\n'],
    ['00 01 01 00 02 04 00 00 02 00', 'uni_start_stream <00x>\n  act_replace_select_action\n      <\n      >\n  uni_end_stream\n'],
    ['e8 0f 4c 00 01 02 00', 'vrm_fdo_datablock\n    <\n    >\nman_end_object\n'],
    ['02 06 01 ff', 'act_modify_action\n  <\n  >\n'],
    ['02 06 01 e8 01 02 00', 'act_modify_action\n  <\n  >\nman_end_object\n'],
    ['02 06 05 68 65 6c 6c 6f', 'act_modify_action\n  <\n  uni_start_loop\n  uni_save_result\n  uni_save_result\n  uni_wait_on\n  >\n'],
    ['02 03 06 02 03 03 01 02 00', 'act_replace_action\n    <\n    act_replace_action\n        <\n      man_end_object\n      >\n    >\n'],
  ])('%s', (input, text) => {
    expect(dec(input)).toBe(text);
  });

  it.each([
    ['02 06 01 01', 'act_modify_action <01x>\n'],
    ['02 06 02 01 02', 'act_modify_action <01x, 02x>\n'],
    ['02 06 05 01 14 05 61 62 01 02 00', 'act_modify_action <01x, 14x, 05x, 61x, 62x>\nman_end_object\n'],
  ])('Decision: malformed inner data prints as a hex-list line: %s', (input, text) => {
    expect(dec(input)).toBe(text);
  });
});

describe('A.6 empty data prints the bare name', () => {
  it.each([
    '01 00 00',
    '0d 07 00',
    '01 05 00',
    '0c 05 00',
    '10 17 00',
    '01 03 00',
    '10 01 00',
    '10 08 00',
    '02 00 00',
    '00 34 00',
    '10 52 00',
    '0c 01 00',
    '0c 03 00',
    '03 10 00',
    '10 be 00',
    '00 07 00',
    '01 14 00',
  ])('%s', (input) => {
    const [p, a] = bytes(input);
    expect(dec(input)).toBe(`${atomByCode(p, a)!.name}\n`);
  });
});

describe('A.7 long values are printed whole', () => {
  it('hex lists past 32,000 items are not cut', () => {
    const data = repeat(0x5a, 32_001);
    expect(decompile(concat([0x00, 0x0e, 0x80 | (32_001 >> 8), 32_001 & 0xff], data))).toBe(`uni_data <${hexItems(0x5a, 32_001)}>\n`);
  });

  it('a 32,767-byte string and a 32,767-byte bytelist', () => {
    expect(decompile(concat([0x01, 0x14, 0xff, 0xff], repeat(0x61, 32_767)))).toBe(`man_append_data <"${'a'.repeat(32_767)}">\n`);
    const face = atomByName('mat_color_face');
    expect(decompile(concat([face.protocol, face.atom, 0xff, 0xff], repeat(7, 32_767)))).toBe(`mat_color_face <${new Array(32_767).fill('7').join(', ')}>\n`);
  });
});

function atomByName(name: string): { protocol: number; atom: number } {
  for (const def of allAtoms()) if (def.name === name) return def;
  throw new Error(`no atom ${name}`);
}

describe('A.8 dword, bool, gid', () => {
  it.each([
    ['00 07 01 ff', 'uni_sync_skip <255>\n'],
    ['00 07 02 ff ff', 'uni_sync_skip <65535>\n'],
    ['00 07 03 ff ff ff', 'uni_sync_skip <16777215>\n'],
    ['00 07 04 7f ff ff ff', 'uni_sync_skip <2147483647>\n'],
    ['00 07 04 80 00 00 00', 'uni_sync_skip <-2147483648>\n'],
    ['00 07 04 ff ff ff ff', 'uni_sync_skip <-1>\n'],
    ['00 07 05 01 02 03 04 05', 'uni_sync_skip <16909060>\n'],
    ['00 07 06 00 00 00 00 00 05', 'uni_sync_skip <0>\n'],
    ['00 07 08 ff ff ff ff ff ff ff ff', 'uni_sync_skip <-1>\n'],
    ['10 01 01 02', 'mat_bool_disabled <yes>\n'],
    ['10 01 01 ff', 'mat_bool_disabled <yes>\n'],
    ['10 01 02 00 01', 'mat_bool_disabled <no>\n'],
    ['10 01 02 01 00', 'mat_bool_disabled <yes>\n'],
    ['01 03 01 05', 'man_close <5>\n'],
    ['01 03 02 01 02', 'man_close <258>\n'],
    ['01 03 03 01 02 03', 'man_close <1-515>\n'],
    ['01 03 04 01 02 03 04', 'man_close <1-2-772>\n'],
    ['01 03 05 01 02 03 04 05', 'man_close <01x, 02x, 03x, 04x, 05x>\n'],
    ['01 03 02 00 00', 'man_close <0>\n'],
    ['01 03 03 00 00 00', 'man_close <0-0>\n'],
    ['01 03 04 00 00 00 00', 'man_close <0-0-0>\n'],
    ['01 03 04 12 00 00 00', 'man_close <18-0-0>\n'],
  ])('%s', (input, text) => {
    expect(dec(input)).toBe(text);
  });
});

describe('A.9 string quoting, byte by byte', () => {
  const escapes: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
  const quoted = (b: number): string => {
    if (escapes[b] !== undefined) return escapes[b];
    if (b < 0x20 || b === 0x7f) return `\\x${b.toString(16).padStart(2, '0')}`;
    return String.fromCharCode(b);
  };
  const hexOnly = (b: number): boolean => (b >= 0x01 && b <= 0x08) || (b >= 0x0e && b <= 0x1f);

  it('every byte in four positions', () => {
    for (let b = 0; b < 256; b++) {
      const h = `${b.toString(16).padStart(2, '0')}x`;
      const cases: [number[], string][] = [
        [[b], hexOnly(b) ? h : `"${quoted(b)}"`],
        [[0x61, b, 0x61], hexOnly(b) ? `61x, ${h}, 61x` : `"a${quoted(b)}a"`],
        [[0x61, 0x61, b], hexOnly(b) ? `61x, 61x, ${h}` : `"aa${quoted(b)}"`],
        [[b, 0x61, 0x61], hexOnly(b) ? `${h}, 61x, 61x` : `"${quoted(b)}aa"`],
      ];
      for (const [data, value] of cases) {
        expect(decompile(concat([0x01, 0x14, data.length], data))).toBe(`man_append_data <${value}>\n`);
      }
    }
    expect(dec('01 14 04 41 00 00 00')).toBe('man_append_data <"A\\x00\\x00\\x00">\n');
  });
});

describe('A.10 objstart and orientation', () => {
  it('object types 10-19 by name, others in decimal', () => {
    const names = ['boolean', 'select_boolean', 'range', 'select_range', 'variable', 'bad_object', 'root', 'tool_group', 'tab_group', 'tab_page'];
    names.forEach((name, i) => {
      expect(decompile(Uint8Array.of(0x01, 0x00, 0x02, 10 + i, 0x41))).toBe(`man_start_object <${name}, "A">\n`);
    });
    for (const code of [20, 21, 27, 104, 255]) {
      expect(decompile(Uint8Array.of(0x01, 0x00, 0x02, code, 0x41))).toBe(`man_start_object <${code}, "A">\n`);
    }
  });

  it.each([
    ['01 00 01 01', 'man_start_object <ind_group, "">\n'],
    ['01 00 02 01 01', 'man_start_object <ind_group, "\\x01">\n'],
    ['01 00 04 01 41 00 42', 'man_start_object <ind_group, "A\\x00B">\n'],
    ['10 08 01 00', 'mat_orientation <hcc>\n'],
    ['10 08 01 40', 'mat_orientation <vcc>\n'],
    ['10 08 02 43 00', 'mat_orientation <vcf>\n'],
    ['10 08 01 5b', 'mat_orientation <vff>\n'],
    ['10 08 01 23', 'mat_orientation <hef>\n'],
  ])('%s', (input, text) => {
    expect(dec(input)).toBe(text);
  });

  it('Decision: an out-of-range orientation byte prints as a hex list', () => {
    for (const b of [0x28, 0x2d, 0x2e, 0x2f, 0x30, 0x38, 0x3f, 0x05, 0x06, 0x07, 0x7f, 0x80, 0xc0, 0xff]) {
      expect(decompile(Uint8Array.of(0x10, 0x08, 0x01, b))).toBe(`mat_orientation <${b.toString(16).padStart(2, '0')}x>\n`);
    }
    expect(dec('10 08 02 28 01')).toBe('mat_orientation <28x, 01x>\n');
  });
});

describe('A.11 tokens', () => {
  it.each([
    ['01 05 02 41 42', 'man_do_magic_token_arg <"AB">\n'],
    ['01 05 03 41 42 00', 'man_do_magic_token_arg <"AB", 0>\n'],
    ['01 05 03 41 42 05', 'man_do_magic_token_arg <"AB", 5>\n'],
    ['01 05 04 41 42 01 02', 'man_do_magic_token_arg <"AB", 258>\n'],
    ['01 05 04 41 42 ff ff', 'man_do_magic_token_arg <"AB", 65535>\n'],
    ['01 05 05 41 42 01 02 03', 'man_do_magic_token_arg <"AB", 1-515>\n'],
    ['01 05 05 41 42 00 00 00', 'man_do_magic_token_arg <"AB", 0-0>\n'],
    ['01 05 05 41 42 0a 00 00', 'man_do_magic_token_arg <"AB", 10-0>\n'],
    ['01 05 06 41 42 01 02 03 04', 'man_do_magic_token_arg <"AB", 1-2-772>\n'],
    ['01 05 07 41 42 01 02 03 04 05', 'man_do_magic_token_arg <"AB", 01x, 02x, 03x, 04x, 05x>\n'],
    ['01 05 02 01 42', 'man_do_magic_token_arg <"\x01B">\n'],
    ['01 05 02 09 e9', 'man_do_magic_token_arg <"\t\xe9">\n'],
  ])('%s', (input, text) => {
    expect(dec(input)).toBe(text);
  });

  it.each([
    ['01 05 01 41', 'man_do_magic_token_arg <41x>\n'],
    ['01 05 02 0a 41', 'man_do_magic_token_arg <0ax, 41x>\n'],
    ['01 05 02 5c 22', 'man_do_magic_token_arg <5cx, 22x>\n'],
    ['01 05 03 41 0d 05', 'man_do_magic_token_arg <41x, 0dx, 05x>\n'],
    ['0e 18 02 00 00 01 02 00', 'sm_m_send_token_arg <00x, 00x>\nman_end_object\n'],
    ['01 05 02 41 00 01 02 00', 'man_do_magic_token_arg <41x, 00x>\nman_end_object\n'],
  ])('Decision: one byte or an unprintable token byte is a hex list: %s', (input, text) => {
    expect(dec(input)).toBe(text);
  });
});

describe('A.12 criteria', () => {
  it('names for 0-5, decimal otherwise', () => {
    const names = ['void', 'select', 'close', 'open', 'gain_focus', 'lose_focus'];
    names.forEach((name, v) => expect(decompile(Uint8Array.of(0x02, 0x00, 0x01, v))).toBe(`act_set_criterion <${name}>\n`));
    for (const v of [6, 7, 25, 29, 255]) expect(decompile(Uint8Array.of(0x02, 0x00, 0x01, v))).toBe(`act_set_criterion <${v}>\n`);
    expect(dec('02 00 02 00 03')).toBe('act_set_criterion <open>\n');
    expect(dec('02 00 03 00 01 00')).toBe('act_set_criterion <256>\n');
    expect(dec('02 00 04 00 00 00 01')).toBe('act_set_criterion <select>\n');
  });

  it('Decision: a 4-byte value with the top bit set is a hex list', () => {
    expect(dec('02 00 04 80 00 00 00')).toBe('act_set_criterion <80x, 00x, 00x, 00x>\n');
    expect(dec('02 00 04 ff ff ff ff')).toBe('act_set_criterion <ffx, ffx, ffx, ffx>\n');
  });
});

describe('A.13 alerts', () => {
  it('kinds 1-8 by name, others as ?', () => {
    const names = ['info', 'error', 'pop_info', 'pop_error', 'warning', 'pop_warning', 'yes_no', 'yes_no_cancel'];
    names.forEach((name, i) => expect(decompile(Uint8Array.of(0x0d, 0x07, 0x03, i + 1, 0x48, 0x69))).toBe(`async_alert <${name}, "Hi">\n`));
    for (const k of [0x00, 0x09, 0x0a, 0xff]) expect(decompile(Uint8Array.of(0x0d, 0x07, 0x03, k, 0x48, 0x69))).toBe('async_alert <?, "Hi">\n');
    expect(dec('0d 07 01 01')).toBe('async_alert <info, "">\n');
    expect(dec('0d 07 02 01 00')).toBe('async_alert <info, "\\x00">\n');
  });
});

describe('A.14 atom type', () => {
  it.each([
    ['00 34 02 01 14', 'uni_use_last_atom_data <man_append_data>\n'],
    ['00 34 03 01 14 00', 'uni_use_last_atom_data <man_append_data>\n'],
    ['00 34 02 10 cc', 'uni_use_last_atom_data <10x, ccx>\n'],
    ['00 34 02 62 ff', 'uni_use_last_atom_data <62x, ffx>\n'],
    ['00 34 01 01', 'uni_use_last_atom_data <01x>\n'],
    ['00 34 01 00', 'uni_use_last_atom_data <00x>\n'],
  ])('%s (unknown atom or one byte: Decision hex list)', (input, text) => {
    expect(dec(input)).toBe(text);
  });
});

describe('A.15 registers', () => {
  it.each([
    ['0c 01 01 00', 'var_number_set <A>\n'],
    ['0c 01 02 00 05', 'var_number_set <A, 5>\n'],
    ['0c 01 05 00 ff ff ff ff', 'var_number_set <A, 4294967295>\n'],
    ['0c 01 06 00 01 02 03 04 05', 'var_number_set <A, 16909060>\n'],
    ['0c 05 01 00', 'var_string_set <A>\n'],
    ['0c 05 02 00 41', 'var_string_set <A,"A">\n'],
    ['0c 05 03 00 01 02', 'var_string_set <A,"\\x01\\x02">\n'],
    ['0c 03 02 00 01', 'var_number_get <A>\n'],
    ['0c 03 02 00 05', 'var_number_get <A>\n'],
    ['0c 03 05 00 01 02 03 04', 'var_number_get <A>\n'],
    ['0c 03 02 00 ff', 'var_number_get <A>\n'],
    ['0c 03 02 01 00', 'var_number_get <B, A>\n'],
    ['0c 03 03 02 00 01', 'var_number_get <C, A, B>\n'],
    ['0c 03 04 01 00 02 00', 'var_number_get <B, A, C, A>\n'],
  ])('%s', (input, text) => {
    expect(dec(input)).toBe(text);
  });

  it('every other var atom prints one letter per byte', () => {
    const vars = [...allAtoms()].filter((d) => d.type === 'var' && !(d.protocol === 12 && d.atom === 3));
    expect(vars.length).toBe(26);
    for (const def of vars) {
      const prefix = def.protocol >= 32 ? [0xe0 | ((def.protocol >> 5) << 3)] : [];
      expect(decompile(concat(prefix, [def.protocol & 31, def.atom, 0x02, 0x00, 0x01]))).toBe(`${def.name} <A, B>\n`);
    }
  });

  it.each([
    ['0c 01 01 1a', 'var_number_set <1ax>\n'],
    ['0c 01 02 bf 05', 'var_number_set <bfx, 05x>\n'],
    ['0c 05 02 20 41', 'var_string_set <20x, 41x>\n'],
    ['0c 03 02 01 1a', 'var_number_get <01x, 1ax>\n'],
  ])('Decision: a register byte above 25 is a hex list: %s', (input, text) => {
    expect(dec(input)).toBe(text);
  });
});

describe('A.16 enumerations', () => {
  it.each([
    ['03 10 01 00', 'de_validate <0>\n'],
    ['03 10 01 01', 'de_validate <display_msg>\n'],
    ['03 10 01 03', 'de_validate <display_msg | terminate>\n'],
    ['03 10 01 07', 'de_validate <display_msg | terminate | 4>\n'],
    ['03 10 01 0f', 'de_validate <display_msg | terminate | 4 | 8>\n'],
    ['03 10 01 04', 'de_validate <4>\n'],
    ['03 10 02 01 00', 'de_validate <display_msg>\n'],
    ['03 10 02 00 01', 'de_validate <0>\n'],
    ['03 10 03 00 00 03', 'de_validate <0>\n'],
    ['04 00 01 9f', 'buf_start_buffer <token_header | stream_id_header | host_bound | start_stream_header | end_stream_trailer | response_id_header>\n'],
    [
      '04 00 04 00 00 00 9f',
      'buf_start_buffer <token_header | stream_id_header | host_bound | start_stream_header | end_stream_trailer | response_id_header>\n',
    ],
    ['04 00 04 00 00 04 00', 'buf_start_buffer <1024>\n'],
    ['04 00 04 80 00 00 00', 'buf_start_buffer <-2147483648>\n'],
    ['10 11 01 00', 'mat_title_pos <left | center>\n'],
    ['10 11 01 40', 'mat_title_pos <above | center>\n'],
    ['10 11 01 41', 'mat_title_pos <above | top_or_left>\n'],
    ['10 11 01 c3', 'mat_title_pos <below | 3>\n'],
    ['10 11 01 c7', 'mat_title_pos <below | 7>\n'],
    ['10 11 01 07', 'mat_title_pos <left | 7>\n'],
    ['10 11 01 ff', 'mat_title_pos <below | 63>\n'],
    ['10 11 02 00 40', 'mat_title_pos <left | center>\n'],
    ['10 58 01 0a', 'mat_trigger_style <10>\n'],
    ['10 58 02 00 01', 'mat_trigger_style <place>\n'],
    ['10 58 03 00 01 00', 'mat_trigger_style <256>\n'],
    ['10 58 04 00 01 00 00', 'mat_trigger_style <65536>\n'],
    ['10 87 01 00', 'mat_text_on_picture_pos <art_middle_center | title_middle_center>\n'],
    ['10 87 01 08', 'mat_text_on_picture_pos <art_middle_center | art_lower_right>\n'],
    ['10 87 01 88', 'mat_text_on_picture_pos <art_lower_right | art_lower_right>\n'],
    ['10 87 01 ff', 'mat_text_on_picture_pos <255>\n'],
    ['10 87 01 f0', 'mat_text_on_picture_pos <title_middle_center | 240>\n'],
    ['10 98 01 10', 'mat_title_append_screen_name <prepend_with_s>\n'],
    ['10 98 01 12', 'mat_title_append_screen_name <prepend_with_s | append_with_for>\n'],
    ['10 98 01 13', 'mat_title_append_screen_name <prepend_with_s | 3>\n'],
    ['10 98 01 33', 'mat_title_append_screen_name <51>\n'],
    ['10 b9 02 02 03', 'mat_auto_complete <other_list, std_sort_search | 2>\n'],
    ['10 b9 01 03', 'mat_auto_complete <address_list | other_list>\n'],
    ['e8 13 2d 04 ff ff ff ff', 'hfs_cmd_command <-1>\n'],
  ])('%s', (input, text) => {
    expect(dec(input)).toBe(text);
  });

  it('all bits of a 4-byte flags value', () => {
    const text = dec('04 00 04 ff ff ff ff');
    const bits = Array.from({ length: 21 }, (_, i) => String(2 ** (i + 10)));
    expect(text.endsWith(` | ${bits.join(' | ')} | -2147483648>\n`)).toBe(true);
    expect(text.split(' | ').length).toBe(10 + 22);
  });

  it('Decision: a masked value with no match and nothing left is a hex list', () => {
    expect(dec('10 98 01 00')).toBe('mat_title_append_screen_name <00x>\n');
  });
});

describe('A.17 multi', () => {
  it.each([
    ['10 17 01 19', 'mat_size <25>\n'],
    ['10 17 02 19 01', 'mat_size <25, 1>\n'],
    ['10 17 04 19 01 00 20', 'mat_size <25, 1, 32>\n'],
    ['10 17 05 19 01 00 20 05', 'mat_size <25, 1, 32, >\n'],
    ['10 17 07 19 01 00 20 05 06 07', 'mat_size <25, 1, 32, >\n'],
    ['10 0a 03 00 07 03', 'mat_font_sis <arial, 7, bold | italic>\n'],
    ['10 0a 03 00 07 08', 'mat_font_sis <arial, 7, 8>\n'],
    ['10 0a 04 00 07 00 01', 'mat_font_sis <arial, 7, normal, >\n'],
    ['10 0a 01 00', 'mat_font_sis <arial>\n'],
    ['00 0a 03 01 14 41', 'uni_use_last_atom_string <man_append_data, 41x>\n'],
    ['00 24 03 05 01 02', 'uni_diagnostic_msg <5, 01x, 02x>\n'],
    ['00 24 04 05 41 00 42', 'uni_diagnostic_msg <5, "A\\x00B">\n'],
    ['e8 13 00 08 ff ff ff ff 00 00 00 01', 'hfs_attr_field_mapping <-1, 1>\n'],
    ['e8 13 00 09 00 00 00 01 00 00 00 02 ff', 'hfs_attr_field_mapping <1, 2, >\n'],
    ['e8 13 1e 07 00 00 00 06 7c 7c 7c', 'hfs_attr_checkbox_mapping <6, "|||">\n'],
  ])('%s', (input, text) => {
    expect(dec(input)).toBe(text);
  });

  it.each([
    ['10 17 03 19 01 00', 'mat_size <19x, 01x, 00x>\n'],
    ['10 17 03 19 ff ff', 'mat_size <19x, ffx, ffx>\n'],
    ['00 0a 03 ff ff 41', 'uni_use_last_atom_string <ffx, ffx, 41x>\n'],
    ['00 0a 01 01', 'uni_use_last_atom_string <01x>\n'],
    ['e8 13 00 03 00 00 01', 'hfs_attr_field_mapping <00x, 00x, 01x>\n'],
  ])('Decision: a cut field or an unknown atom field is a hex list: %s', (input, text) => {
    expect(dec(input)).toBe(text);
  });
});

describe('byte and word types (4.17)', () => {
  const byteAtom = [...allAtoms()].find((d) => d.type === 'byte' && d.protocol < 32)!;
  const wordAtom = [...allAtoms()].find((d) => d.type === 'word' && d.protocol < 32)!;

  it('byte: the first byte in decimal', () => {
    expect(decompile(Uint8Array.of(byteAtom.protocol, byteAtom.atom, 2, 200, 7))).toBe(`${byteAtom.name} <200>\n`);
  });

  it('word: the first two bytes; Decision: one byte is a hex list', () => {
    expect(decompile(Uint8Array.of(wordAtom.protocol, wordAtom.atom, 3, 1, 2, 3))).toBe(`${wordAtom.name} <258>\n`);
    expect(decompile(Uint8Array.of(wordAtom.protocol, wordAtom.atom, 1, 9))).toBe(`${wordAtom.name} <09x>\n`);
  });
});
