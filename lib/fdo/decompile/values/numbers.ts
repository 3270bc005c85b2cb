/** dword (2), gid (5), bool (4), byte (20), word (21) and bytelist (13) values (spec 4.2, 4.4, 4.5, 4.13, 4.17). */
import type { TextBuffer } from '../text-buffer';

/** The big-endian unsigned value of 0-4 bytes (4 bytes may exceed 2^31: kept unsigned). */
export function beUnsigned(bytes: Uint8Array, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) v = v * 256 + bytes[i];
  return v;
}

/** Signed 32-bit big-endian value of the 4 bytes at `start`. */
export function beSigned32(bytes: Uint8Array, start: number): number {
  return (bytes[start] << 24) | (bytes[start + 1] << 16) | (bytes[start + 2] << 8) | bytes[start + 3];
}

/** `t-i` from 3 bytes. */
export function writeGidTI(out: TextBuffer, bytes: Uint8Array, start: number): void {
  out.decimal(bytes[start]);
  out.byte(0x2d);
  out.decimal((bytes[start + 1] << 8) | bytes[start + 2]);
}

/** `t-s-i` from 4 bytes. */
export function writeGidTSI(out: TextBuffer, bytes: Uint8Array, start: number): void {
  out.decimal(bytes[start]);
  out.byte(0x2d);
  out.decimal(bytes[start + 1]);
  out.byte(0x2d);
  out.decimal((bytes[start + 2] << 8) | bytes[start + 3]);
}

/** 1-3 bytes unsigned; 4 or more: the first 4 as a signed 32-bit number. */
export function writeDword(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  out.decimal(end - start >= 4 ? beSigned32(bytes, start) : beUnsigned(bytes, start, end));
  return true;
}

/** 1-2 bytes decimal, 3 `t-i`, 4 `t-s-i`, 5 or more: false (hex list). */
export function writeGid(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  switch (end - start) {
    case 1:
      out.decimal(bytes[start]);
      return true;
    case 2:
      out.decimal((bytes[start] << 8) | bytes[start + 1]);
      return true;
    case 3:
      writeGidTI(out, bytes, start);
      return true;
    case 4:
      writeGidTSI(out, bytes, start);
      return true;
    default:
      return false;
  }
}

const YES = Uint8Array.of(0x79, 0x65, 0x73);
const NO = Uint8Array.of(0x6e, 0x6f);

export function writeBool(out: TextBuffer, bytes: Uint8Array, start: number): boolean {
  out.bytes(bytes[start] !== 0 ? YES : NO);
  return true;
}

export function writeByte(out: TextBuffer, bytes: Uint8Array, start: number): boolean {
  out.decimal(bytes[start]);
  return true;
}

/** The first 2 bytes; a single byte is false (hex list): the reference would read memory. */
export function writeWord(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 2) return false;
  out.decimal((bytes[start] << 8) | bytes[start + 1]);
  return true;
}

export function writeBytelist(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (i !== start) out.separator();
    out.decimal(bytes[i]);
  }
  return true;
}
