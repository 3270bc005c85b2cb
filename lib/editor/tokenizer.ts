/**
 * The FDO language's tokenizer, one line at a time with a small copyable state, so
 * CodeMirror can restart it at any line (StreamLanguage) and tests can run it on whole
 * texts. It follows the compiler's grammar (spec 8): a statement is an atom name, a
 * `; comment` or the `>` closing a nested stream; a value runs from `<` to `>` and may
 * span lines; strings may hold raw line breaks. It never throws: what the compiler would
 * reject becomes an `invalid` token.
 */
import { findAtom, type AtomDef } from './atom-info';

export type TokenType =
  | 'atom' // an atom name starting a statement (or naming an atom inside a value)
  | 'comment'
  | 'string'
  | 'escape' // \n \r \t \" \\ \xHH inside a string
  | 'number' // decimal, 0x hex, negative, global ids (32-105)
  | 'hex' // hex items: 00x, 1fx
  | 'name' // enum, flag, keyword and register names inside a value
  | 'bracket' // the < and > of a value
  | 'stream' // the < and > of a nested stream
  | 'punct' // , and |
  | 'invalid';

export interface Token {
  from: number;
  to: number;
  type: TokenType;
}

export const enum Mode {
  /** where a statement may start */
  Statement = 0,
  /** after an atom name: a `<` here opens its value (possibly on a later line) */
  AfterName = 1,
  /** inside `< >` */
  Value = 2,
  /** inside a quoted string within a value */
  String = 3,
  /** after the `<` of a stream atom: nested stream or plain value, decided by what follows */
  StreamOpen = 4,
}

export interface TokenState {
  mode: Mode;
  /** open nested streams */
  depth: number;
  /** the atom whose value is being read (or was just named), or null */
  atom: string | null;
  /** 0-based field of the value being read (commas seen) */
  field: number;
  /** the decompiler's level counter (3.2, 3.3), for indentation */
  level: number;
}

export function initialState(): TokenState {
  return { mode: Mode.Statement, depth: 0, atom: null, field: 0, level: 0 };
}

export function copyState(s: TokenState): TokenState {
  return { mode: s.mode, depth: s.depth, atom: s.atom, field: s.field, level: s.level };
}

const DELIMITERS = ' \t\r\n<>,|";';

function isDelimiter(c: string): boolean {
  return DELIMITERS.includes(c);
}

function wordEnd(line: string, pos: number): number {
  let p = pos;
  while (p < line.length && !isDelimiter(line[p]!)) p++;
  return p;
}

const HEX_ITEM = /^[0-9a-f]+x$/i;
const NUMBER = /^(-?\d[\w-]*|\+\d\w*)$/;

function classifyValueWord(word: string): TokenType {
  if (HEX_ITEM.test(word) && word.length >= 2) return 'hex';
  if (NUMBER.test(word)) return 'number';
  if (findAtom(word)) return 'atom';
  return 'name';
}

/** Atom flags as the level counter applies them (3.2). */
function enterAtom(state: TokenState, def: AtomDef | undefined): void {
  if (!def) return;
  if (def.outdent && state.level > 0) state.level--;
  if (def.indent) state.level++;
}

/**
 * Reads one token (or a run of whitespace, typed null) of `line` at `pos`, updating
 * `state`. Always advances by at least one character while pos < line.length.
 */
