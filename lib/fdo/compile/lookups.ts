/**
 * The compiler's view of the atom tables, built once at load time and never changed:
 * atom names -> index, per-atom protocol / number / type code as typed arrays, and
 * case-insensitive lookups for every keyword table.
 */
import {
  allAtoms, OBJECT_TYPES, CRITERIA, ALERT_KINDS, BOOLS,
  type AtomDef, type AtomType, type EnumTable, type NameTable,
} from '../tables';
import { NameHash } from './name-hash';

export const T_RAW = 1;
export const T_DWORD = 2;
export const T_STRING = 3;
export const T_BOOL = 4;
export const T_GID = 5;
export const T_STREAM = 6;
export const T_OBJSTART = 7;
export const T_ORIENT = 8;
export const T_TOKEN = 9;
export const T_CRITERION = 10;
export const T_ALERT = 11;
export const T_ATOM = 12;
export const T_BYTELIST = 13;
export const T_IGNORE = 14;
export const T_VAR_DWORD = 15;
export const T_VAR_STRING = 16;
export const T_VAR = 17;
export const T_MULTI = 18;
export const T_ENUM = 19;
export const T_BYTE = 20;
export const T_WORD = 21;

const TYPE_CODES: Record<AtomType, number> = {
  raw: T_RAW, dword: T_DWORD, string: T_STRING, bool: T_BOOL, gid: T_GID, stream: T_STREAM,
  objstart: T_OBJSTART, orient: T_ORIENT, token: T_TOKEN, criterion: T_CRITERION,
  alert: T_ALERT, atom: T_ATOM, bytelist: T_BYTELIST, ignore: T_IGNORE,
  var_dword: T_VAR_DWORD, var_string: T_VAR_STRING, var: T_VAR, multi: T_MULTI,
  enum: T_ENUM, byte: T_BYTE, word: T_WORD,
};

export const ATOMS: readonly AtomDef[] = [...allAtoms()];
/** Index returned by ATOM_NAMES for `the_unknown`. */
export const THE_UNKNOWN = ATOMS.length;

export const ATOM_PROTOCOL = new Uint8Array(ATOMS.length);
export const ATOM_NUMBER = new Uint8Array(ATOMS.length);
export const ATOM_TYPE = new Uint8Array(ATOMS.length);
ATOMS.forEach((def, i) => {
  ATOM_PROTOCOL[i] = def.protocol;
  ATOM_NUMBER[i] = def.atom;
  ATOM_TYPE[i] = TYPE_CODES[def.type];
});

export const ATOM_NAMES = new NameHash([
  ...ATOMS.map((def, i) => [def.name, i] as const),
  ['the_unknown', THE_UNKNOWN] as const,
]);

/** A compiled enumeration table: its encoding facts plus a name lookup. */
export interface EnumLookup {
  readonly size: 1 | 2 | 4;
  readonly exclusive: boolean;
  /** lower-case name -> value to encode (for masked tables the `bits` part) */
  readonly names: NameHash;
}

function enumLookup(table: EnumTable): EnumLookup {
  const masked = table.kind === 'masked';
  return {
    size: table.size,
    exclusive: table.kind === 'exclusive',
    names: new NameHash(table.items.map((item) => [item.name, masked ? item.bits : item.value >>> 0] as const)),
  };
}

/** Per atom index: its enumeration tables (empty for atoms without any). */
export const ATOM_ENUMS: readonly (readonly EnumLookup[])[] = ATOMS.map((def) => def.enums.map(enumLookup));

function keywordHash(table: NameTable): NameHash {
  return new NameHash(table.accepted.entries());
}

export const OBJECT_TYPE_NAMES = keywordHash(OBJECT_TYPES);
export const CRITERION_NAMES = keywordHash(CRITERIA);
export const ALERT_NAMES = keywordHash(ALERT_KINDS);
export const BOOL_NAMES = keywordHash(BOOLS);
