/**
 * Value-level scanning shared by the type encoders: numbers (8.4), hex items and lists,
 * quoted strings (8.5), GIDs, and the closing bracket. Each reads from `st.pos` and writes
 * straight into the output.
 */
import type { CompileErrorKind } from '../errors';
import * as charsModule from './chars';
import * as failModule from './fail';
import type { CompileState } from './state';

// Imported bindings copied once into locals: loaders that turn imports into property
// getters (tsx, vitest) would otherwise run a getter on every use in the hot loops.
const {
  CH_0, CH_7, CH_9, CH_BACKSLASH, CH_COMMA, CH_DASH, CH_GT, CH_LOWER_X, CH_QUOTE, CH_UPPER_X, DELIMITER, HEX_VALUE, isDigit,
} = charsModule;
const { excerpt } = failModule;

const MAX_UINT32 = 0xffffffff;
const MIN_INT32 = -0x80000000;

/** True when src[start, end) is a hex item: hex digits followed by x or X. */
export function isHexItem(src: Uint8Array, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const last = src[end - 1];
  if (last !== CH_LOWER_X && last !== CH_UPPER_X) return false;
  for (let i = start; i < end - 1; i++) if (HEX_VALUE[src[i]] < 0) return false;
  return true;
}

/** Starts like a number: a digit, a sign. */
export function isNumberStart(c: number): boolean {
  return isDigit(c) || c === CH_DASH || c === 43; /* + */
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
 * Reads the number src[start, end): decimal, 0x hex, 0-prefixed octal, optionally negative
 * (callers decide whether a negative value is allowed). Range -2^31 ... 2^32-1.
 */
export function parseNumber(st: CompileState, start: number, end: number, kind: CompileErrorKind): number {
  const src = st.src;
  let p = start;
  const negative = p < end && src[p] === CH_DASH;
  if (negative) p++;
  if (p >= end) return badNumber(st, start, end, kind);
  let v = 0;
  const c0 = src[p];
  if (c0 === CH_0 && p + 1 < end) {
    const c1 = src[p + 1];
    if (c1 === CH_LOWER_X || c1 === CH_UPPER_X) {
      p += 2;
      if (p >= end) return badNumber(st, start, end, kind);
      for (; p < end; p++) {
        const h = HEX_VALUE[src[p]];
        if (h < 0) return badNumber(st, start, end, kind);
        v = v * 16 + h;
        if (v > MAX_UINT32) return tooLarge(st, start, end);
      }
    } else {
      for (p++; p < end; p++) {
        const c = src[p];
        if (c < CH_0 || c > CH_7) return badNumber(st, start, end, kind);
        v = v * 8 + (c - CH_0);
        if (v > MAX_UINT32) return tooLarge(st, start, end);
      }
    }
  } else {
    for (; p < end; p++) {
      const c = src[p];
      if (c < CH_0 || c > CH_9) return badNumber(st, start, end, kind);
      v = v * 10 + (c - CH_0);
      if (v > MAX_UINT32) return tooLarge(st, start, end);
    }
  }
  if (negative) {
    v = -v;
    if (v < MIN_INT32) return tooLarge(st, start, end);
  }
  return v;
}

function badNumber(st: CompileState, start: number, end: number, kind: CompileErrorKind): never {
  const text = st.text(start, end);
  const why = /^0[0-7]*[89]/.test(text) ? ' (a leading 0 means octal, which has no digits 8 and 9)' : '';
  return st.fail(kind, start, `${excerpt(text)} is not a number${why} in the value of ${st.atomName()}`);
}

function tooLarge(st: CompileState, start: number, end: number): never {
  return st.fail('Value Too Large', start,
    `${excerpt(st.text(start, end))} is out of range (-2147483648 to 4294967295) in the value of ${st.atomName()}`);
}

/** A number that must be within [0, max]; negative numbers report `kind`. */
export function parseBounded(st: CompileState, start: number, end: number, max: number, kind: CompileErrorKind): number {
  const v = parseNumber(st, start, end, kind);
  if (v < 0) st.fail(kind, start, `${excerpt(st.text(start, end))} is negative; ${st.atomName()} takes 0 to ${max} here`);
  if (v > max) st.fail('Value Too Large', start, `${excerpt(st.text(start, end))} is larger than ${max} in the value of ${st.atomName()}`);
  return v;
}

/** A negative number as 4 bytes of two's complement, else the fewest bytes. */
export function writeSigned(st: CompileState, v: number): void {
  if (v < 0) st.writeFixed(v, 4);
  else st.writeUintMinimal(v);
}

/** True when the word has a dash after its first character: a GID form (`1-2-3`). */
export function isGidForm(src: Uint8Array, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) if (src[i] === CH_DASH) return true;
  return false;
}

