/**
 * compile() with a source map: for every atom, where its text starts (line, column,
 * offset) and which bytes of the binary it produced. A separate entry point so the plain
 * compile path pays nothing: this file repeats the atom loop of stream.ts with the same
 * scanners and encoders, recording each atom's source position in order, then walks the
 * finished binary's framing (2.2-2.8) in the same order to find each atom's bytes.
 * Because the binary is measured after the fact, length shifts and the large-atom split
 * done by finishAtom need no bookkeeping here.
 */
import { FdoError } from '../errors';
import { plainView } from '../node-buffer';
import { LARGE_ATOM_END, LARGE_ATOM_SEGMENT, T_STREAM } from '../tables';
import { beginAtom, finishAtom } from './atom-frame';
import { CH_GT, CH_LT, CH_SEMI } from './chars';
import { compileError } from './fail';
import { ATOM_NAMES, ATOM_NUMBER, ATOM_PROTOCOL, ATOM_TYPE, THE_UNKNOWN } from './lookups';
import { sourceBytes } from './source';
import { CompileState } from './state';
import { MAX_STREAM_DEPTH, opensNestedStream, scanName, writeComment, writeUnknown } from './stream';
import { unrecognizedAtom } from './did-you-mean';
import { encodeValue } from './values';

/** One atom of the source and the bytes it became. */
export interface MappedAtom {
  /** 1-based line and column of the atom's first character (its name, `;` or nothing for a `>`) */
  readonly line: number;
  readonly column: number;
  /** 0-based offset of that character in the source */
  readonly sourceOffset: number;
  /** the atom's bytes in the binary, [start, end), nested atoms included */
  readonly start: number;
  readonly end: number;
  /** nesting depth: 0 for top-level atoms, 1 inside a nested stream, ... */
  readonly depth: number;
}

/** A run of bytes that belongs to one atom itself (not to an atom nested in it). */
export interface ByteSpan {
  readonly start: number;
  readonly end: number;
  /** index into `atoms` */
  readonly atom: number;
}

export interface CompiledWithMap {
  readonly bytes: Uint8Array;
  /** in source order (the order of their bytes) */
  readonly atoms: readonly MappedAtom[];
  /** every byte of `bytes` exactly once, in order */
  readonly spans: readonly ByteSpan[];
}

interface Recorded {
  sourceOffset: number;
  depth: number;
  /** a stream atom whose value is a nested stream: its data holds atoms of its own */
  nested: boolean;
  /** written in the large-atom form (START, SEGMENTs, END; 2.8) */
  large: boolean;
}

/**
 * The most bytes one ordinary FULL atom takes (prefix, protocol, atom, two length bytes,
 * 32,767 data bytes); anything longer was written in the large-atom form.
 */
const MAX_PLAIN_ATOM = 5 + 0x7fff;

export function compileWithMap(source: string | Uint8Array): CompiledWithMap {
  let st: CompileState;
  if (typeof source === 'string') st = new CompileState(sourceBytes(source), source);
  else if (source instanceof Uint8Array) st = new CompileState(plainView(source));
  else throw new FdoError({ kind: 'Invalid Input', message: 'compile expects FDO text as a string or bytes', line: 1, column: 1 });
  const recorded: Recorded[] = [];
  try {
    mappedStream(st, recorded);
  } catch (err) {
    if (err instanceof FdoError) throw err;
    const tooLarge = err instanceof RangeError;
    throw compileError(
      st.text(0, st.end),
      tooLarge ? 'Input Too Large' : 'Internal Error',
      st.pos,
      tooLarge ? 'the input is too large to compile' : `the compiler failed unexpectedly while reading this text (${String(err)})`,
    );
  }
  const bytes = st.ownedBytes();
  return { bytes, ...measure(bytes, recorded, st.src) };
}

interface OpenStream {
  headerStart: number;
  dataStart: number;
  protocol: number;
  atom: number;
  open: number;
  entry: Recorded;
}

/** compileStream of stream.ts, recording each atom's source offset and depth as it starts. */
function mappedStream(st: CompileState, recorded: Recorded[]): void {
  const open: OpenStream[] = [];
  const src = st.src;
  for (;;) {
    const c = st.skipWs();
    if (c < 0) break;
    if (c === CH_SEMI) {
      const entry: Recorded = { sourceOffset: st.pos, depth: open.length, nested: false, large: false };
      recorded.push(entry);
      const before = st.len;
      writeComment(st);
      entry.large = st.len - before > MAX_PLAIN_ATOM;
      continue;
    }
    if (c === CH_GT) {
      const frame = open.pop();
      if (frame === undefined) st.fail('Unrecognized Atom', st.pos, 'found ">" where an atom name was expected; no nested stream is open');
      st.pos++;
      finishAtom(st, frame.headerStart, frame.dataStart, frame.protocol, frame.atom);
      frame.entry.large = st.len - frame.headerStart > MAX_PLAIN_ATOM;
      continue;
    }
    const start = st.pos;
    const end = scanName(st, start);
    const atom = end > start ? ATOM_NAMES.find(src, start, end, st.nameHash, st.view) : -1;
    if (atom < 0) unrecognizedAtom(st, start, end);
    const entry: Recorded = { sourceOffset: start, depth: open.length, nested: false, large: false };
    recorded.push(entry);
    st.pos = end;
    st.atom = atom;
    const headerStart = st.len;
    if (atom === THE_UNKNOWN) {
      writeUnknown(st, end);
      entry.large = st.len - headerStart > MAX_PLAIN_ATOM;
      continue;
    }
    const protocol = ATOM_PROTOCOL[atom]!;
    const number = ATOM_NUMBER[atom]!;
    const dataStart = beginAtom(st, protocol, number);
    if (st.skipWs() === CH_LT) {
      const lt = st.pos++;
      if (ATOM_TYPE[atom] === T_STREAM && opensNestedStream(st)) {
        if (open.length >= MAX_STREAM_DEPTH) st.fail('Value Too Large', lt, `streams nest deeper than ${MAX_STREAM_DEPTH} levels`);
        entry.nested = true;
        open.push({ headerStart, dataStart, protocol, atom: number, open: lt, entry });
        continue;
      }
      encodeValue(st, atom);
    }
    finishAtom(st, headerStart, dataStart, protocol, number);
    entry.large = st.len - headerStart > MAX_PLAIN_ATOM;
  }
  if (open.length > 0) {
    // the same error compile() raises (stream.ts words it with the line of the "<")
    const unclosed = open[open.length - 1]!;
    let line = 1;
    for (let i = 0; i < unclosed.open; i++) if (src[i] === 10 || (src[i] === 13 && src[i + 1] !== 10)) line++;
    st.fail('Missing Close Bracket', st.end, `the nested stream opened with "<" at line ${line} is never closed with ">"`);
  }
}

