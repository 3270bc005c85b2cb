/**
 * "Did you mean" for the Unrecognized Atom error: the atom names nearest to a misspelt
 * word, so the CLI, the REST routes and the editor all suggest the same fix. Error path
 * only: it may allocate and take a millisecond.
 */
import { FdoError } from '../errors';
import { compileError } from './fail';
import { ATOMS } from './lookups';
import type { CompileState } from './state';

/** Words longer than this get no suggestions (no atom name is near; bounds the work). */
const MAX_WORD = 64;

const NAMES: readonly string[] = [...ATOMS.map((a) => a.name), 'the_unknown'];

/**
 * Optimal-string-alignment distance (Levenshtein plus swapped neighbours), giving up as
 * soon as it must exceed `limit` (returns limit + 1 then).
 */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/**
 * Up to `limit` atom names nearest to `word` (case-insensitive), nearest first: names
 * within an edit distance of about a third of the word, and names the word is the start
 * of when nothing is that near.
 */
export function nearestAtomNames(word: string, limit = 3): string[] {
  const w = word.toLowerCase();
  if (w.length === 0 || w.length > MAX_WORD) return [];
  const budget = Math.max(1, Math.min(4, Math.floor(w.length / 3)));
  const scored: { name: string; d: number }[] = [];
  for (const name of NAMES) {
    const d = distance(w, name, budget);
    if (d <= budget) scored.push({ name, d });
  }
  if (scored.length === 0 && w.length >= 4) {
    for (const name of NAMES) if (name.startsWith(w)) scored.push({ name, d: name.length - w.length });
  }
  scored.sort((x, y) => x.d - y.d || x.name.length - y.name.length || (x.name < y.name ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.name);
}

/** The hint of an Unrecognized Atom error for `word`. */
export function unrecognizedAtomHint(word: string): string | undefined {
  const near = nearestAtomNames(word);
  if (near.length === 0) return undefined;
  return `did you mean ${near.join(', ')}? Otherwise write the_unknown <protocol, atom, ...>.`;
}

/** Throws the Unrecognized Atom error for the word at src[start, end), with suggestions. */
export function unrecognizedAtom(st: CompileState, start: number, end: number): never {
  const err = compileError(st.text(0, st.end), 'Unrecognized Atom', start, `${st.tokenAt(start)} is not an atom name`);
  const hint = end > start && end - start <= MAX_WORD ? unrecognizedAtomHint(st.text(start, end)) : undefined;
  throw hint === undefined ? err : new FdoError({ ...err.toJSON(), hint });
}
