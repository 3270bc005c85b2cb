/** The value of an atom line (the text between `<` and `>`), by the atom's type (spec 4). */
import type { AtomDef } from '../../tables';
import { hexList } from '../text-pieces';
import { formatEnum } from './enums';
import { formatMulti } from './multi';
import { formatAtomRef, formatCriterion, formatOrient } from './named';
import { formatBool, formatByte, formatBytelist, formatDword, formatGid, formatWord } from './numbers';
import { formatVar, formatVarDword, formatVarString } from './registers';
import { formatAlert, formatObjstart, formatString } from './strings';
import { formatToken } from './token';

/** `var_number_get` (12/3) prints only `A` when its first byte is 0 (4.14, A.15). */
function isVarNumberGet(def: AtomDef): boolean {
  return def.protocol === 12 && def.atom === 3;
}

/** The printed value of non-empty data; the whole data as a hex list where the type cannot print it. */
export function formatValue(def: AtomDef, bytes: Uint8Array, start: number, end: number): string {
  let value: string | null;
  switch (def.type) {
    case 'dword': value = formatDword(bytes, start, end); break;
    case 'string': value = formatString(bytes, start, end); break;
    case 'bool': value = formatBool(bytes, start); break;
    case 'gid': value = formatGid(bytes, start, end); break;
    case 'objstart': value = formatObjstart(bytes, start, end); break;
    case 'orient': value = formatOrient(bytes, start); break;
    case 'token': value = formatToken(bytes, start, end); break;
    case 'criterion': value = formatCriterion(bytes, start, end); break;
    case 'alert': value = formatAlert(bytes, start, end); break;
    case 'atom': value = formatAtomRef(bytes, start, end); break;
    case 'bytelist': value = formatBytelist(bytes, start, end); break;
    case 'var_dword': value = formatVarDword(bytes, start, end); break;
    case 'var_string': value = formatVarString(bytes, start, end); break;
    case 'var': value = formatVar(bytes, start, end, isVarNumberGet(def)); break;
    case 'multi': value = formatMulti(def, bytes, start, end); break;
    case 'enum': value = def.enums[0] ? formatEnum(def.enums[0], bytes, start, end) : null; break;
    case 'byte': value = formatByte(bytes, start); break;
    case 'word': value = formatWord(bytes, start, end); break;
    default: value = null; // raw, ignore, and stream data that is not a clean stream
  }
  return value ?? hexList(bytes, start, end);
}
