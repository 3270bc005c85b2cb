/**
 * The atom table as the decompiler reads it: one slot per (protocol, atom number) pair,
 * protocol up to 255 (large atoms can name one), with the name pre-encoded as bytes.
 * Built once at load; never changed.
 */
import { allAtoms, type AtomDef } from '../tables';
import { asciiBytes } from './text-buffer';

export interface AtomEntry {
  readonly def: AtomDef;
  readonly name: Uint8Array;
}

const ENTRIES: readonly (AtomEntry | undefined)[] = (() => {
  const entries: (AtomEntry | undefined)[] = new Array(256 * 256).fill(undefined);
  for (const def of allAtoms()) entries[(def.protocol << 8) | def.atom] = { def, name: asciiBytes(def.name) };
  return entries;
})();

/** The known atom (protocol 0-255, atom 0-255), or undefined. */
export function atomEntry(protocol: number, atom: number): AtomEntry | undefined {
  return ENTRIES[(protocol << 8) | atom];
}
