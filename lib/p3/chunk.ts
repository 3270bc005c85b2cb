/**
 * The chunker of p3-framing.md §3: compiled replies -> host DATA frames. Each script (a
 * separately compiled source) starts a new frame; top-level atoms are packed whole; an
 * atom larger than the budget travels as uni_start_large_atom / uni_large_atom_segment /
 * uni_end_large_atom, exactly as the document's pseudo-code. This reproduces the capture's
 * host frames byte for byte.
 */
import { scanAtoms } from './atoms';
import { P3Error } from './errors';
import { sealFrame } from './frame';
import { HEADER_BYTES, TYPE_DATA } from './frame-types';
import { LARGE_END, LARGE_SEGMENT, LARGE_START, MAX_FULL_DATA, MAX_LARGE_DATA, concatBytes, fullHeaderSize, largePiece, largeStart } from './large-atom';
import { payloadHeader, type StreamIdOrder } from './payload';
import { SEQ_MAX, SEQ_MIN, isSequence, nextSequence } from './sequence';
import { isToken, maxStreamId, tokenRule } from './tokens';

export const DEFAULT_BUDGET = 121;
/** START (7 bytes) must fit an empty frame with room for a segment byte */
export const MIN_BUDGET = 8;
/** segment data must fit one FULL atom (15-bit length) */
export const MAX_BUDGET = 32_767;

export interface ChunkOptions {
  token?: string;
  streamId?: number;
  /** FDO bytes per frame (B) */
  budget?: number;
  /** TX of the first frame; the following frames count on with the 0x7F -> 0x10 wrap */
  tx?: number;
  /** RX of every frame (the last TX seen from the client) */
  rx?: number;
  /** TYPE byte; DATA (0x20) by default */
  type?: number;
  /** 'little' reproduces the original service's bug; only on request */
  streamIdOrder?: StreamIdOrder;
}

export type LargePieceKind = 'start' | 'segment' | 'end';

export interface ChunkFrame {
  index: number;
  /** which script of the batch the frame belongs to */
  script: number;
  tx: number;
  rx: number;
  type: number;
  token: string;
  streamId: number;
  /** the FDO bytes of the frame */
  fdo: Uint8Array;
  /** token + stream id + FDO */
  payload: Uint8Array;
  /** the whole P3 frame */
  bytes: Uint8Array;
  len: number;
  crc: number;
  /** large-atom pieces the frame carries, in order */
  largeAtom: LargePieceKind[];
  /** atoms in the frame (pieces counted as atoms) */
  atoms: number;
}

export interface ChunkResult {
  frames: ChunkFrame[];
  /** TX for the frame that would follow */
  nextTx: number;
  budget: number;
  /** FDO bytes over all frames */
  fdoBytes: number;
}

interface Resolved {
  token: string;
  streamId: number;
  budget: number;
  tx: number;
  rx: number;
  type: number;
  order: StreamIdOrder;
}

const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

function resolve(o: ChunkOptions): Resolved {
  const token = o.token ?? 'AT';
  if (!isToken(token)) throw new P3Error('Bad Token', `token ${JSON.stringify(token)} is not two printable ASCII characters`);
  if (tokenRule(token).kind !== 'fdo') throw new P3Error('Bad Token', `token ${token} carries a GID request, not FDO`);
  const streamId = o.streamId ?? 0;
  const max = maxStreamId(token);
  if (!Number.isInteger(streamId) || streamId < 0 || streamId > max) {
    throw new P3Error('Bad Stream Id', `stream id ${streamId} does not fit token ${token}'s ${tokenRule(token).streamIdBytes}-byte stream id (0..${max})`);
  }
  const budget = o.budget ?? DEFAULT_BUDGET;
  if (!Number.isInteger(budget) || budget < MIN_BUDGET || budget > MAX_BUDGET) {
    throw new P3Error('Bad Budget', `budget ${budget} is outside ${MIN_BUDGET}..${MAX_BUDGET} FDO bytes per frame`);
  }
  const tx = o.tx ?? 0x10;
  const rx = o.rx ?? 0x10;
  if (!isSequence(tx)) throw new P3Error('Bad Sequence', `TX ${tx} is outside 0x10..0x7F`);
  if (!isSequence(rx)) throw new P3Error('Bad Sequence', `RX ${rx} is outside 0x10..0x7F`);
  const type = o.type ?? TYPE_DATA;
  if (type !== TYPE_DATA && type !== (TYPE_DATA | 0x80)) throw new P3Error('Bad Type', `TYPE ${hex(type)} is not DATA (0x20, or 0xA0 from the client)`);
  return { token, streamId, budget, tx, rx, type, order: o.streamIdOrder ?? 'big' };
}

