/** The value of an atom line (the text between `<` and `>`), by the atom's type (spec 4). */
import type { AtomDef } from '../../tables';
import type { TextBuffer } from '../text-buffer';
import { writeEnum } from './enums';
import { writeMulti } from './multi';
import { writeAtomRef, writeCriterion, writeOrient } from './named';
import { writeBool, writeByte, writeBytelist, writeDword, writeGid, writeWord } from './numbers';
import { writeVar, writeVarDword, writeVarString } from './registers';
import { writeAlert, writeObjstart, writeString } from './strings';
import { writeToken } from './token';

/** `var_number_get` (12/3) prints only `A` when its first byte is 0 (4.14, A.15). */
function isVarNumberGet(def: AtomDef): boolean {
  return def.protocol === 12 && def.atom === 3;
}

function writeTyped(out: TextBuffer, def: AtomDef, bytes: Uint8Array, start: number, end: number): boolean {
  switch (def.type) {
    case 'dword': return writeDword(out, bytes, start, end);
    case 'string': return writeString(out, bytes, start, end);
    case 'bool': return writeBool(out, bytes, start);
    case 'gid': return writeGid(out, bytes, start, end);
    case 'objstart': return writeObjstart(out, bytes, start, end);
    case 'orient': return writeOrient(out, bytes, start);
    case 'token': return writeToken(out, bytes, start, end);
    case 'criterion': return writeCriterion(out, bytes, start, end);
    case 'alert': return writeAlert(out, bytes, start, end);
    case 'atom': return writeAtomRef(out, bytes, start, end);
    case 'bytelist': return writeBytelist(out, bytes, start, end);
    case 'var_dword': return writeVarDword(out, bytes, start, end);
    case 'var_string': return writeVarString(out, bytes, start, end);
    case 'var': return writeVar(out, bytes, start, end, isVarNumberGet(def));
    case 'multi': return writeMulti(out, def, bytes, start, end);
    case 'enum': return def.enums[0] !== undefined && writeEnum(out, def.enums[0], bytes, start, end);
    case 'byte': return writeByte(out, bytes, start);
    case 'word': return writeWord(out, bytes, start, end);
    default: return false; // raw, ignore, and stream data that is not a clean stream
  }
}

/** Writes the value of non-empty data; the whole data as a hex list where the type cannot print it. */
export function writeValue(out: TextBuffer, def: AtomDef, bytes: Uint8Array, start: number, end: number): void {
  const mark = out.pos;
  if (!writeTyped(out, def, bytes, start, end)) {
    out.pos = mark; // drop whatever the typed form wrote before it gave up
    out.hexList(bytes, start, end);
  }
}
