/**
 * What the editor's web worker computes for each version of the text: the binary and its
 * source map, or the compile error with line, column and hint. The same lib/fdo compiler
 * as the server (no second implementation); pure, so vitest checks it directly.
 */
import { compileWithMap, FdoError } from '../fdo';

/** Longer sources are not compiled live (the pool button still compiles them). */
export const MAX_LIVE_SOURCE = 4 * 1024 * 1024;

export interface LiveError {
  kind: string;
  message: string;
  /** 1-based; null when the error has no position */
  line: number | null;
  column: number | null;
  hint: string | null;
}

export interface LiveResult {
  /** the request this answers */
  id: number;
  ok: boolean;
  bytes: Uint8Array;
  /** per atom: line, column, first byte, end byte (4 numbers each) */
  atoms: Int32Array;
  /** per span: start, end, atom index (3 numbers each); every byte once, in order */
  spans: Int32Array;
  error: LiveError | null;
  /** compile time in the worker, ms */
  compileMs: number;
}

export function analyze(id: number, source: string): LiveResult {
  const started = performance.now();
  const empty = { bytes: new Uint8Array(0), atoms: new Int32Array(0), spans: new Int32Array(0) };
  if (source.length > MAX_LIVE_SOURCE) {
    return {
      id,
      ok: false,
      ...empty,
      error: {
        kind: 'Input Too Large',
        message: `live diagnostics stop above ${MAX_LIVE_SOURCE >> 20} MB; use Compile on the pool`,
        line: null,
        column: null,
        hint: null,
      },
      compileMs: 0,
    };
  }
  try {
    const r = compileWithMap(source);
    const atoms = new Int32Array(r.atoms.length * 4);
    r.atoms.forEach((a, i) => atoms.set([a.line, a.column, a.start, a.end], i * 4));
    const spans = new Int32Array(r.spans.length * 3);
    r.spans.forEach((s, i) => spans.set([s.start, s.end, s.atom], i * 3));
    // a copy: the compiler's result may be a view into a larger pooled buffer
    return { id, ok: true, bytes: r.bytes.slice(), atoms, spans, error: null, compileMs: performance.now() - started };
  } catch (err) {
    const e =
      err instanceof FdoError
        ? { kind: err.kind, message: err.message, line: err.line ?? null, column: err.column ?? null, hint: err.hint ?? null }
        : { kind: 'Internal Error', message: 'the compiler failed unexpectedly', line: null, column: null, hint: null };
    return { id, ok: false, ...empty, error: e, compileMs: performance.now() - started };
  }
}

export { atomAtByte, atomOnLine } from './live-map';