/** A top-level atom as the chunker sees it: its encoded bytes, or its parts for the large form. */
interface LogicalAtom {
  start: number;
  bytes: Uint8Array;
  protocol: number;
  atom: number;
  data: Uint8Array;
}

/**
 * The script's top-level atoms, with the compiler's own split form of 2.8 (data over
 * 32,767 bytes: START [P, A], full SEGMENTs, END) taken back as the one atom it stands for.
 */
function logicalAtoms(fdo: Uint8Array, script: number): LogicalAtom[] {
  const scan = scanAtoms(fdo, true);
  if (scan.failure) {
    throw new P3Error(scan.failure.reason === 'style' ? 'Not Full Style' : 'Truncated Atom', scan.failure.message, scan.failure.offset, script);
  }
  const atoms = scan.atoms;
  const out: LogicalAtom[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    if (a.protocol === 0 && a.atom === LARGE_START && a.end - a.dataStart === 2) {
      let j = i + 1;
      while (j < atoms.length && atoms[j]!.protocol === 0 && atoms[j]!.atom === LARGE_SEGMENT && atoms[j]!.end - atoms[j]!.dataStart === MAX_FULL_DATA) j++;
      const end = atoms[j];
      if (j > i + 1 && end && end.protocol === 0 && end.atom === LARGE_END) {
        const data = concatBytes(atoms.slice(i + 1, j + 1).map((p) => fdo.subarray(p.dataStart, p.end)));
        out.push({ start: a.start, bytes: fdo.subarray(a.start, end.end), protocol: fdo[a.dataStart]!, atom: fdo[a.dataStart + 1]!, data });
        i = j;
        continue;
      }
    }
    out.push({ start: a.start, bytes: fdo.subarray(a.start, a.end), protocol: a.protocol, atom: a.atom, data: fdo.subarray(a.dataStart, a.end) });
  }
  return out;
}

/**
 * Where the packing rule of §3 sends a script's atoms: `put` adds bytes to the open frame,
 * `piece` a large-atom SEGMENT or END holding `data`, `close` ends the open frame (nothing
 * when it is empty). `used` is the open frame's FDO byte count.
 */
interface FrameSink {
  used: number;
  put(bytes: Uint8Array, piece?: LargePieceKind): void;
  piece(kind: 'segment' | 'end', data: Uint8Array): void;
  close(): void;
}

/** One script through the packing rule: the one place that decides where frames break. */
function packScript(fdo: Uint8Array, script: number, B: number, sink: FrameSink): void {
  // K: segment data that fills a frame with its own header
  const K = B - 3 <= 127 ? B - 3 : B - 4;
  for (const a of logicalAtoms(fdo, script)) {
    const size = a.bytes.length;
    if (sink.used + size <= B) {
      sink.put(a.bytes);
      continue;
    }
    if (size <= B) {
      sink.close();
      sink.put(a.bytes);
      continue;
    }
    const L = a.data.length;
    if (L > MAX_LARGE_DATA) {
      throw new P3Error(
        'Atom Too Large',
        `atom ${a.protocol}/${a.atom} at byte ${a.start} has ${L} data bytes; a P3 large atom carries at most ${MAX_LARGE_DATA}`,
        a.start,
        script,
      );
    }
    const S = largeStart(a.protocol, a.atom, L);
    if (sink.used + S.length > B) sink.close();
    sink.put(S, 'start');
    sink.close();
    let at = 0;
    while (L - at > K) {
      sink.piece('segment', a.data.subarray(at, at + K));
      sink.close();
      at += K;
    }
    // rest <= K, so END with its header fits an empty frame
    sink.piece('end', a.data.subarray(at));
  }
  sink.close();
}

