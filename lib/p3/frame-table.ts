/**
 * The per-line half of capture decoding: capture text -> every frame checked (sync, LEN,
 * terminator, CRC) and kept as numbers in one table, the frames' bytes back to back in one
 * buffer. No object per frame survives it, so a host can read line ranges of a large
 * capture at once (worker threads) and hand the tables over without cloning objects; the
 * tables of consecutive ranges joined are the table of the whole capture.
 */
import { looksLikeArray, readCapture, type CaptureFormat, type CaptureLimits, type CaptureRecord } from './capture';
import type { P3Failure } from './errors';
import { parseFrame, parseFrames, type ParsedFrame } from './frame';

/** numbers per frame in FrameTable.meta: line, direction, start in `bytes`, size */
export const FRAME_FIELDS = 4;
/** direction codes in FrameTable.meta */
export const DIR_CLIENT = 1;
export const DIR_HOST = 2;

export interface FrameTable {
  /** the frames' bytes back to back */
  bytes: Uint8Array;
  /** FRAME_FIELDS numbers per frame */
  meta: Int32Array;
  count: number;
  /** the lines' own failures (not JSON, not hex, limits), at most maxFailures of them */
  readFailures: P3Failure[];
  readFailureCount: number;
  /** lines that were not JSON records or hex */
  badLines: number;
  /** failures of the frames within records, at most maxFailures of them */
  frameFailures: P3Failure[];
  /** frame failures the per-record lists held (what decodeCapture reports) */
  frameFailuresListed: number;
  /** bad frames counted (a record's list stops at maxFailures; the count does not) */
  badFrames: number;
  records: number;
  blank: number;
  /** the records' formats, each once, in the order first seen */
  formats: CaptureFormat[];
  /** every record was minimal ({len, fullHex}) or plain hex: no direction or time given */
  undated: boolean;
}

/** Reads `text` (or a piece of a capture, see readCapture's `from`) into a frame table. */
export function readFrameTable(
  text: string,
  limits: CaptureLimits,
  maxFailures: number,
  from: { lines: number; offset: number } = { lines: 0, offset: 0 },
): FrameTable {
  const read = readCapture(text, limits, from);
  let bytes = new Uint8Array(Math.max(1024, text.length >> 1));
  let meta = new Int32Array(FRAME_FIELDS * Math.max(16, read.records.length));
  let used = 0;
  let count = 0;
  const add = (line: number, dir: number, frame: ParsedFrame) => {
    const size = frame.bytes.length;
    if (used + size > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, used + size));
      grown.set(bytes.subarray(0, used));
      bytes = grown;
    }
    if ((count + 1) * FRAME_FIELDS > meta.length) {
      const grown = new Int32Array(meta.length * 2);
      grown.set(meta);
      meta = grown;
    }
    bytes.set(frame.bytes, used);
    const m = count * FRAME_FIELDS;
    meta[m] = line;
    meta[m + 1] = dir;
    meta[m + 2] = used;
    meta[m + 3] = size;
    used += size;
    count++;
  };
  const dirOf = (r: CaptureRecord, frame: ParsedFrame) => (r.dir === 'C->S' ? DIR_CLIENT : r.dir === 'S->C' ? DIR_HOST : frame.client ? DIR_CLIENT : DIR_HOST);

  const frameFailures: P3Failure[] = [];
  let frameFailuresListed = 0;
  let badFrames = 0;
  const formats: CaptureFormat[] = [];
  let undated = true;
  for (const r of read.records) {
    if (!formats.includes(r.format)) formats.push(r.format);
    if (r.format !== 'minimal' && r.format !== 'hex') undated = false;
    // the common case: the record is exactly one good frame
    const one = parseFrame(r.bytes, 0);
    if ('frame' in one && one.frame.bytes.length === r.bytes.length) {
      add(r.line, dirOf(r, one.frame), one.frame);
      continue;
    }
    const list = parseFrames(r.bytes, maxFailures);
    badFrames += list.failureCount;
    frameFailuresListed += list.failures.length;
    for (const f of list.failures) if (frameFailures.length < maxFailures) frameFailures.push({ ...f, line: r.line });
    for (const frame of list.frames) add(r.line, dirOf(r, frame), frame);
  }
  return {
    bytes: bytes.subarray(0, used),
    meta: meta.subarray(0, count * FRAME_FIELDS),
    count,
    readFailures: read.failures.slice(0, maxFailures),
    readFailureCount: read.failures.length,
    badLines: read.failures.filter((f) => f.check === 'line').length,
    frameFailures,
    frameFailuresListed,
    badFrames,
    records: read.records.length,
    blank: read.blank,
    formats,
    undated,
  };
}

/** The tables of consecutive pieces of one capture, in order, as the table of the whole. */
export function joinFrameTables(tables: readonly FrameTable[], maxFailures: number): FrameTable {
  if (tables.length === 1) return tables[0]!;
  let size = 0;
  let count = 0;
  for (const t of tables) {
    size += t.bytes.length;
    count += t.count;
  }
  const bytes = new Uint8Array(size);
  const meta = new Int32Array(count * FRAME_FIELDS);
  let at = 0;
  let m = 0;
  for (const t of tables) {
    bytes.set(t.bytes, at);
    meta.set(t.meta, m);
    for (let i = m + 2; i < m + t.meta.length; i += FRAME_FIELDS) meta[i]! += at;
    at += t.bytes.length;
    m += t.meta.length;
  }
  const formats: CaptureFormat[] = [];
  for (const t of tables) for (const f of t.formats) if (!formats.includes(f)) formats.push(f);
  const sum = (get: (t: FrameTable) => number) => tables.reduce((n, t) => n + get(t), 0);
  return {
    bytes,
    meta,
    count,
    readFailures: tables.flatMap((t) => t.readFailures).slice(0, maxFailures),
    readFailureCount: sum((t) => t.readFailureCount),
    badLines: sum((t) => t.badLines),
    frameFailures: tables.flatMap((t) => t.frameFailures).slice(0, maxFailures),
    frameFailuresListed: sum((t) => t.frameFailuresListed),
    badFrames: sum((t) => t.badFrames),
    records: sum((t) => t.records),
    blank: sum((t) => t.blank),
    formats,
    undated: tables.every((t) => t.undated),
  };
}

/**
 * Where to cut `text` into at most `pieces` consecutive pieces, each ending right after a
 * line break (the last at the end), with the line count and offset each starts at; null
 * when the text is not read line by line (a JSON array) or holds more than `maxLines`
 * lines (the limit failure is then written by one reader, as always).
 */
export function linePieces(text: string, pieces: number, maxLines: number): { text: string; lines: number; offset: number }[] | null {
  if (looksLikeArray(text)) return null;
  const out: { text: string; lines: number; offset: number }[] = [];
  const target = Math.ceil(text.length / pieces);
  let start = 0;
  let lines = 0;
  let startLines = 0;
  let at = 0;
  let cut = target;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) {
      lines++;
      break;
    }
    lines++;
    at = nl + 1;
    if (at >= cut && at < text.length) {
      out.push({ text: text.slice(start, at), lines: startLines, offset: start });
      start = at;
      startLines = lines;
      cut = at + target;
    }
  }
  if (lines > maxLines) return null;
  if (start < text.length || out.length === 0) out.push({ text: text.slice(start), lines: startLines, offset: start });
  return out;
}
