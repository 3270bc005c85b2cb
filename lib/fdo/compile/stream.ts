/**
 * The atom loop: reads atoms (names, `the_unknown`, comments) and nested streams, keeping
 * open streams on an explicit stack so nesting depth never touches the call stack.
 */
import { CH_COMMA, CH_CR, CH_GT, CH_LF, CH_LT, CH_QUOTE, CH_SEMI, DELIMITER, isDigit } from './chars';
import { beginAtom, finishAtom } from './atom-frame';
import { ATOM_NAMES, ATOM_NUMBER, ATOM_PROTOCOL, ATOM_TYPE, THE_UNKNOWN } from './lookups';
import { COMMENT_ATOM, HASH_SEED, T_STREAM, hashByte, hashChunk } from '../tables';
import { expectClose, isHexItem, writeRawList } from './scan-lists';
import { isNumberStart, parseBounded } from './scan-numbers';
import type { CompileState } from './state';
import { encodeValue } from './values';
import { unrecognizedAtom } from './did-you-mean';

/**
 * Deepest nesting of stream atoms accepted. Closing a level moves its bytes once (and once
 * more when it needs the large-atom form), so the work grows with depth x size; the cap
 * keeps a 16 MB hostile input under a second. Real forms nest three levels at most.
 */
export const MAX_STREAM_DEPTH = 100;

/** One open nested stream: its atom's header, data start and the `<` that opened it. */
interface OpenStream {
  headerStart: number;
  dataStart: number;
  protocol: number;
  atom: number;
  open: number;
}

export function compileStream(st: CompileState): void {
  const open: OpenStream[] = [];
  const src = st.src;
  for (;;) {
    const c = st.skipWs();
    if (c < 0) break;
    if (c === CH_SEMI) {
      writeComment(st);
      continue;
    }
    if (c === CH_GT) {
      const frame = open.pop();
      if (frame === undefined) st.fail('Unrecognized Atom', st.pos, 'found ">" where an atom name was expected; no nested stream is open');
      st.pos++;
      finishAtom(st, frame.headerStart, frame.dataStart, frame.protocol, frame.atom);
      continue;
    }
    // Scan and hash the atom name in one pass (the hot path of the whole compiler), four
    // bytes at a time while all four are plainly word characters.
    const start = st.pos;
    const end = scanName(st, start);
    const atom = end > start ? ATOM_NAMES.find(src, start, end, st.nameHash, st.view) : -1;
    if (atom < 0) {
      unrecognizedAtom(st, start, end);
    }
    st.pos = end;
    st.atom = atom;
    if (atom === THE_UNKNOWN) {
      writeUnknown(st, end);
      continue;
    }
    const protocol = ATOM_PROTOCOL[atom];
    const number = ATOM_NUMBER[atom];
    const headerStart = st.len;
    const dataStart = beginAtom(st, protocol, number);
    if (st.skipWs() === CH_LT) {
      const lt = st.pos++;
      if (ATOM_TYPE[atom] === T_STREAM && opensNestedStream(st)) {
        if (open.length >= MAX_STREAM_DEPTH) {
          st.fail('Value Too Large', lt, `streams nest deeper than ${MAX_STREAM_DEPTH} levels`);
        }
        open.push({ headerStart, dataStart, protocol, atom: number, open: lt });
        continue;
      }
      encodeValue(st, atom);
    }
    finishAtom(st, headerStart, dataStart, protocol, number);
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) {
    st.fail('Missing Close Bracket', st.end, `the nested stream opened with "<" at ${describe(st, unclosed.open)} is never closed with ">"`);
  }
}

/**
 * The end of the word at `start`; its hash (tables/name-hash.ts) is left in st.nameHash. A four-byte
 * chunk is plainly inside the word when every byte has bit 6 set (letters, `_` and most
 * Latin-1) and none is `|`, the one delimiter with that bit; other chunks (digits, say) are
 * checked byte by byte.
 */
