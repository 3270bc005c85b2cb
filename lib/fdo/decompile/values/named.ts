/** Values printed as built-in names: orient (8), criterion (10) and atom references (12) (spec 4.8, 4.10, 4.12). */
import { CRITERIA, ORIENT_AXIS, ORIENT_SECOND, ORIENT_THIRD } from '../../tables';
import { atomEntry } from '../atom-index';
import type { TextBuffer } from '../text-buffer';
import { beUnsigned } from './numbers';

const LAST_ORIENT_LETTER = 4;

/** `0ASSSTTT` as three letters; false (hex list) when bit 7 is set or SSS/TTT is above 4. */
export function writeOrient(out: TextBuffer, bytes: Uint8Array, start: number): boolean {
  const b = bytes[start];
  const second = (b >> 3) & 7;
  const third = b & 7;
  if (b & 0x80 || second > LAST_ORIENT_LETTER || third > LAST_ORIENT_LETTER) return false;
  const axis = ORIENT_AXIS.printed.get((b >> 6) & 1);
  const s = ORIENT_SECOND.printed.get(second);
  const t = ORIENT_THIRD.printed.get(third);
  if (axis === undefined || s === undefined || t === undefined) return false;
  out.latin1(axis + s + t);
  return true;
}

/** Names for 0-5 (the printed ones), else decimal; false for a 4-byte value with the top bit set. */
export function writeCriterion(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  const stop = end - start > 4 ? start + 4 : end;
  if (stop - start === 4 && bytes[start] & 0x80) return false;
  const value = beUnsigned(bytes, start, stop);
  const name = CRITERIA.printed.get(value);
  if (name !== undefined) out.latin1(name);
  else out.decimal(value);
  return true;
}

/** The name of the atom [protocol][atom number]; false for one byte or an unknown atom. */
export function writeAtomRef(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const entry = atomEntry(bytes[start], bytes[start + 1]);
  if (entry === undefined) return false;
  out.bytes(entry.name);
  return true;
}
