/** string (3), objstart (7) and alert (11) values: quoting rules of spec 4.3, 4.7, 4.11. */
import { ALERT_KINDS, HEX_CODES, OBJECT_TYPES } from '../../tables';
import type { TextBuffer } from '../text-buffer';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * For each byte inside quotes: 0 written raw, else the escape letter after `\`
 * (`"`, `\`, t, n, r, or x for `\xHH`).
 */
const ESCAPE: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let b = 0; b < 0x20; b++) table[b] = 0x78; // x
  table[0x7f] = 0x78;
  table[0x09] = 0x74; // t
  table[0x0a] = 0x6e; // n
  table[0x0d] = 0x72; // r
  table[QUOTE] = QUOTE;
  table[BACKSLASH] = BACKSLASH;
  return table;
})();

/** Bytes 01-08 and 0E-1F make a string value print as a hex list instead (4.3). */
const UNQUOTABLE: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let b = 0x01; b <= 0x08; b++) table[b] = 1;
  for (let b = 0x0e; b <= 0x1f; b++) table[b] = 1;
  return table;
})();

/** `"…"` with the escapes of 4.3; bytes 20-7E and 80-FF are written raw. */
export function writeQuoted(out: TextBuffer, bytes: Uint8Array, start: number, end: number): void {
  // Most strings fit in the room left; only near the end of the buffer count the exact
  // length, so the text limit is checked against what is really written.
  if (out.pos + (end - start) * 4 + 2 > out.buf.length) out.room(quotedLength(bytes, start, end));
  const buf = out.buf;
  let pos = out.pos;
  buf[pos++] = QUOTE;
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    const escape = ESCAPE[b];
    if (escape === 0) {
      buf[pos++] = b;
    } else {
      buf[pos++] = BACKSLASH;
      buf[pos++] = escape;
      if (escape === 0x78) {
        buf[pos++] = HEX_CODES[b >> 4];
        buf[pos++] = HEX_CODES[b & 15];
      }
    }
  }
  buf[pos++] = QUOTE;
  out.pos = pos;
}

/** The length of `"…"` as writeQuoted writes it. */
function quotedLength(bytes: Uint8Array, start: number, end: number): number {
  let n = 2;
  for (let i = start; i < end; i++) {
    const escape = ESCAPE[bytes[i]];
    n += escape === 0 ? 1 : escape === 0x78 ? 4 : 2;
  }
  return n;
}

function isQuotable(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (UNQUOTABLE[bytes[i]] === 1) return false;
  return true;
}

/** string: quoted, or false (hex list) when a byte cannot be quoted. */
export function writeString(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  if (!isQuotable(bytes, start, end)) return false;
  writeQuoted(out, bytes, start, end);
  return true;
}

/** objstart: `TYPE, "title"`, the title always quoted. */
export function writeObjstart(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  const code = bytes[start];
  const name = OBJECT_TYPES.printed.get(code);
  if (name !== undefined) out.latin1(name);
  else out.decimal(code);
  out.separator();
  writeQuoted(out, bytes, start + 1, end);
  return true;
}

/** alert: `KIND, "text"`, `?` for kinds outside 1-8. */
export function writeAlert(out: TextBuffer, bytes: Uint8Array, start: number, end: number): boolean {
  const kind = bytes[start];
  const name = kind >= 1 && kind <= 8 ? ALERT_KINDS.printed.get(kind) : undefined;
  out.latin1(name ?? '?');
  out.separator();
  writeQuoted(out, bytes, start + 1, end);
  return true;
}
