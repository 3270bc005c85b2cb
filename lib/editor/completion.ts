/**
 * Completion lists, pure: atom names for a prefix or a fuzzy query, and inside `< >` the
 * names the atom's argument allows. The CodeMirror source (components/editor) only
 * turns these into its options.
 */
import { ATOM_LIST, argumentTemplate, describeArgument, findAtom, valueNames, type AtomDef, type ValueName } from './atom-info';
import { initialState, Mode, tokenizeLine, type TokenState } from './tokenizer';

export interface AtomCompletion {
  readonly name: string;
  readonly protocol: number;
  readonly atom: number;
  readonly type: string;
  readonly template: string;
  readonly detail: string;
  /** lower is better */
  readonly score: number;
}

/**
 * How well `query` matches `name`, lower is better, or -1 for no match: a prefix, then
 * the initials of the parts (`mso` for man_start_object), then any subsequence, preferring
 * matches at part starts and close together.
 */
export function matchScore(query: string, name: string): number {
  const q = query.toLowerCase();
  if (q.length === 0) return 0;
  if (name.startsWith(q)) return name.length - q.length;
  const parts = name.split('_');
  const initials = parts.map((p) => p[0]).join('');
  if (initials.startsWith(q)) return 100 + name.length;
  if (name.includes(q)) return 200 + name.indexOf(q) + name.length;
  let score = 300;
  let at = 0;
  let last = -1;
  for (const ch of q) {
    const i = name.indexOf(ch, at);
    if (i < 0) return -1;
    const atPartStart = i === 0 || name[i - 1] === '_';
    score += (atPartStart ? 0 : 3) + (last >= 0 ? Math.min(8, i - last - 1) : i);
    last = i;
    at = i + 1;
  }
  return score + name.length;
}

function toCompletion(def: AtomDef, score: number): AtomCompletion {
  return {
    name: def.name,
    protocol: def.protocol,
    atom: def.atom,
    type: def.type,
    template: argumentTemplate(def),
    detail: `${def.protocol}/${def.atom} ${def.type}: ${describeArgument(def)}`,
    score,
  };
}

/** Atom names matching `query`, best first, at most `limit`. */
export function completeAtomNames(query: string, limit = 100): AtomCompletion[] {
  const scored: AtomCompletion[] = [];
  for (const def of ATOM_LIST) {
    const s = matchScore(query, def.name);
    if (s >= 0) scored.push(toCompletion(def, s));
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : 1));
  return scored.slice(0, limit);
}

/** The names allowed where `query` is being typed in field `field` of `atomName`'s value. */
export function completeValue(atomName: string, field: number, query: string, limit = 200): ValueName[] {
  const def = findAtom(atomName);
  if (!def) return [];
  const names = valueNames(def, field);
  const scored: { v: ValueName; s: number }[] = [];
  for (const v of names) {
    const s = matchScore(query, v.name.toLowerCase());
    if (s >= 0) scored.push({ v, s });
  }
  // within a kind of match (prefix, initials, substring, scattered) keep the table's order
  scored.sort((a, b) => Math.floor(a.s / 100) - Math.floor(b.s / 100));
  return scored.slice(0, limit).map((x) => x.v);
}

/** Where the cursor is, as completion needs it. */
export type CompletionContext =
  { kind: 'atom'; from: number; query: string } | { kind: 'value'; from: number; query: string; atom: string; field: number } | { kind: 'none' };

/**
 * What to complete at `column` of `line` (0-based), given the tokenizer state at the
 * line's start (initialState() when unknown: the decompiler's layout starts every line
 * as a statement).
 */
export function completionContextAt(line: string, column: number, start: TokenState = initialState()): CompletionContext {
  const before = line.slice(0, column);
  const word = /[^\s<>,|";]*$/.exec(before)![0];
  const from = column - word.length;
  const state = { ...start };
  tokenizeLine(line.slice(0, from), state);
  if (state.mode === Mode.String) return { kind: 'none' };
  if (state.mode === Mode.Value && state.atom) return { kind: 'value', from, query: word, atom: state.atom, field: state.field };
  if (state.mode === Mode.StreamOpen || state.mode === Mode.Statement || state.mode === Mode.AfterName) {
    if (before.trimStart().startsWith(';')) return { kind: 'none' };
    return { kind: 'atom', from, query: word };
  }
  return { kind: 'none' };
}
