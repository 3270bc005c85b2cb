/** token (9) values: two raw token bytes plus an optional argument (spec 4.9). */
import type { TextBuffer } from '../text-buffer';
import { writeGidTI, writeGidTSI } from './numbers';

/** Token bytes the reference cannot print readably: NUL cuts its output, the rest break the text. */
function isUnprintableTokenByte(b: number): boolean {
  return b === 0x00 || b === 0x0a || b === 0x0d || b === 0x22 || b === 0x5c;
}

/** `"XY"` then `, N` / `, t-i` / `, t-s-i` / `, ` hex list; false (hex list) for 1 byte or an unprintable token byte. */
export function writeToken(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const a = bytes[start];
  const b = bytes[start + 1];
  if (isUnprintableTokenByte(a) || isUnprintableTokenByte(b)) return false;
  out.byte(0x22);
  out.byte(a);
  out.byte(b);
  out.byte(0x22);
  const arg = start + 2;
  if (arg === end) return true;
  out.separator();
  switch (end - arg) {
    case 1:
      out.decimal(bytes[arg]);
      break;
    case 2:
      out.decimal((bytes[arg] << 8) | bytes[arg + 1]);
      break;
    case 3:
      writeGidTI(out, bytes, arg);
      break;
    case 4:
      writeGidTSI(out, bytes, arg);
      break;
    default:
      out.hexList(bytes, arg, end);
      break;
  }
  return true;
}
