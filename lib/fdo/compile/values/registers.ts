/** Register values (4.14): var (letters), var_dword (letter + number), var_string (letter + text). */
import { CH_COMMA, CH_GT, CH_QUOTE, lowerCode } from '../chars';
import { expectClose, isHexItem, nextListItem, writeHexItem, writeHexList } from '../scan-lists';
import { isNumberStart, parseBounded } from '../scan-numbers';
import { writeString } from '../scan-strings';
import { writeNumberGidOrHex } from './numbers';
import type { CompileState } from '../state';

/**
 * One register at st.pos: a letter A-Z in either case (only the first character of a word
 * counts, as the reference does), a number 0-255, or a hex item. Leaves st.pos after it.
 */
function writeRegister(st: CompileState, first: number): void {
  const start = st.pos;
  const end = st.wordEnd(start);
  const letter = lowerCode(first) - 97;
  if (end > start && isHexItem(st.src, start, end)) {
    writeHexItem(st, start, end);
  } else if (end > start && isNumberStart(first)) {
    st.writeByte(parseBounded(st, start, end, 0xff, 'Bad Letter Format'));
  } else if (end > start && letter >= 0 && letter < 26) {
    st.writeByte(letter);
  } else {
    st.fail('Bad Letter Format', start, `${st.tokenAt(start)} is not a register letter A-Z (value of ${st.atomName()})`);
  }
  st.pos = end;
}

/** var: registers separated by commas or spaces. */
export function encodeVar(st: CompileState, first: number): void {
  let c = first;
  for (;;) {
    writeRegister(st, c);
    c = nextListItem(st);
    if (c < 0) break;
  }
  expectClose(st);
}

/** Skips an optional comma after the register; returns the next char code. */
function afterRegister(st: CompileState): number {
  const c = st.skipWs();
  if (c !== CH_COMMA) return c;
  st.pos++;
  return st.skipWs();
}

/** var_dword: letter, then optionally an unsigned number (fewest bytes), a GID form or hex. */
export function encodeVarDword(st: CompileState, first: number): void {
  writeRegister(st, first);
  const c = afterRegister(st);
  if (c !== CH_GT) {
    const start = st.pos;
    const end = st.wordEnd(start);
    if (end === start) {
      st.fail('Bad Global ID Format', start, `expected a number after the register, found ${st.tokenAt(start)} (value of ${st.atomName()})`);
    }
    writeNumberGidOrHex(st, start, end);
  }
  expectClose(st);
}

/** var_string: letter, then optionally quoted text or hex items; a lone string is its bytes. */
export function encodeVarString(st: CompileState, first: number): void {
  if (first === CH_QUOTE) {
    writeString(st);
    expectClose(st);
    return;
  }
  writeRegister(st, first);
  const c = afterRegister(st);
  if (c === CH_QUOTE) {
    writeString(st);
  } else if (c !== CH_GT) {
    const start = st.pos;
    const end = st.wordEnd(start);
    if (end === start || !isHexItem(st.src, start, end)) {
      st.fail('Missing Quote', start, `the text of ${st.atomName()} must be quoted, found ${st.tokenAt(start)}`);
    }
    writeHexList(st);
  }
  expectClose(st);
}