export function readToken(line: string, pos: number, state: TokenState): { to: number; type: TokenType | null } {
  const c = line[pos]!;
  if (state.mode === Mode.String) {
    if (c === '"') {
      state.mode = Mode.Value;
      return { to: pos + 1, type: 'string' };
    }
    if (c === '\\') {
      const e = line[pos + 1];
      if (e === 'x' || e === 'X') {
        const ok = /^[0-9a-f]{2}$/i.test(line.slice(pos + 2, pos + 4));
        return ok ? { to: pos + 4, type: 'escape' } : { to: Math.min(line.length, pos + 2), type: 'invalid' };
      }
      if (e !== undefined && 'nrt"\\'.includes(e)) return { to: pos + 2, type: 'escape' };
      return { to: Math.min(line.length, pos + 2), type: 'invalid' };
    }
    let p = pos;
    while (p < line.length && line[p] !== '"' && line[p] !== '\\') p++;
    return { to: p, type: 'string' };
  }
  if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
    let p = pos + 1;
    while (p < line.length && ' \t\r\n'.includes(line[p]!)) p++;
    return { to: p, type: null };
  }
  switch (state.mode) {
    case Mode.AfterName:
      if (c === '<') {
        const def = state.atom ? findAtom(state.atom) : undefined;
        state.field = 0;
        if (def?.type === 'stream') {
          state.mode = Mode.StreamOpen;
          state.level++;
          return { to: pos + 1, type: 'stream' };
        }
        state.mode = Mode.Value;
        return { to: pos + 1, type: 'bracket' };
      }
      state.mode = Mode.Statement;
      state.atom = null;
      return readToken(line, pos, state);
    case Mode.StreamOpen: {
      // 8.6: a nested stream when the value starts with an atom name or a comment
      const end = wordEnd(line, pos);
      const word = line.slice(pos, end);
      const nested = c === ';' || (end > pos && !/^\d/.test(word) && !(HEX_ITEM.test(word) && word.length >= 2));
      if (nested) {
        state.mode = Mode.Statement;
        state.depth++;
        state.atom = null;
        return readToken(line, pos, state);
      }
      // a plain value: the stream atom's `<` opened a hex list, string or empty value
      state.level--;
      state.mode = Mode.Value;
      return readToken(line, pos, state);
    }
    case Mode.Value:
      if (c === '>') {
        state.mode = Mode.Statement;
        state.atom = null;
        state.field = 0;
        return { to: pos + 1, type: 'bracket' };
      }
      if (c === '"') {
        state.mode = Mode.String;
        return { to: pos + 1, type: 'string' };
      }
      if (c === ',') {
        state.field++;
        return { to: pos + 1, type: 'punct' };
      }
      if (c === '|') return { to: pos + 1, type: 'punct' };
      if (c === '<' || c === ';') return { to: pos + 1, type: 'invalid' };
      {
        const end = wordEnd(line, pos);
        return { to: end, type: classifyValueWord(line.slice(pos, end)) };
      }
    default: {
      // Statement
      if (c === ';') return { to: line.length, type: 'comment' };
      if (c === '>') {
        if (state.depth === 0) return { to: pos + 1, type: 'invalid' };
        state.depth--;
        state.level--; // no clamp here (3.3 step 6)
        return { to: pos + 1, type: 'stream' };
      }
      const end = wordEnd(line, pos);
      if (end === pos) return { to: pos + 1, type: 'invalid' };
      const word = line.slice(pos, end);
      const def = findAtom(word);
      state.mode = Mode.AfterName;
      state.atom = def ? def.name : word.toLowerCase() === 'the_unknown' ? 'the_unknown' : null;
      state.field = 0;
      if (!def && state.atom === null) return { to: end, type: 'invalid' };
      enterAtom(state, def);
      return { to: end, type: 'atom' };
    }
  }
}

/** The tokens of one line (whitespace left out); `state` carries over to the next line. */
export function tokenizeLine(line: string, state: TokenState): Token[] {
  const out: Token[] = [];
  let pos = 0;
  while (pos < line.length) {
    const t = readToken(line, pos, state);
    if (t.type !== null) out.push({ from: pos, to: t.to, type: t.type });
    pos = t.to;
  }
  return out;
}

/** Every line's tokens, offsets relative to the line. */
export function tokenize(text: string): Token[][] {
  const state = initialState();
  return text.split(/\r\n|\r|\n/).map((line) => tokenizeLine(line, state));
}

/** The atom name that starts `line` (after indentation), or null. */
export function statementAtom(line: string): string | null {
  const m = /^\s*([^\s<>,|";]+)/.exec(line);
  return m && findAtom(m[1]!) ? findAtom(m[1]!)!.name : null;
}
