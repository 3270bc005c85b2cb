/**
 * Encodes one atom's value, read from just after its `<`, by the atom's type (section 4,
 * 8.5-8.6). Stream atoms are handled by the stream encoder, not here.
 */
import { CH_GT, CH_QUOTE } from '../chars';
import { ATOM_ENUMS, ATOM_TYPE } from '../lookups';
import {
  T_ALERT,
  T_ATOM,
  T_BOOL,
  T_BYTE,
  T_BYTELIST,
  T_CRITERION,
  T_DWORD,
  T_ENUM,
  T_GID,
  T_IGNORE,
  T_MULTI,
  T_OBJSTART,
  T_ORIENT,
  T_RAW,
  T_STREAM,
  T_STRING,
  T_TOKEN,
  T_VAR,
  T_VAR_DWORD,
  T_VAR_STRING,
  T_WORD,
} from '../../tables';
import { expectClose, isHexItem, writeBytelist, writeHexList, writeRawList } from '../scan-lists';
import type { CompileState } from '../state';
import { writeEnum } from './enums';
import { encodeAtomRef, encodeBool, encodeOrient } from './keywords';
import { encodeMulti } from './multi';
import { encodeCriterion, encodeDword, encodeGid, encodeSmall } from './numbers';
import { encodeVar, encodeVarDword, encodeVarString } from './registers';
import { encodeAlert, encodeObjstart, encodeString, encodeToken } from './text';

/** Writes the value of atom `atom` (st.pos just after `<`) and consumes its `>`. */
export function encodeValue(st: CompileState, atom: number): void {
  const first = st.skipWs();
  if (first === CH_GT) {
    st.pos++;
    return;
  }
  if (first < 0) {
    st.fail('Missing Close Bracket', st.end, `the value of ${st.atomName()} is not closed with ">" before the end of the text`);
  }
  const type = ATOM_TYPE[atom];
  // Lists read hex items themselves; for every other type a value made only of hex items is raw data (8.5).
  if (type === T_RAW || type === T_IGNORE || type === T_STREAM) {
    writeRawList(st, true, true);
    expectClose(st);
    return;
  }
  if (type === T_BYTELIST) {
    writeBytelist(st);
    expectClose(st);
    return;
  }
  if (type !== T_VAR && first !== CH_QUOTE && isHexItem(st.src, st.pos, st.wordEnd(st.pos))) {
    writeHexList(st);
    expectClose(st);
    return;
  }
  switch (type) {
    case T_DWORD:
      return encodeDword(st, first);
    case T_STRING:
      return encodeString(st, first);
    case T_BOOL:
      return encodeBool(st, first);
    case T_GID:
      return encodeGid(st, first);
    case T_OBJSTART:
      return encodeObjstart(st, first);
    case T_ORIENT:
      return encodeOrient(st, first);
    case T_TOKEN:
      return encodeToken(st, first);
    case T_CRITERION:
      return encodeCriterion(st, first);
    case T_ALERT:
      return encodeAlert(st, first);
    case T_ATOM:
      encodeAtomRef(st);
      return expectClose(st);
    case T_VAR_DWORD:
      return encodeVarDword(st, first);
    case T_VAR_STRING:
      return encodeVarString(st, first);
    case T_VAR:
      return encodeVar(st, first);
    case T_MULTI:
      return encodeMulti(st, atom);
    case T_ENUM: {
      const table = ATOM_ENUMS[atom][0];
      writeEnum(st, table, table.size, false);
      return expectClose(st);
    }
    case T_BYTE:
      return encodeSmall(st, 1);
    case T_WORD:
      return encodeSmall(st, 2);
    default:
      return st.fail('Unrecognized Atom', st.pos, `${st.atomName()} has a type the compiler does not know`);
  }
}
