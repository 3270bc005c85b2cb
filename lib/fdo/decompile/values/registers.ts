/** var_dword (15), var_string (16) and var (17) values: register letters A-Z (spec 4.14). */
import type { TextBuffer } from '../text-buffer';
import { beUnsigned } from './numbers';
import { writeQuoted } from './strings';

const LAST_REGISTER = 25;
const LETTER_A = 0x41;

/** `L` or `L, N` (N unsigned, up to 4 bytes); false (hex list) for a letter byte above 25. */
export function writeVarDword(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  const reg = bytes[start];
  if (reg > LAST_REGISTER) return false;
  out.byte(LETTER_A + reg);
  if (end - start > 1) {
    out.separator();
    out.decimal(beUnsigned(bytes, start + 1, end - start > 5 ? start + 5 : end));
  }
  return true;
}

/** `L` or `L,"text"` (no space, always quoted); false for a letter byte above 25. */
export function writeVarString(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  const reg = bytes[start];
  if (reg > LAST_REGISTER) return false;
  out.byte(LETTER_A + reg);
  if (end - start > 1) {
    out.byte(0x2c);
    writeQuoted(out, bytes, start + 1, end);
  }
  return true;
}

/**
 * One letter per byte; false when any is above 25. `aAlone` is var_number_get's quirk:
 * a first byte 0 prints just `A`, whatever follows (A.15).
 */
export function writeVar(out: TextBuffer, bytes: Uint8Array, start: number, end: number, aAlone: boolean): boolean {
  if (aAlone && bytes[start] === 0) {
    out.byte(LETTER_A);
    return true;
  }
  for (let i = start; i < end; i++) {
    const reg = bytes[i];
    if (reg > LAST_REGISTER) return false;
    if (i !== start) out.separator();
    out.byte(LETTER_A + reg);
  }
  return true;
}
