/** Multi-field atoms (6.3): values assigned to the layout's fields in order. */
import { CH_COMMA, CH_GT, CH_QUOTE, HEX_VALUE } from '../chars';
import { ATOM_ENUMS, ATOMS } from '../lookups';
import { expectClose, isHexItem, writeHexList, writeRawList } from '../scan-lists';
import { isNumberStart, parseNumber } from '../scan-numbers';
import { writeString } from '../scan-strings';
import type { CompileState } from '../state';
import { writeEnum } from './enums';
import { encodeAtomRef } from './keywords';

const FIELD_MAX = { byte: 0xff, word: 0xffff } as const;

/** A numeric field: byte / word unsigned, dword4 also negative; a hex item counts as its value. */
function writeNumberField(st: CompileState, size: 1 | 2 | 4): void {
  const src = st.src;
  const start = st.pos;
  const end = st.wordEnd(start);
  let v: number;
  if (end > start && isHexItem(src, start, end)) {
    v = 0;
    for (let i = start; i < end - 1 && v <= 0xffffffff; i++) v = v * 16 + HEX_VALUE[src[i]];
  } else if (end > start && isNumberStart(src[start])) {
    v = parseNumber(st, start, end, 'Bad Number Format');
  } else {
    return st.fail('Bad Number Format', start, `expected a number, found ${st.tokenAt(start)} (value of ${st.atomName()})`);
  }
  if (size < 4 && v < 0) st.fail('Bad Byte Format', start, `${st.tokenAt(start)} is negative (value of ${st.atomName()})`);
  const max = size === 1 ? FIELD_MAX.byte : size === 2 ? FIELD_MAX.word : 0xffffffff;
  if (v > max) st.fail('Value Too Large', start, `${st.tokenAt(start)} is larger than ${max} (value of ${st.atomName()})`);
  st.writeFixed(v, size);
  st.pos = end;
}

export function encodeMulti(st: CompileState, atom: number): void {
  const fields = ATOMS[atom].fields;
  const tables = ATOM_ENUMS[atom];
  let enumIndex = 0;
  let field = 0;
  for (;;) {
    const kind = fields[field];
    const c = st.src[st.pos];
    switch (kind) {
      case 'byte':
        writeNumberField(st, 1);
        break;
      case 'word':
        writeNumberField(st, 2);
        break;
      case 'dword4':
        writeNumberField(st, 4);
        break;
      case 'enum':
        writeEnum(st, tables[enumIndex++], tables[enumIndex - 1].size, true);
        break;
      case 'atom':
        encodeAtomRef(st);
        break;
      case 'string':
        if (c === CH_QUOTE) writeString(st);
        else if (isHexItem(st.src, st.pos, st.wordEnd(st.pos))) writeHexList(st);
        else st.fail('Missing Quote', st.pos, `the text of ${st.atomName()} must be quoted, found ${st.tokenAt(st.pos)}`);
        break;
      case 'raw':
        writeRawList(st, true, false);
        break;
    }
    field++;
    let next = st.skipWs();
    if (next === CH_GT) break;
    if (next === CH_COMMA) {
      st.pos++;
      next = st.skipWs();
      // The decompiler prints a dangling ", " after the last field when bytes remain (6.2).
      if (next === CH_GT && field === fields.length) break;
    }
    if (field === fields.length || next < 0) {
      st.fail('Missing Close Bracket', st.pos, `expected ">" after the ${fields.length} field(s) of ${st.atomName()}, found ${st.tokenAt(st.pos)}`);
    }
  }
  expectClose(st);
}
