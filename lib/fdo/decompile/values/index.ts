/** The value of an atom line (the text between `<` and `>`), by the atom's type (spec 4). */
import type { AtomEntry } from '../atom-index';
import type { TextBuffer } from '../text-buffer';
import { writeEnum } from './enums';
import { writeMulti } from './multi';
import { writeAtomRef, writeCriterion, writeOrient } from './named';
import { writeBool, writeByte, writeBytelist, writeDword, writeGid, writeWord } from './numbers';
import { writeVar, writeVarDword, writeVarString } from './registers';
import { writeAlert, writeObjstart, writeString } from './strings';
import { writeToken } from './token';
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
  T_MULTI,
  T_OBJSTART,
  T_ORIENT,
  T_STRING,
  T_TOKEN,
  T_VAR,
  T_VAR_DWORD,
  T_VAR_STRING,
  T_WORD,
} from '../../tables';

/** `var_number_get` (12/3) prints only `A` when its first byte is 0 (4.14, A.15). */
function isVarNumberGet(entry: AtomEntry): boolean {
  return entry.def.protocol === 12 && entry.def.atom === 3;
}

/** By type code (tables/type-codes.ts); false where the type cannot print the data. */
function writeTyped(out: TextBuffer, entry: AtomEntry, bytes: Uint8Array, start: number, end: number): boolean {
  switch (entry.typeCode) {
    case T_DWORD:
      return writeDword(out, bytes, start, end);
    case T_STRING:
      return writeString(out, bytes, start, end);
    case T_BOOL:
      return writeBool(out, bytes, start);
    case T_GID:
      return writeGid(out, bytes, start, end);
    case T_OBJSTART:
      return writeObjstart(out, bytes, start, end);
    case T_ORIENT:
      return writeOrient(out, bytes, start);
    case T_TOKEN:
      return writeToken(out, bytes, start, end);
    case T_CRITERION:
      return writeCriterion(out, bytes, start, end);
    case T_ALERT:
      return writeAlert(out, bytes, start, end);
    case T_ATOM:
      return writeAtomRef(out, bytes, start, end);
    case T_BYTELIST:
      return writeBytelist(out, bytes, start, end);
    case T_VAR_DWORD:
      return writeVarDword(out, bytes, start, end);
    case T_VAR_STRING:
      return writeVarString(out, bytes, start, end);
    case T_VAR:
      return writeVar(out, bytes, start, end, isVarNumberGet(entry));
    case T_MULTI:
      return writeMulti(out, entry.def, bytes, start, end);
    case T_ENUM:
      return entry.def.enums[0] !== undefined && writeEnum(out, entry.def.enums[0], bytes, start, end);
    case T_BYTE:
      return writeByte(out, bytes, start);
    case T_WORD:
      return writeWord(out, bytes, start, end);
    default:
      return false; // raw, ignore, and stream data that is not a clean stream
  }
}

/** Writes the value of non-empty data; the whole data as a hex list where the type cannot print it. */
export function writeValue(out: TextBuffer, entry: AtomEntry, bytes: Uint8Array, start: number, end: number): void {
  const mark = out.pos;
  if (!writeTyped(out, entry, bytes, start, end)) {
    out.pos = mark; // drop whatever the typed form wrote before it gave up
    out.hexList(bytes, start, end);
  }
}
