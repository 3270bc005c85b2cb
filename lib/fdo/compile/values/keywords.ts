/** Values named by a keyword: bool (4.4), orient (4.8), atom references (4.12). */
import { CH_QUOTE, lowerCode } from '../chars';
import { ATOM_NAMES, ATOM_NUMBER, ATOM_PROTOCOL, BOOL_NAMES, THE_UNKNOWN } from '../lookups';
import { expectClose } from '../scan-lists';
import { isNumberStart, parseBounded } from '../scan-numbers';
import type { CompileState } from '../state';

/** yes / no / true / false, or a number written as one byte. */
export function encodeBool(st: CompileState, first: number): void {
  const start = st.pos;
  const end = st.wordEnd(start);
  if (end > start && isNumberStart(first)) {
    st.writeByte(parseBounded(st, start, end, 0xff, 'Bad Boolean Format'));
  } else {
    const v = BOOL_NAMES.lookup(st.src, start, end);
    if (v < 0) st.fail('Bad Boolean Format', start, `${st.tokenAt(start)} is not a boolean (yes, no, true, false) in the value of ${st.atomName()}`);
    st.writeByte(v);
  }
  st.pos = end;
  expectClose(st);
}

function letterIndex(letters: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < letters.length; i++) table[letters.charCodeAt(i)] = i;
  return table;
}
const SECOND = letterIndex('clrfe');
const THIRD = letterIndex('ctbfe');

function orientLetter(table: Int8Array, c: number): number {
  const lower = lowerCode(c);
  return lower < 128 ? table[lower] : -1;
}

/** Three letters `0ASSSTTT` (letters after the third are ignored), or a number as one byte. */
export function encodeOrient(st: CompileState, first: number): void {
  const src = st.src;
  const start = st.pos;
  const end = st.wordEnd(start);
  if (end > start && isNumberStart(first)) {
    st.writeByte(parseBounded(st, start, end, 0xff, 'Bad Orientation Format'));
  } else {
    const axis = end - start >= 3 ? lowerCode(src[start]) : 0;
    const second = end - start >= 3 ? orientLetter(SECOND, src[start + 1]) : -1;
    const third = end - start >= 3 ? orientLetter(THIRD, src[start + 2]) : -1;
    if ((axis !== 104 && axis !== 118) || second < 0 || third < 0 || first === CH_QUOTE) {
      st.fail('Bad Orientation Format', start, `${st.tokenAt(start)} is not an orientation: h or v, then one of c l r f e, then one of c t b f e (e.g. vff)`);
    }
    st.writeByte(((axis === 118 ? 1 : 0) << 6) | (second << 3) | third);
  }
  st.pos = end;
  expectClose(st);
}

/** An atom named by its name: [protocol][atom number]. */
export function encodeAtomRef(st: CompileState): void {
  const start = st.pos;
  const end = st.wordEnd(start);
  const idx = ATOM_NAMES.lookup(st.src, start, end);
  if (idx < 0 || idx === THE_UNKNOWN) {
    st.fail('Unrecognized Atom', start, `${st.tokenAt(start)} is not an atom name (value of ${st.atomName()})`);
  }
  st.writeByte(ATOM_PROTOCOL[idx]);
  st.writeByte(ATOM_NUMBER[idx]);
  st.pos = end;
}
