/**
 * What the editor knows about each atom, derived from the generated table (never written
 * by hand): its protocol family, flags, a one-line description of its argument, the
 * argument template completion inserts, and the names its value may use.
 */
import {
  allAtoms,
  atomByName,
  ALERT_KINDS,
  BOOLS,
  CRITERIA,
  FLAG_EOS,
  OBJECT_TYPES,
  REGISTERS,
  type AtomDef,
  type AtomType,
  type EnumTable,
  type FieldType,
} from '../fdo/tables';

export type { AtomDef, AtomType };

/** Every atom in table order, plus nothing else (the_unknown is syntax, not an atom). */
export const ATOM_LIST: readonly AtomDef[] = [...allAtoms()];

export function findAtom(name: string): AtomDef | undefined {
  return atomByName(name);
}

/** The name's prefix before the first `_` (`mat`, `man`, `uni`, ...): the protocol family the editor colours by. */
export function familyOf(name: string): string {
  const cut = name.indexOf('_');
  return cut > 0 ? name.slice(0, cut).toLowerCase() : name.toLowerCase();
}

/** The families, most atoms first; the editor gives the first ones distinct colours. */
export const FAMILIES: readonly string[] = (() => {
  const counts = new Map<string, number>();
  for (const a of ATOM_LIST) counts.set(familyOf(a.name), (counts.get(familyOf(a.name)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([f]) => f);
})();

/** Number of distinct family colours; later families share them by a stable hash. */
export const FAMILY_COLOURS = 12;

export function familyColour(name: string): number {
  const family = familyOf(name);
  const rank = FAMILIES.indexOf(family);
  if (rank >= 0 && rank < FAMILY_COLOURS) return rank;
  let h = 0;
  for (let i = 0; i < family.length; i++) h = (h * 31 + family.charCodeAt(i)) >>> 0;
  return h % FAMILY_COLOURS;
}

export function flagNames(def: AtomDef): string[] {
  const out: string[] = [];
  if (def.indent) out.push('indent');
  if (def.outdent) out.push('outdent');
  if (def.flags & FLAG_EOS) out.push('end of stream');
  return out;
}

const TYPE_DESCRIPTIONS: Record<AtomType, string> = {
  raw: 'bytes as a hex list: 00x, 20x, ...',
  ignore: 'bytes as a hex list (ignored by the client)',
  dword: 'a number, -2147483648 to 4294967295',
  string: 'a quoted string; escapes \\n \\r \\t \\" \\\\ \\xHH',
  bool: 'yes or no',
  gid: 'a global id: type-id or type-subtype-id (32-105, 1-0-1329)',
  stream: 'a nested stream of atoms between < and >',
  objstart: 'an object type and a quoted title: trigger, "OK"',
  orient: 'three letters: h or v, then c l r f e, then c t b f e (vff)',
  token: 'a two-letter quoted token, optionally a number or global id: "eB", 10844',
  criterion: 'an action criterion name (select, close, ...) or a number',
  alert: 'an alert kind and a quoted text: info, "Hello"',
  atom: 'an atom name',
  bytelist: 'decimal bytes: 128, 160, 176',
  var_dword: 'a register letter A-Z, optionally a number: A, 0',
  var_string: 'a register letter A-Z, optionally a quoted string: A,"text"',
  var: 'register letters A-Z: A, B',
  multi: 'several fields',
  enum: "a name from the atom's table, or a number",
  byte: 'a number, 0 to 255',
  word: 'a number, 0 to 65535',
};

const FIELD_DESCRIPTIONS: Record<FieldType, string> = {
  byte: 'byte',
  word: 'word',
  dword4: 'dword',
  atom: 'atom name',
  enum: 'name',
  raw: 'hex bytes',
  string: '"text"',
};

/** One line saying what the atom's argument is. */
export function describeArgument(def: AtomDef): string {
  if (def.type === 'multi') return `fields: ${def.fields.map((f) => FIELD_DESCRIPTIONS[f]).join(', ')}`;
  if (def.type === 'enum' && def.enums[0]) {
    const t = def.enums[0];
    const how = t.kind === 'flags' ? 'flag names joined with |' : t.kind === 'masked' ? 'names joined with |' : 'one name';
    return `${how} of ${t.items.length} (${t.items
      .slice(0, 3)
      .map((i) => i.name)
      .join(', ')}${t.items.length > 3 ? ', ...' : ''}), or a number`;
  }
  return TYPE_DESCRIPTIONS[def.type];
}

const FIELD_TEMPLATES: Record<FieldType, string> = {
  byte: 'byte',
  word: 'word',
  dword4: 'dword',
  atom: 'atom',
  enum: 'name',
  raw: '00x',
  string: '',
};

/**
 * The text completion inserts, in CodeMirror's snippet syntax: `${n:label}` fields the user
 * tabs through, `\n` and `\t` for the line breaks and indentation of a nested stream.
 */
export function argumentTemplate(def: AtomDef): string {
  const f = (n: number, label: string) => `\${${n}:${label}}`;
  switch (def.type) {
    // closing atoms (uni_end_stream, man_end_object) nearly always go bare
    case 'raw':
    case 'ignore':
      return def.outdent ? def.name : `${def.name} <${f(1, '00x')}>`;
    case 'dword':
    case 'byte':
    case 'word':
      return `${def.name} <${f(1, '0')}>`;
    case 'string':
      return `${def.name} <"${f(1, '')}">`;
    case 'bool':
      return `${def.name} <${f(1, 'yes')}>`;
    case 'gid':
      return `${def.name} <${f(1, '0-0')}>`;
    case 'stream':
      return `${def.name}\n<\n\t${f(1, '')}\n>`;
    case 'objstart':
      return `${def.name} <${f(1, 'org_group')}, "${f(2, '')}">`;
    case 'orient':
      return `${def.name} <${f(1, 'vff')}>`;
    case 'token':
      return `${def.name} <"${f(1, 'XY')}">`;
    case 'criterion':
      return `${def.name} <${f(1, 'select')}>`;
    case 'alert':
      return `${def.name} <${f(1, 'info')}, "${f(2, '')}">`;
    case 'atom':
      return `${def.name} <${f(1, 'atom')}>`;
    case 'bytelist':
      return `${def.name} <${f(1, '0')}>`;
    case 'var_dword':
      return `${def.name} <${f(1, 'A')}, ${f(2, '0')}>`;
    case 'var_string':
      return `${def.name} <${f(1, 'A')},"${f(2, '')}">`;
    case 'var':
      return `${def.name} <${f(1, 'A')}>`;
    case 'enum':
      return `${def.name} <${f(1, def.enums[0]?.items[0]?.name ?? '0')}>`;
    case 'multi': {
      let enumIndex = 0;
      const parts = def.fields.map((field, i) => {
        const label = field === 'enum' ? (def.enums[enumIndex++]?.items[0]?.name ?? 'name') : FIELD_TEMPLATES[field];
        return field === 'string' ? `"${f(i + 1, label)}"` : f(i + 1, label);
      });
      return `${def.name} <${parts.join(', ')}>`;
    }
  }
}

/** A name a value may use, and the number it stands for. */
export interface ValueName {
  readonly name: string;
  readonly value: number;
  /** what kind of name: the enum table's kind, or the built-in table it comes from */
  readonly kind: string;
}

function tableNames(table: EnumTable): ValueName[] {
  return table.items.map((i) => ({
    name: i.name,
    value: table.kind === 'masked' ? i.bits : i.value,
    kind: table.kind === 'exclusive' ? 'enum' : table.kind === 'flags' ? 'flag' : 'masked',
  }));
}

function printedNames(table: { accepted: ReadonlyMap<string, number> }, kind: string): ValueName[] {
  return [...table.accepted.entries()].map(([name, value]) => ({ name, value, kind }));
}

const ORIENTATIONS: ValueName[] = (() => {
  const out: ValueName[] = [];
  const axes = 'hv',
    second = 'clrfe',
    third = 'ctbfe';
  for (let a = 0; a < 2; a++)
    for (let s = 0; s < 5; s++)
      for (let t = 0; t < 5; t++) {
        out.push({ name: axes[a]! + second[s]! + third[t]!, value: (a << 6) | (s << 3) | t, kind: 'orientation' });
      }
  return out;
})();

const ATOM_NAMES_AS_VALUES: ValueName[] = ATOM_LIST.map((a) => ({ name: a.name, value: (a.protocol << 8) | a.atom, kind: 'atom' }));
const REGISTER_NAMES: ValueName[] = [...REGISTERS.printed.entries()].map(([value, name]) => ({ name, value, kind: 'register' }));

/**
 * The names the value of `def` may use in field `field` (0-based; counted by commas, so
 * for objstart and alert field 0 is the kind), or [] where the value is free (numbers,
 * strings, bytes).
 */
export function valueNames(def: AtomDef, field: number): ValueName[] {
  switch (def.type) {
    case 'enum':
      return def.enums[0] ? tableNames(def.enums[0]) : [];
    case 'bool':
      return printedNames(BOOLS, 'boolean');
    case 'objstart':
      return field === 0 ? printedNames(OBJECT_TYPES, 'object type') : [];
    case 'orient':
      return ORIENTATIONS;
    case 'criterion':
      return printedNames(CRITERIA, 'criterion');
    case 'alert':
      return field === 0 ? printedNames(ALERT_KINDS, 'alert kind') : [];
    case 'atom':
      return ATOM_NAMES_AS_VALUES;
    case 'var':
      return REGISTER_NAMES;
    case 'var_dword':
    case 'var_string':
      return field === 0 ? REGISTER_NAMES : [];
    case 'multi': {
      const type = def.fields[field];
      if (type === 'atom') return ATOM_NAMES_AS_VALUES;
      if (type !== 'enum') return [];
      const enumIndex = def.fields.slice(0, field).filter((f) => f === 'enum').length;
      const table = def.enums[enumIndex];
      return table ? tableNames(table) : [];
    }
    default:
      return [];
  }
}
