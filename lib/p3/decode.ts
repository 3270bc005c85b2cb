/**
 * Decoding a capture (p3-framing.md §5): check every frame, skip control frames, group DATA
 * frames by direction and stream id in capture order, join large atoms, and collect each
 * stream's DOD facts. Failures are reported per frame and per stream; nothing is thrown and
 * the work is linear in the input.
 */
import { DEFAULT_CAPTURE_LIMITS, type CaptureFormat, type CaptureLimits, type Direction } from './capture';
import { dodFacts, type DodFacts } from './dod';
import type { P3Failure } from './errors';
import type { ParsedFrame } from './frame';
import { HEADER_BYTES, TYPE_DATA } from './frame-types';
import { DIR_CLIENT, FRAME_FIELDS, readFrameTable, type FrameTable } from './frame-table';
import { decodePayload, type StreamIdOrder } from './payload';
import { joinLargeAtoms } from './reassemble';
import { nextSequence } from './sequence';
import { concatBytes } from './large-atom';
import { DEFAULT_BUDGET } from './chunk';
import { scriptStarts, type StreamFrame } from './scripts';

export interface DecodeOptions extends Partial<CaptureLimits> {
  /** streams kept at most; DATA frames of further streams are counted as skipped */
  maxStreams?: number;
  /** failures listed at most (all are counted) */
  maxFailures?: number;
  streamIdOrder?: StreamIdOrder;
  /** the senders' FDO bytes per frame, to tell script boundaries (default 121) */
  budget?: number;
}

export interface CaptureFrame {
  /** 0-based, in capture order */
  index: number;
  line: number;
  direction: Direction;
  ts?: string;
  frame: ParsedFrame;
}

export interface StreamReport {
  direction: Direction;
  /** token of the stream's first frame */
  token: string;
  /** other tokens seen on the same stream id, if any */
  otherTokens: string[];
  streamId: number | null;
  /** upper-case hex, as many digits as the token's stream id has bytes ('' for none) */
  streamIdHex: string;
  frameCount: number;
  firstFrame: number;
  lastFrame: number;
  firstLine: number;
  lastLine: number;
  txFirst: number;
  txLast: number;
  /** places where consecutive frames of the stream do not carry consecutive TX (frames missing?) */
  txGaps: number;
  /** FDO bytes as they arrived (all frames concatenated) */
  wireBytes: number;
  /** the reassembled FDO, large atoms joined */
  fdo: Uint8Array;
  largeAtoms: number;
  /** the separately compiled scripts the stream's frames hold (a multi-GID reply has several) */
  scripts: ScriptReport[];
  failures: P3Failure[];
  dod: DodFacts;
}

export interface ScriptReport {
  firstFrame: number;
  lastFrame: number;
  frameCount: number;
  txFirst: number;
  rx: number;
  /** reassembled FDO of this script, large atoms joined */
  fdo: Uint8Array;
}

export interface GidRequest {
  frame: number;
  line: number;
  direction: Direction;
  gid: string;
}

export interface CaptureReport {
  format: CaptureFormat | 'mixed' | 'empty';
  /** 'reversed': the lines came newest first (wiretap's view) and were put back in order */
  order: 'as given' | 'reversed';
  lines: number;
  frames: number;
  dataFrames: number;
  skipped: { control: number; gidRequests: number; badFrames: number; badPayloads: number; badLines: number; overStreamLimit: number };
  failures: P3Failure[];
  failureCount: number;
  streams: StreamReport[];
  gidRequests: GidRequest[];
}

export const DEFAULT_MAX_STREAMS = 10_000;

