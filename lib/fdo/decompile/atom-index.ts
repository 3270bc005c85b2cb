/**
 * The atom table as the decompiler reads it: one slot per (protocol, atom number) pair,
 * protocol up to 255 (large atoms can name one), with what printing needs precomputed:
 * the name as bytes, the type as a small number, the layout flags as booleans.
 * Built once at load; never changed.
 */
import { allAtoms, COMMENT_ATOM, type AtomDef, type AtomType } from '../tables';
import { asciiBytes } from './text-buffer';

/** Type numbers for the printer's switch (the reference's type codes). */
export const TYPE_CODES: Readonly<Record<AtomType, number>> = {
  raw: 1, dword: 2, string: 3, bool: 4, gid: 5, stream: 6, objstart: 7, orient: 8, token: 9,
  criterion: 10, alert: 11, atom: 12, bytelist: 13, ignore: 14, var_dword: 15, var_string: 16,
  var: 17, multi: 18, enum: 19, byte: 20, word: 21,
};
export const STREAM_TYPE = 6;

export interface AtomEntry {
  readonly def: AtomDef;
  readonly name: Uint8Array;
  readonly typeCode: number;
  readonly indent: boolean;
  readonly outdent: boolean;
  /** `hfs_attr_fdo_comment`: printed as `;text` (spec 8.3) */
  readonly isComment: boolean;
}

const ENTRIES: readonly (AtomEntry | undefined)[] = (() => {
  const entries: (AtomEntry | undefined)[] = new Array(256 * 256).fill(undefined);
  for (const def of allAtoms()) {
    entries[(def.protocol << 8) | def.atom] = {
      def,
      name: asciiBytes(def.name),
      typeCode: TYPE_CODES[def.type],
      indent: def.indent,
      outdent: def.outdent,
      isComment: def.protocol === COMMENT_ATOM.protocol && def.atom === COMMENT_ATOM.atom,
    };
  }
  return entries;
})();

/** The known atom (protocol 0-255, atom 0-255), or undefined. */
export function atomEntry(protocol: number, atom: number): AtomEntry | undefined {
  return ENTRIES[(protocol << 8) | atom];
}
