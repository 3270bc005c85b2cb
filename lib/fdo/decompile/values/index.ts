/** The value of an atom line (the text between `<` and `>`), by the atom's type (spec 4). */
import type { AtomEntry } from '../atom-index';
import type { TextBuffer } from '../text-buffer';
import * as enumsModule from './enums';
import * as multiModule from './multi';
import * as namedModule from './named';
import * as numbersModule from './numbers';
import * as registersModule from './registers';
import * as stringsModule from './strings';
import * as tokenModule from './token';

// Imported bindings copied once into locals: loaders that turn imports into property
// getters (tsx, vitest) would otherwise run a getter on every use in the hot path.
const { writeEnum } = enumsModule;
const { writeMulti } = multiModule;
const { writeAtomRef, writeCriterion, writeOrient } = namedModule;
const { writeBool, writeByte, writeBytelist, writeDword, writeGid, writeWord } = numbersModule;
const { writeVar, writeVarDword, writeVarString } = registersModule;
const { writeAlert, writeObjstart, writeString } = stringsModule;
const { writeToken } = tokenModule;

/** `var_number_get` (12/3) prints only `A` when its first byte is 0 (4.14, A.15). */
function isVarNumberGet(entry: AtomEntry): boolean {
  return entry.def.protocol === 12 && entry.def.atom === 3;
}

/** By type code (atom-index TYPE_CODES); false where the type cannot print the data. */
function writeTyped(out: TextBuffer, entry: AtomEntry, bytes: Uint8Array, start: number, end: number): boolean {
  switch (entry.typeCode) {
    case 2: return writeDword(out, bytes, start, end);
    case 3: return writeString(out, bytes, start, end);
    case 4: return writeBool(out, bytes, start);
    case 5: return writeGid(out, bytes, start, end);
    case 7: return writeObjstart(out, bytes, start, end);
    case 8: return writeOrient(out, bytes, start);
    case 9: return writeToken(out, bytes, start, end);
    case 10: return writeCriterion(out, bytes, start, end);
    case 11: return writeAlert(out, bytes, start, end);
    case 12: return writeAtomRef(out, bytes, start, end);
    case 13: return writeBytelist(out, bytes, start, end);
    case 15: return writeVarDword(out, bytes, start, end);
    case 16: return writeVarString(out, bytes, start, end);
    case 17: return writeVar(out, bytes, start, end, isVarNumberGet(entry));
    case 18: return writeMulti(out, entry.def, bytes, start, end);
    case 19: return entry.def.enums[0] !== undefined && writeEnum(out, entry.def.enums[0], bytes, start, end);
    case 20: return writeByte(out, bytes, start);
    case 21: return writeWord(out, bytes, start, end);
    default: return false; // 1 raw, 14 ignore, and 6 stream data that is not a clean stream
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
