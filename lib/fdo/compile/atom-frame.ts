/**
 * Atom framing (2.2-2.8): the FULL-style header with the prefix byte for protocols 32-127,
 * a length byte reserved up front and patched when the data is complete (shifting once for
 * the two-byte form), and the large-atom split for data longer than 32,767 bytes.
 */
import * as tablesModule from '../tables';
import type { CompileState } from './state';

// Imported bindings copied once into locals: loaders that turn imports into property
// getters (tsx, vitest) would otherwise run a getter on every use in the hot loops.
const { LARGE_ATOM_END, LARGE_ATOM_SEGMENT, LARGE_ATOM_START } = tablesModule;

const MAX_LENGTH = 0x7fff;

/** Writes the header of atom p/a with a one-byte length placeholder; returns where data starts. */
export function beginAtom(st: CompileState, protocol: number, atom: number): number {
  st.ensure(4);
  const buf = st.buf;
  let w = st.len;
  if (protocol >= 32) buf[w++] = 0xe0 | (((protocol >> 5) & 3) << 3);
  buf[w++] = protocol & 31;
  buf[w++] = atom;
  buf[w++] = 0;
  st.len = w;
  return w;
}

/** Completes the atom whose header starts at headerStart and data at dataStart (the output end). */
export function finishAtom(st: CompileState, headerStart: number, dataStart: number, protocol: number, atom: number): void {
  const n = st.len - dataStart;
  if (n <= 127) {
    st.buf[dataStart - 1] = n;
    return;
  }
  if (n <= MAX_LENGTH) {
    st.ensure(1);
    const buf = st.buf;
    buf.copyWithin(dataStart + 1, dataStart, st.len);
    buf[dataStart - 1] = 0x80 | (n >> 8);
    buf[dataStart] = n & 0xff;
    st.len++;
    return;
  }
  // Too long for a length field: the reference reads this form back as the original atom.
  const data = st.buf.slice(dataStart, st.len);
  st.len = headerStart;
  writeWholeAtom(st, 0, LARGE_ATOM_START, Uint8Array.of(protocol, atom));
  let offset = 0;
  while (n - offset > MAX_LENGTH) {
    writeWholeAtom(st, 0, LARGE_ATOM_SEGMENT, data.subarray(offset, offset + MAX_LENGTH));
    offset += MAX_LENGTH;
  }
  writeWholeAtom(st, 0, LARGE_ATOM_END, data.subarray(offset));
}

function writeWholeAtom(st: CompileState, protocol: number, atom: number, data: Uint8Array): void {
  const headerStart = st.len;
  const dataStart = beginAtom(st, protocol, atom);
  st.ensure(data.length + 1);
  st.buf.set(data, st.len);
  st.len += data.length;
  finishAtom(st, headerStart, dataStart, protocol, atom);
}