/** The FULL atom (optionally prefixed, 2.5) at `at`: where its data starts and ends. */
function frameAt(bytes: Uint8Array, at: number): { dataStart: number; dataEnd: number; atom: number } {
  let p = at;
  if (bytes[p]! >= 0xe0) p++;
  p++;
  const atom = bytes[p++]!;
  let length = bytes[p++]!;
  if (length & 0x80) length = ((length & 0x7f) << 8) | bytes[p++]!;
  return { dataStart: p, dataEnd: p + length, atom };
}

/** A stream's bytes and, for each of them, its offset in the whole binary. */
interface StreamView {
  bytes: Uint8Array;
  /** offset in the binary of bytes[i] */
  at(i: number): number;
}

/**
 * Walks the finished binary atom by atom in the order the source wrote them, painting
 * every byte with the index of the atom that owns it (a nested stream's atoms own their
 * bytes; the stream atom owns its header), then reads off extents and spans.
 */
function measure(bytes: Uint8Array, recorded: readonly Recorded[], src: Uint8Array): { atoms: MappedAtom[]; spans: ByteSpan[] } {
  const owner = new Int32Array(bytes.length).fill(-1);
  const extent: [number, number][] = [];
  let next = 0;

  const readStream = (view: StreamView): void => {
    const flat = view.bytes;
    let at = 0;
    while (at < flat.length) {
      const index = next++;
      const rec = recorded[index];
      if (rec === undefined) throw new Error('source map: more atoms in the binary than in the source');
      const first = frameAt(flat, at);
      const data: [number, number][] = [];
      let end: number;
      if (rec.large) {
        // START [p, a], then SEGMENTs and the END: the data is their payloads
        let p = first.dataEnd;
        for (;;) {
          const f = frameAt(flat, p);
          data.push([f.dataStart, f.dataEnd]);
          p = f.dataEnd;
          if (f.atom === LARGE_ATOM_END) break;
          if (f.atom !== LARGE_ATOM_SEGMENT) throw new Error('source map: broken large atom');
        }
        end = p;
      } else {
        data.push([first.dataStart, first.dataEnd]);
        end = first.dataEnd;
      }
      for (let v = at; v < end; v++) owner[view.at(v)] = index;
      extent[index] = [view.at(at), view.at(end - 1) + 1];
      if (rec.nested) readStream(subView(view, data));
      at = end;
    }
  };
  readStream({ bytes, at: (i) => i });
  if (next !== recorded.length) throw new Error('source map: fewer atoms in the binary than in the source');

  const atoms: MappedAtom[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (let i = 0; i < recorded.length; i++) {
    const rec = recorded[i]!;
    for (; scanned < rec.sourceOffset; scanned++) {
      const c = src[scanned];
      if (c === 10 || (c === 13 && src[scanned + 1] !== 10)) {
        line++;
        lineStart = scanned + 1;
      }
    }
    const [start, end] = extent[i]!;
    atoms.push({ line, column: rec.sourceOffset - lineStart + 1, sourceOffset: rec.sourceOffset, start, end, depth: rec.depth });
  }
  const spans: ByteSpan[] = [];
  for (let b = 0; b < owner.length;) {
    const atom = owner[b]!;
    let e = b + 1;
    while (e < owner.length && owner[e] === atom) e++;
    spans.push({ start: b, end: e, atom });
    b = e;
  }
  return { atoms, spans };
}

/** The stream held in `pieces` of `view` (one piece, or the payloads of a large atom). */
function subView(view: StreamView, pieces: readonly [number, number][]): StreamView {
  if (pieces.length === 1) {
    const [s, e] = pieces[0]!;
    return { bytes: view.bytes.subarray(s, e), at: (i) => view.at(s + i) };
  }
  let n = 0;
  for (const [s, e] of pieces) n += e - s;
  const out = new Uint8Array(n);
  const starts: number[] = [];
  let w = 0;
  for (const [s, e] of pieces) {
    starts.push(w);
    out.set(view.bytes.subarray(s, e), w);
    w += e - s;
  }
  return {
    bytes: out,
    at: (i) => {
      let k = starts.length - 1;
      while (starts[k]! > i) k--;
      return view.at(pieces[k]![0] + (i - starts[k]!));
    },
  };
}
