/**
 * The large-atom atoms (fdo-format.md 2.7, 2.8) and FULL-style atom encoding: what the
 * chunker writes into frames and what the reassembler writes back once pieces are joined.
 */

export const LARGE_START = 4;
export const LARGE_SEGMENT = 5;
export const LARGE_END = 6;
/** the FULL length field holds 15 bits */
export const MAX_FULL_DATA = 0x7fff;
/** uni_start_large_atom's length field (the P3 form) holds 16 bits */
export const MAX_LARGE_DATA = 0xffff;

/** FULL header bytes for data of n bytes: 00 A len, or 00 A 8x xx. */
export function fullHeaderSize(n: number): number {
  return n <= 127 ? 3 : 4;
}

/** Writes a FULL header (5-bit protocol, atom, n data bytes) at `at`; returns the next index. */
export function writeFullHeader(out: Uint8Array, at: number, protocol: number, atom: number, n: number): number {
  out[at++] = protocol & 31;
  out[at++] = atom;
  if (n <= 127) out[at++] = n;
  else {
    out[at++] = 0x80 | (n >> 8);
    out[at++] = n & 0xff;
  }
  return at;
}

/** uni_start_large_atom as P3 hosts send it: 00 04 04 P A L_hi L_lo. */
export function largeStart(protocol: number, atom: number, length: number): Uint8Array {
  return Uint8Array.of(0, LARGE_START, 4, protocol, atom, length >> 8, length & 0xff);
}

/** A protocol-0 piece atom (segment or end) holding `data`. */
export function largePiece(atom: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(fullHeaderSize(data.length) + data.length);
  out.set(data, writeFullHeader(out, 0, 0, atom, data.length));
  return out;
}

/**
 * Atom P/A with `data` as the compiler writes it: prefix byte for protocols 32-127, FULL
 * header with the shortest length; over 32,767 bytes the split form of 2.8
 * (START [P, A], SEGMENTs of 32,767, END with the rest).
 */
export function encodeAtom(protocol: number, atom: number, data: Uint8Array): Uint8Array {
  const prefix = protocol >= 32 ? 1 : 0;
  if (data.length <= MAX_FULL_DATA) {
    const out = new Uint8Array(prefix + fullHeaderSize(data.length) + data.length);
    let at = 0;
    if (prefix) out[at++] = 0xe0 | (((protocol >> 5) & 3) << 3);
    at = writeFullHeader(out, at, protocol, atom, data.length);
    out.set(data, at);
    return out;
  }
  const segments = Math.ceil(data.length / MAX_FULL_DATA) - 1;
  const parts: Uint8Array[] = [Uint8Array.of(0, LARGE_START, 2, protocol, atom)];
  for (let i = 0; i < segments; i++) parts.push(largePiece(LARGE_SEGMENT, data.subarray(i * MAX_FULL_DATA, (i + 1) * MAX_FULL_DATA)));
  parts.push(largePiece(LARGE_END, data.subarray(segments * MAX_FULL_DATA)));
  return concatBytes(parts);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
