/** dword (2), gid (5), bool (4), byte (20), word (21) and bytelist (13) values (spec 4.2, 4.4, 4.5, 4.13, 4.17). */
import { DECIMAL, beUnsigned } from '../text-pieces';

/** Signed 32-bit big-endian value of the 4 bytes at `start`. */
export function beSigned32(bytes: Uint8Array, start: number): number {
  return ((bytes[start] << 24) | (bytes[start + 1] << 16) | (bytes[start + 2] << 8) | bytes[start + 3]);
}

/** 1-3 bytes unsigned; 4 or more: the first 4 as a signed 32-bit number. */
export function formatDword(bytes: Uint8Array, start: number, end: number): string {
  if (end - start >= 4) return String(beSigned32(bytes, start));
  return String(beUnsigned(bytes, start, end));
}

/** `t-i` from 3 bytes. */
export function gidTI(bytes: Uint8Array, start: number): string {
  return DECIMAL[bytes[start]] + '-' + String((bytes[start + 1] << 8) | bytes[start + 2]);
}

/** `t-s-i` from 4 bytes. */
export function gidTSI(bytes: Uint8Array, start: number): string {
  return DECIMAL[bytes[start]] + '-' + DECIMAL[bytes[start + 1]] + '-' + String((bytes[start + 2] << 8) | bytes[start + 3]);
}

/** 1-2 bytes decimal, 3 `t-i`, 4 `t-s-i`, 5 or more: null (hex list). */
export function formatGid(bytes: Uint8Array, start: number, end: number): string | null {
  switch (end - start) {
    case 1: return DECIMAL[bytes[start]];
    case 2: return String((bytes[start] << 8) | bytes[start + 1]);
    case 3: return gidTI(bytes, start);
    case 4: return gidTSI(bytes, start);
    default: return null;
  }
}

export function formatBool(bytes: Uint8Array, start: number): string {
  return bytes[start] !== 0 ? 'yes' : 'no';
}

export function formatByte(bytes: Uint8Array, start: number): string {
  return DECIMAL[bytes[start]];
}

/** The first 2 bytes; a single byte is null (hex list), the reference would read memory. */
export function formatWord(bytes: Uint8Array, start: number, end: number): string | null {
  if (end - start < 2) return null;
  return String((bytes[start] << 8) | bytes[start + 1]);
}

export function formatBytelist(bytes: Uint8Array, start: number, end: number): string {
  let out = DECIMAL[bytes[start]];
  for (let i = start + 1; i < end; i++) out += ', ' + DECIMAL[bytes[i]];
  return out;
}
