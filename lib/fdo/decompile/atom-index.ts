/**
 * The atom table as the decompiler reads it: one slot per (protocol, atom number) pair,
 * protocol up to 255 (large atoms can name one), with what printing needs precomputed:
 * the name as bytes, the type as a small number, the layout flags as booleans.
 * Built once at load; never changed.
 */
import { allAtoms, COMMENT_ATOM, TYPE_CODES, type AtomDef } from '../tables';
import { asciiBytes } from './text-buffer';

export interface AtomEntry {
  readonly def: AtomDef;
  readonly name: Uint8Array;
  /** tables/type-codes.ts */
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