/**
 * How many frames one script of a batch takes, without building them: a batch's frames
 * are numbered (index, TX) across its scripts, so a script's first frame is known from the
 * counts of the scripts before it. Throws the P3Error chunkScripts would.
 */
export function countScriptFrames(fdo: Uint8Array, script: number, options: ChunkOptions = {}): number {
  const o = resolve(options);
  let frames = 0;
  const sink: FrameSink = {
    used: 0,
    put(bytes) {
      sink.used += bytes.length;
    },
    piece(_kind, data) {
      sink.used += fullHeaderSize(data.length) + data.length;
    },
    close() {
      if (sink.used === 0) return;
      frames++;
      sink.used = 0;
    },
  };
  packScript(fdo, script, o.budget, sink);
  return frames;
}

/** The TX `frames` frames after `tx` (0x7F wraps to 0x10). */
export function sequenceAfter(tx: number, frames: number): number {
  return SEQ_MIN + ((tx - SEQ_MIN + frames) % (SEQ_MAX - SEQ_MIN + 1));
}

export interface ScriptPosition {
  /** the script's place in its batch */
  script: number;
  /** index (in the batch) of the script's first frame */
  firstIndex: number;
}

/**
 * Chunks the compiled scripts of one reply (or batch) into DATA frames. With `position`,
 * `scripts` is the one script at that place of a larger batch: its frames carry the
 * batch's script number and indexes, and `options.tx` is the batch's first TX.
 */
export function chunkScripts(scripts: readonly Uint8Array[], options: ChunkOptions = {}, position?: ScriptPosition): ChunkResult {
  const o = resolve(options);
  const B = o.budget;
  const header = payloadHeader(o.token, o.streamId, o.order);
  const frames: ChunkFrame[] = [];
  const firstIndex = position?.firstIndex ?? 0;
  let tx = sequenceAfter(o.tx, firstIndex);
  let fdoBytes = 0;
  let parts: Uint8Array[] = [];
  let pieces: LargePieceKind[] = [];
  let atomsInFrame = 0;
  let script = 0;

  const sink: FrameSink = {
    used: 0,
    put(bytes, piece) {
      parts.push(bytes);
      sink.used += bytes.length;
      atomsInFrame++;
      if (piece) pieces.push(piece);
    },
    piece(kind, data) {
      sink.put(largePiece(kind === 'segment' ? LARGE_SEGMENT : LARGE_END, data), kind);
    },
    close() {
      const used = sink.used;
      if (used === 0) return;
      // one buffer per frame; payload and FDO are views into it
      const bytes = new Uint8Array(HEADER_BYTES + header.length + used + 1);
      bytes.set(header, HEADER_BYTES);
      let at = HEADER_BYTES + header.length;
      for (const p of parts) {
        bytes.set(p, at);
        at += p.length;
      }
      sealFrame(bytes, tx, o.rx, o.type);
      const payload = bytes.subarray(HEADER_BYTES, at);
      const fdo = bytes.subarray(HEADER_BYTES + header.length, at);
      frames.push({
        index: firstIndex + frames.length,
        script,
        tx,
        rx: o.rx,
        type: o.type,
        token: o.token,
        streamId: o.streamId,
        fdo,
        payload,
        bytes,
        len: payload.length + 3,
        crc: (bytes[1]! << 8) | bytes[2]!,
        largeAtom: pieces,
        atoms: atomsInFrame,
      });
      fdoBytes += fdo.length;
      tx = nextSequence(tx);
      parts = [];
      sink.used = 0;
      pieces = [];
      atomsInFrame = 0;
    },
  };

  for (let i = 0; i < scripts.length; i++) {
    script = position ? position.script + i : i;
    packScript(scripts[i]!, script, B, sink);
  }
  return { frames, nextTx: tx, budget: B, fdoBytes };
}
