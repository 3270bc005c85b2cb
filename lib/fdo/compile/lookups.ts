/**
 * The compiler's view of the atom tables, built once at load time and never changed:
 * atom names -> index, per-atom protocol / number / type code as typed arrays, and
 * case-insensitive lookups for every keyword table.
 */
import { allAtoms, OBJECT_TYPES, CRITERIA, ALERT_KINDS, BOOLS, TYPE_CODES, type AtomDef, type EnumTable, type NameTable } from '../tables';
import { NameHash } from './name-hash';

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

export const ATOM_NAMES = new NameHash([...ATOMS.map((def, i) => [def.name, i] as const), ['the_unknown', THE_UNKNOWN] as const]);

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
