/**
 * Where FDO source text can be cut into independently compilable parts.
 *
 * The compiler writes every atom in FULL style, which carries no state from one atom to
 * the next, so for a cut between two top-level atoms compile(A + B) = compile(A) +
 * compile(B). The pool uses this to compile a large source on several daemons at once.
 *
 * A cut goes at the start of a line where the text so far is at bracket depth 0, outside
 * a string and a comment, and where the next atom begins (a name or a `;` comment). Not
 * before a line that starts with `<`: a value may follow its name on the next line (spec
 * 8.2). After a stray `>` (depth below 0) no cut is made at all, so an unbalanced input is
 * compiled whole and reports its error exactly as one compile would. Blank lines stay
 * with the part before them, so every part holds at least one atom.
 *
 * Pure: bytes in, offsets out.
 */

export interface SourcePart {
  /** byte offset of the part in the source */
  start: number;
  end: number;
  /** the 1-based line the part starts on */
  line: number;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SEMICOLON = 0x3b;
const LT = 0x3c;
const GT = 0x3e;

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function startsAtom(c: number): boolean {
  return c === SEMICOLON || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/**
 * Cuts `source` into parts of about `targetBytes` each (never inside an atom); at most
 * `maxParts`. A source that cannot be cut safely comes back as one part.
 */
export function splitSource(source: Uint8Array, targetBytes: number, maxParts = Number.POSITIVE_INFINITY): SourcePart[] {
  const n = source.length;
  const parts: SourcePart[] = [];
  let partStart = 0;
  let partLine = 1;
  let line = 1;
  let depth = 0;
  let inString = false;
  let inComment = false;
  let broken = false;
  // the first line start at depth 0 after the target: a cut candidate waits for the next atom
  let candidate = -1;
  let candidateLine = 0;
  for (let i = 0; i < n; i++) {
    const c = source[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      else if (c === LF || (c === CR && source[i + 1] !== LF)) line++;
      continue;
    }
    if (c === LF || c === CR) {
      if (c === CR && source[i + 1] === LF) i++;
      line++;
      inComment = false;
      if (depth === 0 && !broken && i + 1 - partStart >= targetBytes && candidate < 0 && parts.length + 1 < maxParts) {
        candidate = i + 1;
        candidateLine = line;
      }
      continue;
    }
    if (inComment) continue;
    if (candidate >= 0 && !isBlank(c)) {
      // the first thing after the candidate line start decides: an atom may begin here
      if (startsAtom(c) && depth === 0) {
        parts.push({ start: partStart, end: lineStartBefore(source, i, candidate), line: partLine });
        partStart = lineStartBefore(source, i, candidate);
        partLine = lineOf(candidateLine, source, candidate, partStart);
      }
      candidate = -1;
    }
    if (c === QUOTE) inString = true;
    else if (c === SEMICOLON) inComment = true;
    else if (c === LT) depth++;
    else if (c === GT) {
      depth--;
      if (depth < 0) broken = true;
    }
  }
  if (broken) return [{ start: 0, end: n, line: 1 }];
  parts.push({ start: partStart, end: n, line: partLine });
  return parts;
}

/** the start of the line holding offset `i` (blank lines after `candidate` go with the part before) */
function lineStartBefore(source: Uint8Array, i: number, candidate: number): number {
  let s = i;
  while (s > candidate && source[s - 1] !== LF && source[s - 1] !== CR) s--;
  return s;
}

/** the line number at `offset`, counting line ends from the candidate line start */
function lineOf(candidateLine: number, source: Uint8Array, candidate: number, offset: number): number {
  let line = candidateLine;
  for (let k = candidate; k < offset; k++) {
    const c = source[k]!;
    if (c === LF) line++;
    else if (c === CR && source[k + 1] !== LF) line++;
  }
  return line;
}
