/** Quoted strings (8.5): the escapes \n \r \t \" \\ and \xHH, raw bytes and raw line breaks. */
import { CH_BACKSLASH, CH_LOWER_X, CH_QUOTE, HEX_VALUE } from './chars';
import { excerpt } from './fail';
import type { CompileState } from './state';

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
    case 110:
      return 10; // \n
    case 114:
      return 13; // \r
    case 116:
      return 9; // \t
    case CH_QUOTE:
      return CH_QUOTE;
    case CH_BACKSLASH:
      return CH_BACKSLASH;
    case CH_LOWER_X: {
      const hi = at + 2 < st.end ? HEX_VALUE[src[at + 2]] : -1;
      const lo = at + 3 < st.end ? HEX_VALUE[src[at + 3]] : -1;
      if (hi >= 0 && lo >= 0) return (hi << 4) | lo;
      return st.fail('Bad Escape Sequence', at, `${excerpt(st.text(at, at + 4))} is not an escape: \\x takes exactly two hex digits`);
    }
    default:
      return st.fail('Bad Escape Sequence', at, `${excerpt(st.text(at, at + 2))} is not an escape; strings accept \\n \\r \\t \\" \\\\ and \\xHH`);
  }
}
