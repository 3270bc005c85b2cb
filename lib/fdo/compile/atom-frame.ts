/**
 * Atom framing (2.2-2.8): the FULL-style header with the prefix byte for protocols 32-127,
 * a length byte reserved up front and patched when the data is complete (shifting once for
 * the two-byte form), and the large-atom split for data longer than 32,767 bytes.
 */
import { LARGE_ATOM_END, LARGE_ATOM_SEGMENT, LARGE_ATOM_START } from '../tables';
import type { CompileState } from './state';

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
  splitLargeAtom(st, headerStart, dataStart, protocol, atom);
}

/**
 * Rewrites the atom at headerStart, whose data runs to the output end, in the large-atom
 * form of 2.8 (START [protocol, atom], SEGMENTs of 32,767 bytes, END with the rest), in place:
 * every piece of data moves once, last piece first, to its final position.
 */
function splitLargeAtom(st: CompileState, headerStart: number, dataStart: number, protocol: number, atom: number): void {
  const n = st.len - dataStart;
  const segments = Math.ceil(n / MAX_LENGTH) - 1;
  const rest = n - segments * MAX_LENGTH;
  const endHeader = rest <= 127 ? 3 : 4;
  const START_SIZE = 5;
  const SEGMENT_HEADER = 4;
  const newLen = headerStart + START_SIZE + segments * (SEGMENT_HEADER + MAX_LENGTH) + endHeader + rest;
  st.ensure(newLen - st.len);
  const buf = st.buf;
  const restAt = newLen - rest;
  buf.copyWithin(restAt, dataStart + segments * MAX_LENGTH, dataStart + n);
  buf[restAt - endHeader] = 0;
  buf[restAt - endHeader + 1] = LARGE_ATOM_END;
  if (endHeader === 3) {
    buf[restAt - 1] = rest;
  } else {
    buf[restAt - 2] = 0x80 | (rest >> 8);
    buf[restAt - 1] = rest & 0xff;
  }
  for (let i = segments - 1; i >= 0; i--) {
    const at = headerStart + START_SIZE + i * (SEGMENT_HEADER + MAX_LENGTH) + SEGMENT_HEADER;
    buf.copyWithin(at, dataStart + i * MAX_LENGTH, dataStart + (i + 1) * MAX_LENGTH);
    buf[at - 4] = 0;
    buf[at - 3] = LARGE_ATOM_SEGMENT;
    buf[at - 2] = 0x80 | (MAX_LENGTH >> 8);
    buf[at - 1] = MAX_LENGTH & 0xff;
  }
  buf[headerStart] = 0;
  buf[headerStart + 1] = LARGE_ATOM_START;
  buf[headerStart + 2] = 2;
  buf[headerStart + 3] = protocol;
  buf[headerStart + 4] = atom;
  st.len = newLen;
}