/** The frame (index into the offsets) holding byte `offset` of a concatenation. */
function frameOf(offsets: readonly number[], offset: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Lines without direction or time (wiretap's {len, fullHex}, plain hex) may come newest
 * first. The TX of DATA frames says which way is forward: count, per direction, the
 * neighbours whose TX follows in each reading and keep the better one.
 */
function looksReversed(t: FrameTable): boolean {
  let forward = 0;
  let backward = 0;
  const last = [-1, -1, -1];
  for (let m = 0; m < t.meta.length; m += FRAME_FIELDS) {
    const start = t.meta[m + 2]!;
    if ((t.bytes[start + 7]! & 0x7f) !== TYPE_DATA) continue;
    const dir = t.meta[m + 1]!;
    const tx = t.bytes[start + 5]!;
    const prev = last[dir]!;
    if (prev >= 0) {
      if (tx === nextSequence(prev)) forward++;
      if (prev === nextSequence(tx)) backward++;
    }
    last[dir] = tx;
  }
  return backward > forward;
}

interface Group {
  report: Omit<StreamReport, 'fdo' | 'largeAtoms' | 'dod' | 'wireBytes' | 'scripts'>;
  frames: (StreamFrame & { index: number })[];
}

function hexId(id: number | null, bytes: number): string {
  return id === null
    ? ''
    : id
        .toString(16)
        .toUpperCase()
        .padStart(bytes * 2, '0');
}

export function decodeCapture(text: string, options: DecodeOptions = {}): CaptureReport {
  return decodeFrameTable(readFrameTable(text, captureLimits(options), options.maxFailures ?? DEFAULT_MAX_FAILURES), options);
}

export const DEFAULT_MAX_FAILURES = 1000;

export function captureLimits(options: DecodeOptions): CaptureLimits {
  return {
    maxLines: options.maxLines ?? DEFAULT_CAPTURE_LIMITS.maxLines,
    maxLineChars: options.maxLineChars ?? DEFAULT_CAPTURE_LIMITS.maxLineChars,
    hexDecoder: options.hexDecoder,
  };
}

/**
 * The per-stream half of decoding: the frames of a capture's table (readFrameTable, or
 * joinFrameTables of its pieces, read with the same limits and maxFailures) grouped into
 * streams, large atoms joined, DOD facts collected.
 */
export function decodeFrameTable(table: FrameTable, options: DecodeOptions = {}): CaptureReport {
  const maxStreams = options.maxStreams ?? DEFAULT_MAX_STREAMS;
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
  const failures: P3Failure[] = [];
  let failureCount = 0;
  const report = (f: P3Failure) => {
    failureCount++;
    if (failures.length < maxFailures) failures.push(f);
  };
  // the lines' failures first, then the frames', as they are listed (the counts cover all)
  for (const f of table.readFailures) report(f);
  failureCount += table.readFailureCount - table.readFailures.length;
  for (const f of table.frameFailures) report(f);
  failureCount += table.frameFailuresListed - table.frameFailures.length;
  const skipped = {
    control: 0,
    gidRequests: 0,
    badFrames: table.badFrames,
    badPayloads: 0,
    badLines: table.badLines,
    overStreamLimit: 0,
  };

  const formats = table.formats;
  const format: CaptureReport['format'] = formats.length === 0 ? 'empty' : formats.length === 1 ? formats[0]! : 'mixed';
  const count = table.count;
  let order: CaptureReport['order'] = 'as given';
  if (table.undated && looksReversed(table)) order = 'reversed';
  const { bytes, meta } = table;

  const groups = new Map<number, Group>();
  const gidRequests: GidRequest[] = [];
  let dataFrames = 0;
  for (let index = 0; index < count; index++) {
    const m = (order === 'reversed' ? count - 1 - index : index) * FRAME_FIELDS;
    const start = meta[m + 2]!;
    const type = bytes[start + 7]!;
    if ((type & 0x7f) !== TYPE_DATA) {
      skipped.control++;
      continue;
    }
    dataFrames++;
    const line = meta[m]!;
    const direction: Direction = meta[m + 1] === DIR_CLIENT ? 'C->S' : 'S->C';
    const tx = bytes[start + 5]!;
    const rx = bytes[start + 6]!;
    const f = { index, line, direction };
    const p = decodePayload(bytes.subarray(start + HEADER_BYTES, start + meta[m + 3]! - 1), options.streamIdOrder);
    if ('failure' in p) {
      skipped.badPayloads++;
      report({ ...p.failure, offset: p.failure.offset + 8, line: f.line, frame: f.index, message: `frame ${f.index} (line ${f.line}): ${p.failure.message}` });
      continue;
    }
    const d = p.data;
    if (d.kind === 'gid') {
      skipped.gidRequests++;
      gidRequests.push({ frame: f.index, line: f.line, direction: f.direction, gid: d.gid! });
      continue;
    }
    // one number per (direction, stream-id size, stream id): ids have at most 4 bytes
    const key = ((f.direction === 'C->S' ? 8 : 0) + d.streamIdBytes) * 2 ** 32 + (d.streamId ?? 0);
    let g = groups.get(key);
    if (!g) {
      if (groups.size >= maxStreams) {
        skipped.overStreamLimit++;
        continue;
      }
      g = {
        report: {
          direction: f.direction,
          token: d.token,
          otherTokens: [],
          streamId: d.streamId,
          streamIdHex: hexId(d.streamId, d.streamIdBytes),
          frameCount: 0,
          firstFrame: f.index,
          lastFrame: f.index,
          firstLine: f.line,
          lastLine: f.line,
          txFirst: tx,
          txLast: tx,
          txGaps: 0,
          failures: [],
        },
        frames: [],
      };
      groups.set(key, g);
    } else {
      if (tx !== nextSequence(g.report.txLast)) g.report.txGaps++;
      if (d.token !== g.report.token && !g.report.otherTokens.includes(d.token)) g.report.otherTokens.push(d.token);
    }
    const r = g.report;
    r.frameCount++;
    r.lastFrame = f.index;
    r.lastLine = f.line;
    r.txLast = tx;
    g.frames.push({ fdo: d.fdo, tx: tx, rx: rx, index: f.index });
  }

  const streams: StreamReport[] = [];
  const budget = options.budget ?? DEFAULT_BUDGET;
  for (const g of groups.values()) {
    const starts = scriptStarts(g.frames, budget);
    const scripts: ScriptReport[] = [];
    const failures: P3Failure[] = [];
    let wireBytes = 0;
    let largeAtoms = 0;
    for (let s = 0; s < starts.length; s++) {
      const range = g.frames.slice(starts[s], s + 1 < starts.length ? starts[s + 1] : g.frames.length);
      const offsets: number[] = [];
      let n = 0;
      for (const fr of range) {
        offsets.push(n);
        n += fr.fdo.length;
      }
      wireBytes += n;
      const joined = joinLargeAtoms(concatBytes(range.map((fr) => fr.fdo)));
      largeAtoms += joined.largeAtoms;
      for (const fail of joined.failures) failures.push({ ...fail, frame: range[frameOf(offsets, fail.offset)]!.index });
      scripts.push({
        firstFrame: range[0]!.index,
        lastFrame: range[range.length - 1]!.index,
        frameCount: range.length,
        txFirst: range[0]!.tx,
        rx: range[0]!.rx,
        fdo: joined.fdo,
      });
    }
    const fdo = concatBytes(scripts.map((x) => x.fdo));
    streams.push({ ...g.report, failures, wireBytes, fdo, largeAtoms, scripts, dod: dodFacts(fdo) });
  }
  return {
    format,
    order,
    lines: table.records + table.readFailureCount + table.blank,
    frames: count,
    dataFrames,
    skipped,
    failures,
    failureCount,
    streams,
    gidRequests,
  };
}
