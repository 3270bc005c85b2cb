/**
 * Decoding a capture (p3-framing.md §5): check every frame, skip control frames, group DATA
 * frames by direction and stream id in capture order, join large atoms, and collect each
 * stream's DOD facts. Failures are reported per frame and per stream; nothing is thrown and
 * the work is linear in the input.
 */
import { readCapture, DEFAULT_CAPTURE_LIMITS, type CaptureFormat, type CaptureLimits, type CaptureRecord, type Direction } from './capture';
import { dodFacts, type DodFacts } from './dod';
import type { P3Failure } from './errors';
import { parseFrame, parseFrames, type ParsedFrame } from './frame';
import { TYPE_DATA } from './frame-types';
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
function looksReversed(frames: CaptureFrame[]): boolean {
  let forward = 0;
  let backward = 0;
  const last = new Map<Direction, number>();
  for (const f of frames) {
    if ((f.frame.type & 0x7f) !== TYPE_DATA) continue;
    const prev = last.get(f.direction);
    if (prev !== undefined) {
      if (f.frame.tx === nextSequence(prev)) forward++;
      if (prev === nextSequence(f.frame.tx)) backward++;
    }
    last.set(f.direction, f.frame.tx);
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
  const limits: CaptureLimits = {
    maxLines: options.maxLines ?? DEFAULT_CAPTURE_LIMITS.maxLines,
    maxLineChars: options.maxLineChars ?? DEFAULT_CAPTURE_LIMITS.maxLineChars,
    hexDecoder: options.hexDecoder,
  };
  const maxStreams = options.maxStreams ?? DEFAULT_MAX_STREAMS;
  const maxFailures = options.maxFailures ?? 1000;
  const read = readCapture(text, limits);
  const failures: P3Failure[] = [];
  let failureCount = 0;
  const report = (f: P3Failure) => {
    failureCount++;
    if (failures.length < maxFailures) failures.push(f);
  };
  read.failures.forEach(report);
  const skipped = {
    control: 0,
    gidRequests: 0,
    badFrames: 0,
    badPayloads: 0,
    badLines: read.failures.filter((f) => f.check === 'line').length,
    overStreamLimit: 0,
  };

  let frames: CaptureFrame[] = [];
  const perRecord = (r: CaptureRecord) => {
    // the common case: the record is exactly one good frame
    const one = parseFrame(r.bytes, 0);
    if ('frame' in one && one.frame.bytes.length === r.bytes.length) {
      frames.push({ index: 0, line: r.line, direction: r.dir ?? (one.frame.client ? 'C->S' : 'S->C'), ts: r.ts, frame: one.frame });
      return;
    }
    const list = parseFrames(r.bytes, maxFailures);
    skipped.badFrames += list.failureCount;
    for (const f of list.failures) report({ ...f, line: r.line });
    for (const frame of list.frames) {
      frames.push({ index: 0, line: r.line, direction: r.dir ?? (frame.client ? 'C->S' : 'S->C'), ts: r.ts, frame });
    }
  };
  read.records.forEach(perRecord);

  const formats = new Set(read.records.map((r) => r.format));
  const format: CaptureReport['format'] = formats.size === 0 ? 'empty' : formats.size === 1 ? [...formats][0]! : 'mixed';
  let order: CaptureReport['order'] = 'as given';
  if (read.records.every((r) => r.format === 'minimal' || r.format === 'hex') && looksReversed(frames)) {
    frames = frames.reverse();
    order = 'reversed';
  }
  frames.forEach((f, i) => {
    f.index = i;
  });

  const groups = new Map<number, Group>();
  const gidRequests: GidRequest[] = [];
  let dataFrames = 0;
  for (const f of frames) {
    if ((f.frame.type & 0x7f) !== TYPE_DATA) {
      skipped.control++;
      continue;
    }
    dataFrames++;
    const p = decodePayload(f.frame.payload, options.streamIdOrder);
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
          txFirst: f.frame.tx,
          txLast: f.frame.tx,
          txGaps: 0,
          failures: [],
        },
        frames: [],
      };
      groups.set(key, g);
    } else {
      if (f.frame.tx !== nextSequence(g.report.txLast)) g.report.txGaps++;
      if (d.token !== g.report.token && !g.report.otherTokens.includes(d.token)) g.report.otherTokens.push(d.token);
    }
    const r = g.report;
    r.frameCount++;
    r.lastFrame = f.index;
    r.lastLine = f.line;
    r.txLast = f.frame.tx;
    g.frames.push({ fdo: d.fdo, tx: f.frame.tx, rx: f.frame.rx, index: f.index });
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
    lines: read.records.length + read.failures.length + read.blank,
    frames: frames.length,
    dataFrames,
    skipped,
    failures,
    failureCount,
    streams,
    gidRequests,
  };
}
