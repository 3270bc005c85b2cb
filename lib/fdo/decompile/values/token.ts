/** token (9) values: two raw token bytes plus an optional argument (spec 4.9). */
import { CHAR, hexList } from '../text-pieces';
import { gidTI, gidTSI } from './numbers';

/** Token bytes the reference cannot print readably: NUL cuts its output, the rest break the text. */
function isUnprintableTokenByte(b: number): boolean {
  return b === 0x00 || b === 0x0a || b === 0x0d || b === 0x22 || b === 0x5c;
}

/** `"XY"` then `, N` / `, t-i` / `, t-s-i` / `, ` hex list; null (hex list) for 1 byte or an unprintable token byte. */
export function formatToken(bytes: Uint8Array, start: number, end: number): string | null {
  if (end - start < 2) return null;
  const a = bytes[start];
  const b = bytes[start + 1];
  if (isUnprintableTokenByte(a) || isUnprintableTokenByte(b)) return null;
  const token = '"' + CHAR[a] + CHAR[b] + '"';
  const arg = start + 2;
  switch (end - arg) {
    case 0: return token;
    case 1: return token + ', ' + String(bytes[arg]);
    case 2: return token + ', ' + String((bytes[arg] << 8) | bytes[arg + 1]);
    case 3: return token + ', ' + gidTI(bytes, arg);
    case 4: return token + ', ' + gidTSI(bytes, arg);
    default: return token + ', ' + hexList(bytes, arg, end);
  }
}
