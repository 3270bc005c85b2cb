/** var_dword (15), var_string (16) and var (17) values: register letters A-Z (spec 4.14). */
import { beUnsigned, CHAR } from '../text-pieces';
import { quote } from './strings';

const LAST_REGISTER = 25;

function letter(b: number): string {
  return CHAR[0x41 + b];
}

/** `L` or `L, N` (N unsigned, up to 4 bytes); null (hex list) for a letter byte above 25. */
export function formatVarDword(bytes: Uint8Array, start: number, end: number): string | null {
  const reg = bytes[start];
  if (reg > LAST_REGISTER) return null;
  if (end - start === 1) return letter(reg);
  const stop = end - start > 5 ? start + 5 : end;
  return letter(reg) + ', ' + String(beUnsigned(bytes, start + 1, stop));
}

/** `L` or `L,"text"` (no space, always quoted); null for a letter byte above 25. */
export function formatVarString(bytes: Uint8Array, start: number, end: number): string | null {
  const reg = bytes[start];
  if (reg > LAST_REGISTER) return null;
  if (end - start === 1) return letter(reg);
  return letter(reg) + ',' + quote(bytes, start + 1, end);
}

/**
 * One letter per byte; null when any is above 25. `onlyFirst` is var_number_get's quirk:
 * a first byte 0 prints just `A`, whatever follows (A.15).
 */
export function formatVar(bytes: Uint8Array, start: number, end: number, onlyFirstWhenA: boolean): string | null {
  if (onlyFirstWhenA && bytes[start] === 0) return 'A';
  let out = '';
  for (let i = start; i < end; i++) {
    const reg = bytes[i];
    if (reg > LAST_REGISTER) return null;
    out += i === start ? letter(reg) : ', ' + letter(reg);
  }
  return out;
}
