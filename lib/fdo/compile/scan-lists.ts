/**
 * Hex items and byte lists (8.5), and the `>` that closes a value. Each reads from `st.pos`
 * and writes straight into the output.
 */
import type { CompileErrorKind } from '../errors';
import { CH_0, CH_COMMA, CH_GT, CH_LOWER_X, CH_QUOTE, CH_UPPER_X, DELIMITER, HEX_VALUE } from './chars';
import { isNumberStart, parseBounded } from './scan-numbers';
import { writeString } from './scan-strings';
import type { CompileState } from './state';

/** True when src[start, end) is a hex item: hex digits followed by x or X. */
export function isHexItem(src: Uint8Array, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const last = src[end - 1];
  if (last !== CH_LOWER_X && last !== CH_UPPER_X) return false;
  for (let i = start; i < end - 1; i++) if (HEX_VALUE[src[i]] < 0) return false;
  return true;
}

/**
 * Writes the hex item src[start, end) (known to be one): one or two digits are one byte,
 * longer items a hexadecimal number in the fewest bytes (8.5).
 */
export function writeHexItem(st: CompileState, start: number, end: number): void {
  const src = st.src;
  const digitsEnd = end - 1;
  if (digitsEnd - start <= 2) {
    let v = HEX_VALUE[src[start]];
    if (digitsEnd - start === 2) v = (v << 4) | HEX_VALUE[src[start + 1]];
    st.writeByte(v);
    return;
  }
  let p = start;
  while (p < digitsEnd - 1 && src[p] === CH_0) p++;
  const digits = digitsEnd - p;
  st.ensure((digits + 1) >> 1);
  const buf = st.buf;
  let w = st.len;
  if (digits & 1) buf[w++] = HEX_VALUE[src[p++]];
  for (; p < digitsEnd; p += 2) buf[w++] = (HEX_VALUE[src[p]] << 4) | HEX_VALUE[src[p + 1]];
  st.len = w;
}

/**
 * The canonical two-digit hex item (`0ax`) followed by a delimiter, written in one step;
 * false (nothing consumed) for anything else.
 */
function writeShortHexItem(st: CompileState, start: number): boolean {
  const src = st.src;
  if (start + 3 >= st.end) return false;
  const hi = HEX_VALUE[src[start]];
  const lo = HEX_VALUE[src[start + 1]];
  const x = src[start + 2];
  if (hi < 0 || lo < 0 || (x !== CH_LOWER_X && x !== CH_UPPER_X) || DELIMITER[src[start + 3]] === 0) return false;
  st.writeByte((hi << 4) | lo);
  st.pos = start + 3;
  return true;
}

/** Consumes the `>` that closes a value; anything else is Missing Close Bracket. */
export function expectClose(st: CompileState): void {
  const c = st.skipWs();
  if (c === CH_GT) {
    st.pos++;
    return;
  }
  st.fail('Missing Close Bracket', st.pos, `expected ">" to close the value of ${st.atomName()}, found ${st.tokenAt(st.pos)}`);
}

/**
 * A list made only of hex items (separated by commas or spaces) up to, not including, `>`.
 * Used for every "value made only of hex items" (8.5) and hex tails of mixed values.
 */
export function writeHexList(st: CompileState): void {
  const src = st.src;
  st.skipWs();
  let c: number;
  for (;;) {
    const start = st.pos;
    if (writeShortHexItem(st, start)) {
      c = st.skipWs();
      if (c === CH_GT || c < 0) return;
      if (c === CH_COMMA) {
        st.pos++;
        if (st.skipWs() < 0) return;
      }
      continue;
    }
    const end = st.wordEnd(start);
    if (!isHexItem(src, start, end)) {
      st.fail('Bad Hex Format', start, `expected a hex item such as 0ax, found ${st.tokenAt(start)} (value of ${st.atomName()})`);
    }
    writeHexItem(st, start, end);
    st.pos = end;
    c = st.skipWs();
    if (c === CH_GT || c < 0) return;
    if (c === CH_COMMA) {
      st.pos++;
      if (st.skipWs() < 0) return;
    }
  }
}

/**
 * Raw data items up to, not including, `>`: hex items, numbers and, when allowed, quoted
 * strings (8.5), separated by commas or spaces. A number is one byte (0-255), or with
 * `wideNumbers` (raw values) any unsigned 32-bit number in the fewest bytes (`256` → 01 00).
 */
export function writeRawList(st: CompileState, allowStrings: boolean, wideNumbers: boolean, kind: CompileErrorKind = 'Bad Hex Format'): void {
  const src = st.src;
  let c = st.skipWs();
  for (;;) {
    const start = st.pos;
    if (writeShortHexItem(st, start)) {
      // done: the common case of canonical hex lists
    } else if (c === CH_QUOTE && allowStrings) {
      writeString(st);
    } else {
      const end = st.wordEnd(start);
      if (isHexItem(src, start, end)) writeHexItem(st, start, end);
      else if (end > start && isNumberStart(c)) {
        if (wideNumbers) st.writeUintMinimal(parseBounded(st, start, end, 0xffffffff, kind));
        else st.writeByte(parseBounded(st, start, end, 0xff, kind));
      } else st.fail(kind, start, `expected a byte (0-255 or a hex item such as 0ax), found ${st.tokenAt(start)} (value of ${st.atomName()})`);
      st.pos = end;
    }
    c = nextListItem(st);
    if (c < 0) return;
  }
}

/**
 * After a list item: skips the separator (a comma, or only spaces) and returns the first
 * character of the next item, or -1 when the list ends (at `>`, left unread, or the end).
 */
export function nextListItem(st: CompileState): number {
  let c = st.skipWs();
  if (c === CH_GT || c < 0) return -1;
  if (c === CH_COMMA) {
    st.pos++;
    c = st.skipWs();
  }
  return c;
}

/** bytelist: numbers 0-255 in any notation, hex items or strings, separated by commas or spaces. */
export function writeBytelist(st: CompileState): void {
  writeRawList(st, true, false, 'Bad Byte Format');
}
