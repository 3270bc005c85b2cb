/**
 * Differences between two versions of a form: the text by lines (Myers' O(ND) algorithm,
 * with a bound on D so two unrelated 16 MB sources cannot take minutes) and the compiled
 * bytes' first difference, compiled with the local codec. Pure: strings in, values out.
 */
import { FdoError, compile } from '@/lib/fdo';

export type LineOp =
  | { op: 'equal'; old_line: number; new_line: number; count: number }
  | { op: 'remove'; old_line: number; text: string }
  | { op: 'add'; new_line: number; text: string };

export interface LineDiff {
  ops: LineOp[];
  added: number;
  removed: number;
  /** true when the sources differ too much for a line-by-line answer: all old lines removed, all new added */
  whole: boolean;
  /** true when `ops` stops at MAX_OPS entries (added/removed still count everything) */
  truncated: boolean;
}

/** beyond this many edits the diff answers "replaced as a whole" (the trace is O(D²) memory: 1000 → 8 MB) */
export const MAX_EDITS = 1000;
/** comparisons the search may make before it gives up the same way (bounds time on adversarial input) */
export const MAX_WORK = 50_000_000;
/** entries of `ops` returned at most, so the answer stays near the size of the input */
export const MAX_OPS = 20_000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** the edit script as pairs of (old index, new index) kept, or null past maxEdits */
function myers(a: string[], b: string[], maxEdits: number): [number, number][] | null {
  let work = 0;
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      const start = x;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      work += 1 + x - start; // one step per diagonal plus the snake's length
      if (work > MAX_WORK) return null;
      next[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(next);
        return backtrack(trace, a.length, b.length, offset);
      }
    }
    v = next;
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number, offset: number): [number, number][] {
  const kept: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) kept.push([--x, --y]);
    if (d > 0) {
      x = prevX;
      y = prevY;
    }
  }
  while (x > 0 && y > 0) kept.push([--x, --y]);
  return kept.reverse();
}

export function diffLines(oldText: string, newText: string, maxEdits = MAX_EDITS): LineDiff {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // common head and tail first: most saves touch a few lines of a long form
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const kept = myers(midA, midB, maxEdits);
  const ops: LineOp[] = [];
  let truncated = false;
  const push = (op: LineOp) => {
    if (ops.length < MAX_OPS) ops.push(op);
    else truncated = true;
  };
  const equal = (oldLine: number, newLine: number, count: number) => {
    if (count === 0) return;
    const prev = ops[ops.length - 1];
    if (prev?.op === 'equal' && prev.old_line + prev.count === oldLine) prev.count += count;
    else push({ op: 'equal', old_line: oldLine, new_line: newLine, count });
  };
  equal(1, 1, head);
  let added = 0;
  let removed = 0;
  let i = 0;
  let j = 0;
  const pairs = kept ?? [];
  for (const [ki, kj] of [...pairs, [midA.length, midB.length] as [number, number]]) {
    for (; i < ki; i++, removed++) push({ op: 'remove', old_line: head + i + 1, text: midA[i]! });
    for (; j < kj; j++, added++) push({ op: 'add', new_line: head + j + 1, text: midB[j]! });
    if (ki < midA.length) {
      equal(head + ki + 1, head + kj + 1, 1);
      i = ki + 1;
      j = kj + 1;
    }
  }
  equal(a.length - tail + 1, b.length - tail + 1, tail);
  return { ops, added, removed, whole: kept === null, truncated };
}

export interface CompiledSide {
  ok: boolean;
  size: number | null;
  error: { kind: string; message: string; line: number | null; column: number | null } | null;
}

export interface BinaryDiff {
  old: CompiledSide;
  new: CompiledSide;
  /** both compiled to the same bytes */
  identical: boolean | null;
  /** offset of the first differing byte (or the shorter length when one is a prefix); null when identical or not both compiled */
  first_difference: number | null;
  /** up to 16 bytes from there on each side, hex */
  old_bytes: string | null;
  new_bytes: string | null;
}

function compileSide(text: string): { side: CompiledSide; bytes: Uint8Array | null } {
  try {
    const bytes = compile(text);
    return { side: { ok: true, size: bytes.byteLength, error: null }, bytes: bytes.slice() };
  } catch (err) {
    if (!(err instanceof FdoError)) throw err;
    return {
      side: { ok: false, size: null, error: { kind: err.kind, message: err.message, line: err.line ?? null, column: err.column ?? null } },
      bytes: null,
    };
  }
}

function hexRun(bytes: Uint8Array, from: number): string {
  return Array.from(bytes.subarray(from, from + 16), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

export function diffCompiled(oldText: string, newText: string): BinaryDiff {
  const a = compileSide(oldText);
  const b = compileSide(newText);
  if (!a.bytes || !b.bytes) return { old: a.side, new: b.side, identical: null, first_difference: null, old_bytes: null, new_bytes: null };
  const n = Math.min(a.bytes.length, b.bytes.length);
  let at = 0;
  while (at < n && a.bytes[at] === b.bytes[at]) at++;
  if (at === n && a.bytes.length === b.bytes.length)
    return { old: a.side, new: b.side, identical: true, first_difference: null, old_bytes: null, new_bytes: null };
  return { old: a.side, new: b.side, identical: false, first_difference: at, old_bytes: hexRun(a.bytes, at), new_bytes: hexRun(b.bytes, at) };
}
