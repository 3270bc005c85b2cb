/** Values printed as built-in names: orient (8), criterion (10) and atom references (12) (spec 4.8, 4.10, 4.12). */
import { atomByCode, CRITERIA, ORIENT_AXIS, ORIENT_SECOND, ORIENT_THIRD } from '../../tables';
import { beUnsigned } from '../text-pieces';

const LAST_ORIENT_LETTER = 4;

/** `0ASSSTTT` as three letters; null (hex list) when bit 7 is set or SSS/TTT is above 4. */
export function formatOrient(bytes: Uint8Array, start: number): string | null {
  const b = bytes[start];
  const second = (b >> 3) & 7;
  const third = b & 7;
  if (b & 0x80 || second > LAST_ORIENT_LETTER || third > LAST_ORIENT_LETTER) return null;
  const axis = ORIENT_AXIS.printed.get((b >> 6) & 1);
  const s = ORIENT_SECOND.printed.get(second);
  const t = ORIENT_THIRD.printed.get(third);
  if (axis === undefined || s === undefined || t === undefined) return null;
  return axis + s + t;
}

/** Names for 0-5 (the printed ones), else decimal; null for a 4-byte value with the top bit set. */
export function formatCriterion(bytes: Uint8Array, start: number, end: number): string | null {
  const stop = end - start > 4 ? start + 4 : end;
  if (stop - start === 4 && bytes[start] & 0x80) return null;
  const value = beUnsigned(bytes, start, stop);
  return CRITERIA.printed.get(value) ?? String(value);
}

/** The name of the atom [protocol][atom number]; null for one byte or an unknown atom. */
export function formatAtomRef(bytes: Uint8Array, start: number, end: number): string | null {
  if (end - start < 2) return null;
  return atomByCode(bytes[start], bytes[start + 1])?.name ?? null;
}
