/** What hovering shows, pure: an atom's facts, or the number an enum or keyword name stands for. */
import { describeArgument, findAtom, flagNames, valueNames } from './atom-info';
import { initialState, tokenizeLine, type TokenState } from './tokenizer';

export interface AtomHover {
  kind: 'atom';
  name: string;
  protocol: number;
  atom: number;
  type: string;
  flags: string[];
  argument: string;
}

export interface ValueHover {
  kind: 'value';
  name: string;
  /** the atom whose value it is */
  atom: string;
  value: number;
  /** enum, flag, masked, object type, criterion, ... */
  valueKind: string;
}

export type Hover = (AtomHover | ValueHover) & { from: number; to: number };

export function atomFacts(name: string): AtomHover | null {
  const def = findAtom(name);
  if (!def) return null;
  return { kind: 'atom', name: def.name, protocol: def.protocol, atom: def.atom, type: def.type, flags: flagNames(def), argument: describeArgument(def) };
}

/** The hover for `column` (0-based) of `line`, or null where there is nothing to say. */
export function hoverAt(line: string, column: number, start: TokenState = initialState()): Hover | null {
  const state = { ...start };
  let pos = 0;
  const tokens = tokenizeLine(line, { ...start });
  for (const t of tokens) {
    // replay up to the token so the state says whose value it is in
    tokenizeLine(line.slice(pos, t.from), state);
    pos = t.from;
    if (column < t.from || column >= t.to) continue;
    const word = line.slice(t.from, t.to);
    if (t.type === 'atom') {
      const facts = atomFacts(word);
      return facts ? { ...facts, from: t.from, to: t.to } : null;
    }
    if (t.type === 'name' && state.atom) {
      const def = findAtom(state.atom);
      if (!def) return null;
      const hit = valueNames(def, state.field).find((v) => v.name.toLowerCase() === word.toLowerCase());
      return hit ? { kind: 'value', name: hit.name, atom: def.name, value: hit.value, valueKind: hit.kind, from: t.from, to: t.to } : null;
    }
    return null;
  }
  return null;
}
