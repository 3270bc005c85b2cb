/** string (3), objstart (7) and alert (11) values: quoting rules of spec 4.3, 4.7, 4.11. */
import { ALERT_KINDS, OBJECT_TYPES } from '../../tables';
import { DECIMAL, latin1Slice } from '../text-pieces';

const HEX_DIGITS = '0123456789abcdef';

/** The escape for each byte that needs one inside quotes; '' for bytes written raw. */
const ESCAPE: readonly string[] = Object.freeze(Array.from({ length: 256 }, (_, b) => {
  if (b === 0x22) return '\\"';
  if (b === 0x5c) return '\\\\';
  if (b === 0x09) return '\\t';
  if (b === 0x0a) return '\\n';
  if (b === 0x0d) return '\\r';
  if (b < 0x20 || b === 0x7f) return '\\x' + HEX_DIGITS[b >> 4] + HEX_DIGITS[b & 15];
  return '';
}));

/** Bytes 01-08 and 0E-1F make a string value print as a hex list instead (4.3). */
const UNQUOTABLE: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let b = 0x01; b <= 0x08; b++) table[b] = 1;
  for (let b = 0x0e; b <= 0x1f; b++) table[b] = 1;
  return table;
})();

/** `"…"` with the escapes of 4.3; bytes 20-7E and 80-FF are written raw. */
export function quote(bytes: Uint8Array, start: number, end: number): string {
  let out = '"';
  let run = start;
  for (let i = start; i < end; i++) {
    const escape = ESCAPE[bytes[i]];
    if (escape !== '') {
      if (run < i) out += latin1Slice(bytes, run, i);
      out += escape;
      run = i + 1;
    }
  }
  if (run < end) out += latin1Slice(bytes, run, end);
  return out + '"';
}

export function isQuotable(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (UNQUOTABLE[bytes[i]] === 1) return false;
  return true;
}

/** string: quoted, or null (hex list) when a byte cannot be quoted. */
export function formatString(bytes: Uint8Array, start: number, end: number): string | null {
  return isQuotable(bytes, start, end) ? quote(bytes, start, end) : null;
}

/** objstart: `TYPE, "title"`, the title always quoted. */
export function formatObjstart(bytes: Uint8Array, start: number, end: number): string {
  const code = bytes[start];
  return (OBJECT_TYPES.printed.get(code) ?? DECIMAL[code]) + ', ' + quote(bytes, start + 1, end);
}

/** alert: `KIND, "text"`, `?` for kinds outside 1-8. */
export function formatAlert(bytes: Uint8Array, start: number, end: number): string {
  const kind = bytes[start];
  const name = kind >= 1 && kind <= 8 ? ALERT_KINDS.printed.get(kind) : undefined;
  return (name ?? '?') + ', ' + quote(bytes, start + 1, end);
}
