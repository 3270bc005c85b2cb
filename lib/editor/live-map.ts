/**
 * Lookups in the live compile's source map (the packed arrays of analyze.ts), for the
 * page's main thread: kept apart from analyze.ts so the page does not load the compiler,
 * which runs in the worker.
 */

/** The atom index owning byte `offset` (binary search over spans), or -1. */
export function atomAtByte(spans: Int32Array, offset: number): number {
  let lo = 0;
  let hi = spans.length / 3 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < spans[mid * 3]!) hi = mid - 1;
    else if (offset >= spans[mid * 3 + 1]!) lo = mid + 1;
    else return spans[mid * 3 + 2]!;
  }
  return -1;
}

/** The atom index that starts on `line`, or -1 (one atom a line in the decompiler's layout). */
export function atomOnLine(atoms: Int32Array, line: number): number {
  let lo = 0;
  let hi = atoms.length / 4 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = atoms[mid * 4]!;
    if (l < line) lo = mid + 1;
    else {
      if (l === line) found = mid;
      hi = mid - 1;
    }
  }
  return found;
}
