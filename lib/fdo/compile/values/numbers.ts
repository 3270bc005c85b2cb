/** Number-like values: dword (4.2), gid (4.5), byte and word (4.17), criterion (4.10). */
import { CH_QUOTE } from '../chars';
import { CRITERION_NAMES } from '../lookups';
import { expectClose, isHexItem, writeHexList } from '../scan-lists';
import { isGidForm, isNumberStart, parseBounded, parseNumber, writeGid, writeSigned } from '../scan-numbers';
import { writeString } from '../scan-strings';
import type { CompileState } from '../state';

/** dword: a number (negative → 4 bytes), a GID form, or a quoted string (8.5). */
export function encodeDword(st: CompileState, first: number): void {
  if (first === CH_QUOTE) {
    writeString(st);
  } else {
    const start = st.pos;
    const end = st.wordEnd(start);
    if (end > start && isGidForm(st.src, start, end)) writeGid(st, start, end);
    else writeSigned(st, parseNumber(st, start, end, 'Bad Number Format'));
    st.pos = end;
  }
  expectClose(st);
}

/** gid: `t-s-i` (4 bytes), `t-i` (3 bytes) or a plain number in the fewest bytes. */
export function encodeGid(st: CompileState, first: number): void {
  const start = st.pos;
  const end = st.wordEnd(start);
  if (first === CH_QUOTE || end === start) {
    st.fail('Bad Global ID Format', start, `expected a global id such as 32-105, found ${st.tokenAt(start)} (value of ${st.atomName()})`);
  }
  if (isGidForm(st.src, start, end)) writeGid(st, start, end);
  else st.writeUintMinimal(parseBounded(st, start, end, 0xffffffff, 'Bad Global ID Format'));
  st.pos = end;
  expectClose(st);
}

/** byte (1 byte) and word (always 2 bytes). */
export function encodeSmall(st: CompileState, size: 1 | 2): void {
  const start = st.pos;
  const end = st.wordEnd(start);
  st.writeFixed(parseBounded(st, start, end, size === 1 ? 0xff : 0xffff, 'Bad Number Format'), size);
  st.pos = end;
  expectClose(st);
}

/** criterion: any of the 26 names (1 byte) or a number in the fewest bytes. */
export function encodeCriterion(st: CompileState, first: number): void {
  const start = st.pos;
  const end = st.wordEnd(start);
  if (end > start && isNumberStart(first)) {
    st.writeUintMinimal(parseBounded(st, start, end, 0xffffffff, 'Bad Number Format'));
  } else {
    const code = CRITERION_NAMES.lookup(st.src, start, end);
    if (code < 0) st.fail('Bad Number Format', start, `${st.tokenAt(start)} is not a criterion name (void, select, close, open, ...) or number`);
    st.writeByte(code);
  }
  st.pos = end;
  expectClose(st);
}

/**
 * An argument after a register letter or a token: hex items, a GID form, or an unsigned
 * number in the fewest bytes. `start`..`end` is the argument's first word.
 */
export function writeNumberGidOrHex(st: CompileState, start: number, end: number): void {
  if (isHexItem(st.src, start, end)) {
    writeHexList(st);
    return;
  }
  if (isGidForm(st.src, start, end)) writeGid(st, start, end);
  else st.writeUintMinimal(parseBounded(st, start, end, 0xffffffff, 'Bad Global ID Format'));
  st.pos = end;
}
