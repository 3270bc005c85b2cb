/**
 * Values that start with a code and carry text: objstart (4.7), alert (4.11), token (4.9),
 * and plain strings (4.3).
 */
import type { CompileErrorKind } from '../../errors';
import { CH_COMMA, CH_GT, CH_QUOTE } from '../chars';
import { ALERT_NAMES, OBJECT_TYPE_NAMES } from '../lookups';
import type { NameHash } from '../name-hash';
import { expectClose } from '../scan-lists';
import { isNumberStart, parseBounded } from '../scan-numbers';
import { writeString } from '../scan-strings';
import { writeNumberGidOrHex } from './numbers';
import type { CompileState } from '../state';

/** string: quoted text, or a number in the fewest bytes (0-255 one byte, `256` → 01 00; 8.5). */
export function encodeString(st: CompileState, first: number): void {
  if (first === CH_QUOTE) writeString(st);
  else writeLoneNumber(st, first, 0xffffffff);
  expectClose(st);
}

/** A number 0…max in place of a string, in the fewest bytes. */
function writeLoneNumber(st: CompileState, first: number, max: number): void {
  const start = st.pos;
  const end = st.wordEnd(start);
  if (end === start || !isNumberStart(first)) {
    st.fail('Missing Quote', start, `the value of ${st.atomName()} must be a quoted string, found ${st.tokenAt(start)}`);
  }
  st.writeUintMinimal(parseBounded(st, start, end, max, 'Bad Number Format'));
  st.pos = end;
}

/** `CODE[,] ["text"]`: a code byte by name or number, then optional quoted text. */
function encodeCodeAndText(st: CompileState, first: number, names: NameHash, kind: CompileErrorKind, what: string): void {
  const start = st.pos;
  const end = st.wordEnd(start);
  if (first === CH_QUOTE || end === start) {
    st.fail(kind, start, `the value of ${st.atomName()} starts with ${what}, found ${st.tokenAt(start)}`);
  }
  if (isNumberStart(first)) {
    st.writeByte(parseBounded(st, start, end, 0xff, kind));
  } else {
    const code = names.lookup(st.src, start, end);
    if (code < 0) st.fail(kind, start, `${st.tokenAt(start)} is not ${what}`);
    st.writeByte(code);
  }
  st.pos = end;
  let c = st.skipWs();
  if (c === CH_COMMA) {
    st.pos++;
    c = st.skipWs();
    if (c !== CH_QUOTE) st.fail('Missing Quote', st.pos, `the text of ${st.atomName()} must be quoted, found ${st.tokenAt(st.pos)}`);
  }
  if (c === CH_QUOTE) writeString(st);
  expectClose(st);
}

export function encodeObjstart(st: CompileState, first: number): void {
  encodeCodeAndText(st, first, OBJECT_TYPE_NAMES, 'Bad Object Name Format', 'an object type (trigger, org_group, ... or 0-255)');
}

export function encodeAlert(st: CompileState, first: number): void {
  encodeCodeAndText(st, first, ALERT_NAMES, 'Bad Alert Name Format', 'an alert kind (info, error, ..., ?)');
}

/**
 * token: the token string (any length when alone, two bytes when an argument follows),
 * then optionally a number (fewest bytes), a GID form or hex items. A lone number is one byte.
 */
export function encodeToken(st: CompileState, first: number): void {
  if (first !== CH_QUOTE) {
    // a lone number is one byte here (unverified above 255 against the reference: kept an error)
    writeLoneNumber(st, first, 0xff);
    expectClose(st);
    return;
  }
  const quote = st.pos;
  const tokenStart = st.len;
  writeString(st);
  let c = st.skipWs();
  if (c === CH_GT) {
    st.pos++;
    return;
  }
  if (st.len - tokenStart !== 2) {
    st.fail('Missing Quote', quote, `a token followed by an argument must be exactly two characters (value of ${st.atomName()})`);
  }
  if (c === CH_COMMA) {
    st.pos++;
    c = st.skipWs();
  }
  const start = st.pos;
  const end = st.wordEnd(start);
  if (end === start || c === CH_QUOTE) {
    st.fail('Bad Global ID Format', start, `expected a number, global id or hex items after the token, found ${st.tokenAt(start)}`);
  }
  writeNumberGidOrHex(st, start, end);
  expectClose(st);
}
