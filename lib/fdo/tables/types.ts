/** Value types of the reference engine's atom database (ADA.BIN type codes 1-22). */
export type AtomType =
  | 'raw'
  | 'dword'
  | 'string'
  | 'bool'
  | 'gid'
  | 'stream'
  | 'objstart'
  | 'orient'
  | 'token'
  | 'criterion'
  | 'alert'
  | 'atom'
  | 'bytelist'
  | 'ignore'
  | 'var_dword'
  | 'var_string'
  | 'var'
  | 'multi'
  | 'enum'
  | 'byte'
  | 'word';

/** Field types of multi atoms. */
export type FieldType = 'byte' | 'word' | 'dword4' | 'atom' | 'enum' | 'raw' | 'string';

export type EnumKind = 'exclusive' | 'flags' | 'masked';

/** [name, stored 32-bit value]; for masked tables value = mask << 16 | bits. */
export type EnumItemRow = readonly [string, number];

export interface EnumTableRow {
  readonly size: 1 | 2 | 4;
  readonly kind: EnumKind;
  readonly items: readonly EnumItemRow[];
}

/** [protocol, atom number, name, type, flag bits, multi fields, enum tables] */
export type AtomRow = readonly [number, number, string, AtomType, number, readonly FieldType[], readonly EnumTableRow[]];

/** [code, name, printed by the decompiler] */
export type BuiltinRow = readonly [number, string, boolean];

export const FLAG_INDENT = 1;
export const FLAG_OUTDENT = 2;
export const FLAG_EOS = 4;
