/**
 * The atom table as lookups: atoms by (protocol, atom number) and by name, with their
 * enumeration tables, plus the engine's built-in tables (object types, criteria, ...).
 * Built once from the generated data; immutable afterwards.
 */
import { ATOM_ROWS, BUILTIN_ROWS } from './atom-data.generated';
import { FLAG_INDENT, FLAG_OUTDENT, type AtomType, type EnumKind, type FieldType } from './types';

export type { AtomType, EnumKind, FieldType } from './types';
export { FLAG_INDENT, FLAG_OUTDENT, FLAG_EOS } from './types';

export interface EnumItem {
  readonly name: string;
  /** the stored 32-bit value (unsigned) */
  readonly value: number;
  /** masked tables: value >>> 16 */
  readonly mask: number;
  /** masked tables: value & 0xffff */
  readonly bits: number;
}

export interface EnumTable {
  readonly size: 1 | 2 | 4;
  readonly kind: EnumKind;
  /** in table order (the order the decompiler tries them) */
  readonly items: readonly EnumItem[];
  /** lower-case name -> the first item with that name */
  readonly byName: ReadonlyMap<string, EnumItem>;
}

export interface AtomDef {
  readonly protocol: number;
  readonly atom: number;
  readonly name: string;
  readonly type: AtomType;
  readonly flags: number;
  readonly indent: boolean;
  readonly outdent: boolean;
  /** multi atoms: the field layout; empty otherwise */
  readonly fields: readonly FieldType[];
  /** enum atoms: one table; multi atoms: one per enum field */
  readonly enums: readonly EnumTable[];
}

/** A built-in name table: code -> printed name, and lower-case name -> code (all accepted names). */
export interface NameTable {
  readonly printed: ReadonlyMap<number, string>;
  readonly accepted: ReadonlyMap<string, number>;
}

function buildNameTable(table: string): NameTable {
  const printed = new Map<number, string>();
  const accepted = new Map<string, number>();
  for (const [code, name, isPrinted] of BUILTIN_ROWS[table] ?? []) {
    if (isPrinted && !printed.has(code)) printed.set(code, name);
    const key = name.toLowerCase();
    if (!accepted.has(key)) accepted.set(key, code);
  }
  return { printed, accepted };
}

function buildEnumTable(row: { size: 1 | 2 | 4; kind: EnumKind; items: readonly (readonly [string, number])[] }): EnumTable {
  const items = row.items.map(([name, value]) => ({ name, value, mask: value >>> 16, bits: value & 0xffff }));
  const byName = new Map<string, EnumItem>();
  for (const item of items) {
    const key = item.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, item);
  }
  return { size: row.size, kind: row.kind, items, byName };
}

const atomsByCode = new Map<number, AtomDef>();
const atomsByName = new Map<string, AtomDef>();
for (const [protocol, atom, name, type, flags, fields, enums] of ATOM_ROWS) {
  const def: AtomDef = {
    protocol,
    atom,
    name,
    type,
    flags,
    indent: (flags & FLAG_INDENT) !== 0,
    outdent: (flags & FLAG_OUTDENT) !== 0,
    fields,
    enums: enums.map(buildEnumTable),
  };
  atomsByCode.set((protocol << 8) | atom, def);
  atomsByName.set(name, def);
}

/** The atom known as (protocol, atom number), or undefined when the engine does not know it. */
export function atomByCode(protocol: number, atom: number): AtomDef | undefined {
  return atomsByCode.get((protocol << 8) | atom);
}

/** The atom with this name (any case), or undefined. */
export function atomByName(name: string): AtomDef | undefined {
  return atomsByName.get(name) ?? atomsByName.get(name.toLowerCase());
}

/** Every atom, in table order. */
export function allAtoms(): Iterable<AtomDef> {
  return atomsByCode.values();
}

export const OBJECT_TYPES = buildNameTable('object_type');
export const CRITERIA = buildNameTable('criterion');
export const ALERT_KINDS = buildNameTable('alert_kind');
export const ORIENT_AXIS = buildNameTable('orient_axis');
export const ORIENT_SECOND = buildNameTable('orient_second');
export const ORIENT_THIRD = buildNameTable('orient_third');
export const BOOLS = buildNameTable('bool');
export const REGISTERS = buildNameTable('register');

/** The comment atom: `; text` lines compile to it and it decompiles back to them (spec 8.3). */
export const COMMENT_ATOM = { protocol: 51, atom: 36 } as const;
/** Large-atom control atoms (spec 2.7). */
export const LARGE_ATOM_START = 4;
export const LARGE_ATOM_SEGMENT = 5;
export const LARGE_ATOM_END = 6;

export * from './type-codes';
export { HEX_CODES } from './hex-codes';
export { HASH_SEED, hashByte, hashChunk, hashWord } from './name-hash';