/** Writes a GID form `t-i` (3 bytes) or `t-s-i` (4 bytes); every part in range (4.5). */
export function writeGid(st: CompileState, start: number, end: number): void {
  const src = st.src;
  const parts: number[] = [];
  let partStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || src[i] === CH_DASH) {
      if (i === partStart || parts.length === 3) {
        st.fail('Bad Global ID Format', start, `${excerpt(st.text(start, end))} is not a global id (write t-i or t-s-i)`);
      }
      const max = i === end ? 0xffff : 0xff;
      const v = parseNumber(st, partStart, i, 'Bad Global ID Format');
      if (v < 0 || v > max) {
        st.fail('Bad Global ID Format', partStart,
          `${excerpt(st.text(partStart, i))} is out of range (0 to ${max}) in the global id ${excerpt(st.text(start, end))}`);
      }
      parts.push(v);
      partStart = i + 1;
    }
  }
  if (parts.length < 2) st.fail('Bad Global ID Format', start, `${excerpt(st.text(start, end))} is not a global id`);
  st.ensure(4);
  st.buf[st.len++] = parts[0];
  if (parts.length === 3) st.buf[st.len++] = parts[1];
  const id = parts[parts.length - 1];
  st.buf[st.len++] = id >> 8;
  st.buf[st.len++] = id & 0xff;
}

/**
 * Reads the quoted string at st.pos (which is `"`), undoing the escapes of 8.5, and writes
 * its bytes. A raw line break inside the quotes is part of the string.
 */
export function writeString(st: CompileState): void {
  const src = st.src;
  const end = st.end;
  const open = st.pos;
  let p = open + 1;
  let buf = st.buf;
  let w = st.len;
  let limit = buf.length;
  for (;;) {
    if (p >= end) {
      st.len = w;
      st.fail('Missing Close Bracket', open, `the string that starts here is never closed with a quote (value of ${st.atomName()})`);
    }
    if (w >= limit) {
      st.len = w;
      st.ensure(Math.min(end - p, 65536));
      buf = st.buf;
      limit = buf.length;
    }
    const c = src[p];
    if (c === CH_QUOTE) break;
    if (c === CH_BACKSLASH) {
      buf[w++] = escapeByte(st, p);
      p += src[p + 1] === CH_LOWER_X ? 4 : 2;
      continue;
    }
    buf[w++] = c;
    p++;
  }
  st.len = w;
  st.pos = p + 1;
}

function escapeByte(st: CompileState, at: number): number {
  const src = st.src;
  const c = src[at + 1];
  switch (c) {
    case 110: return 10; // \n
    case 114: return 13; // \r
    case 116: return 9; // \t
    case CH_QUOTE: return CH_QUOTE;
    case CH_BACKSLASH: return CH_BACKSLASH;
    case CH_LOWER_X: {
      const hi = at + 2 < st.end ? HEX_VALUE[src[at + 2]] : -1;
      const lo = at + 3 < st.end ? HEX_VALUE[src[at + 3]] : -1;
      if (hi >= 0 && lo >= 0) return (hi << 4) | lo;
      return st.fail('Bad Escape Sequence', at,
        `${excerpt(st.text(at, at + 4))} is not an escape: \\x takes exactly two hex digits`);
    }
    default:
      return st.fail('Bad Escape Sequence', at,
        `${excerpt(st.text(at, at + 2))} is not an escape; strings accept \\n \\r \\t \\" \\\\ and \\xHH`);
  }
}

/** Consumes the `>` that closes a value; anything else is Missing Close Bracket. */
export function expectClose(st: CompileState): void {
  const c = st.skipWs();
  if (c === CH_GT) {
    st.pos++;
    return;
  }
  st.fail('Missing Close Bracket', st.pos,
    `expected ">" to close the value of ${st.atomName()}, found ${st.tokenAt(st.pos)}`);
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

/**
 * A list made only of hex items (separated by commas or spaces) up to, not including, `>`.
 * Used for every "value made only of hex items" (8.5) and hex tails of mixed values.
 */
export function writeHexList(st: CompileState): void {
  const src = st.src;
  let c = st.skipWs();
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
 * Raw data items up to, not including, `>`: hex items, numbers 0-255 (one byte each) and,
 * when allowed, quoted strings (8.5), separated by commas or spaces.
 */
export function writeRawList(st: CompileState, allowStrings: boolean, kind: CompileErrorKind = 'Bad Hex Format'): void {
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
      else if (end > start && isNumberStart(c)) st.writeByte(parseBounded(st, start, end, 0xff, kind));
      else st.fail(kind, start, `expected a byte (0-255 or a hex item such as 0ax), found ${st.tokenAt(start)} (value of ${st.atomName()})`);
      st.pos = end;
    }
    c = st.skipWs();
    if (c === CH_GT || c < 0) return;
    if (c === CH_COMMA) {
      st.pos++;
      c = st.skipWs();
      if (c < 0) return;
    }
  }
}

/** bytelist: numbers 0-255 in any notation, hex items or strings, separated by commas or spaces. */
export function writeBytelist(st: CompileState): void {
  writeRawList(st, true, 'Bad Byte Format');
}