export function scanName(st: CompileState, start: number): number {
  const src = st.src;
  const view = st.view;
  const last4 = st.end - 4;
  let p = start;
  let hash = HASH_SEED;
  while (p <= last4) {
    const w = view.getInt32(p);
    const bars = w ^ 0x7c7c7c7c;
    if ((w & 0x40404040) !== 0x40404040 || ((bars - 0x01010101) & ~bars & 0x80808080) !== 0) {
      let k = 0;
      while (k < 4 && DELIMITER[src[p + k]] === 0) k++;
      if (k < 4) {
        for (const stop = p + k; p < stop; p++) hash = hashByte(hash, src[p]);
        st.nameHash = hash;
        return p;
      }
    }
    hash = hashChunk(hash, w);
    p += 4;
  }
  for (const end = st.end; p < end && DELIMITER[src[p]] === 0; p++) hash = hashByte(hash, src[p]);
  st.nameHash = hash;
  return p;
}

/** After a stream atom's `<`: a nested stream when the value starts with an atom name or a comment (8.6). */
export function opensNestedStream(st: CompileState): boolean {
  const c = st.skipWs();
  if (c === CH_GT || c === CH_QUOTE || c < 0) return false;
  if (c === CH_SEMI) return true;
  if (isDigit(c)) return false;
  const end = st.wordEnd(st.pos);
  return !isHexItem(st.src, st.pos, end);
}

/** `; text` to the end of the line becomes an hfs_attr_fdo_comment atom with that text (8.3). */
export function writeComment(st: CompileState): void {
  const src = st.src;
  let p = st.pos + 1;
  const headerStart = st.len;
  const dataStart = beginAtom(st, COMMENT_ATOM.protocol, COMMENT_ATOM.atom);
  let lineEnd = p;
  while (lineEnd < st.end) {
    const c = src[lineEnd];
    if (c === CH_LF || c === CH_CR) break;
    lineEnd++;
  }
  st.ensure(lineEnd - p);
  const buf = st.buf;
  let w = st.len;
  for (; p < lineEnd; p++) {
    buf[w++] = src[p];
  }
  st.len = w;
  st.pos = lineEnd;
  finishAtom(st, headerStart, dataStart, COMMENT_ATOM.protocol, COMMENT_ATOM.atom);
}

/** `the_unknown <P, A, data...>`: a FULL atom with those numbers (8.6). */
export function writeUnknown(st: CompileState, nameEnd: number): void {
  if (st.skipWs() !== CH_LT) {
    st.fail('Missing Open Bracket', nameEnd, 'the_unknown needs a value: the_unknown <protocol, atom, data...>');
  }
  st.pos++;
  st.skipWs(); // blanks are allowed right after `<` too (`the_unknown < 16, 204>`, 8.6)
  const protocol = readUnknownNumber(st, 127, 'protocol');
  let c = st.skipWs();
  if (c === CH_COMMA) {
    st.pos++;
    st.skipWs();
  }
  const number = readUnknownNumber(st, 255, 'atom number');
  const headerStart = st.len;
  const dataStart = beginAtom(st, protocol, number);
  c = st.skipWs();
  if (c === CH_COMMA) {
    st.pos++;
    writeRawList(st, false, false);
  }
  expectClose(st);
  finishAtom(st, headerStart, dataStart, protocol, number);
}

function readUnknownNumber(st: CompileState, max: number, what: string): number {
  const start = st.pos;
  const end = st.wordEnd(start);
  if (end === start || !isNumberStart(st.src[start])) {
    st.fail('Bad Hex Format', start, `expected the ${what} of the_unknown (0-${max}), found ${st.tokenAt(start)}`);
  }
  const v = parseBounded(st, start, end, max, 'Bad Hex Format');
  st.pos = end;
  return v;
}

function describe(st: CompileState, at: number): string {
  let line = 1;
  for (let i = 0; i < at; i++) {
    const c = st.src[i];
    if (c === CH_LF || (c === CH_CR && st.src[i + 1] !== CH_LF)) line++;
  }
  return `line ${line}`;
}
