/** Numbers in values (8.4): decimal, 0x hex, 0-prefixed octal, signs, ranges, GID forms (4.5). */
import type { CompileErrorKind } from '../errors';
import { CH_0, CH_7, CH_9, CH_DASH, CH_LOWER_X, CH_UPPER_X, HEX_VALUE, isDigit } from './chars';
import { excerpt } from './fail';
import type { CompileState } from './state';

const MAX_UINT32 = 0xffffffff;
const MIN_INT32 = -0x80000000;

/** Starts like a number: a digit, a sign. */
export function isNumberStart(c: number): boolean {
  return isDigit(c) || c === CH_DASH || c === 43; /* + */
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
  return st.fail('Value Too Large', start, `${excerpt(st.text(start, end))} is out of range (-2147483648 to 4294967295) in the value of ${st.atomName()}`);
}

/** A number that must be within [0, max]; negative numbers report `kind`. */
export function parseBounded(st: CompileState, start: number, end: number, max: number, kind: CompileErrorKind): number {
  const v = parseNumber(st, start, end, kind);
  if (v < 0) st.fail(kind, start, `${excerpt(st.text(start, end))} is negative; ${st.atomName()} takes 0 to ${max} here`);
  if (v > max) st.fail('Value Too Large', start, `${excerpt(st.text(start, end))} is larger than ${max} in the value of ${st.atomName()}`);
  return v;
}

/** True when the number src[start, end) is written in hexadecimal (`0x…`, `-0x…`). */
export function isHexNumber(src: Uint8Array, start: number, end: number): boolean {
  const p = src[start] === CH_DASH ? start + 1 : start;
  return p + 1 < end && src[p] === CH_0 && (src[p + 1] === CH_LOWER_X || src[p + 1] === CH_UPPER_X);
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
  // Up to three parts, kept in locals: a GID is in most forms, an array per GID is not free.
  let count = 0;
  let first = 0;
  let second = 0;
  let last = 0;
  let partStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || src[i] === CH_DASH) {
      if (i === partStart || count === 3) {
        st.fail('Bad Global ID Format', start, `${excerpt(st.text(start, end))} is not a global id (write t-i or t-s-i)`);
      }
      const max = i === end ? 0xffff : 0xff;
      const v = parseNumber(st, partStart, i, 'Bad Global ID Format');
      if (v < 0 || v > max) {
        st.fail(
          'Bad Global ID Format',
          partStart,
          `${excerpt(st.text(partStart, i))} is out of range (0 to ${max}) in the global id ${excerpt(st.text(start, end))}`,
        );
      }
      if (count === 0) first = v;
      else if (count === 1) second = v;
      last = v;
      count++;
      partStart = i + 1;
    }
  }
  if (count < 2) st.fail('Bad Global ID Format', start, `${excerpt(st.text(start, end))} is not a global id`);
  st.ensure(4);
  const buf = st.buf;
  let w = st.len;
  buf[w++] = first;
  if (count === 3) buf[w++] = second;
  buf[w++] = last >> 8;
  buf[w++] = last & 0xff;
  st.len = w;
}
