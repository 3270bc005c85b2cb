/**
 * One P3 frame (p3-framing.md §1): build it from its fields, or parse and check it
 * (sync, LEN against the bytes present, terminator, CRC-16/ARC). LEN, not 0x0D, delimits
 * frames: FDO data holds 0x0D bytes.
 */
import { crc16arc } from './crc';
import type { P3Failure } from './errors';
import { CLIENT_BIT, HEADER_BYTES, LEN_OVERHEAD, MAX_LEN, MIN_FRAME_BYTES, SYNC, TERMINATOR, frameTypeName } from './frame-types';

export interface FrameFields {
  tx: number;
  rx: number;
  /** the whole TYPE byte (bit 7 set on client->host frames) */
  type: number;
  payload: Uint8Array;
}

export interface ParsedFrame extends FrameFields {
  /** where the frame starts in the buffer it was parsed from */
  offset: number;
  /** the frame's bytes (a view into that buffer) */
  bytes: Uint8Array;
  len: number;
  crc: number;
  typeName: string;
  client: boolean;
}

function u16(b: Uint8Array, i: number): number {
  return (b[i]! << 8) | b[i + 1]!;
}

/**
 * Completes a frame whose payload is already in place at HEADER_BYTES: sync, LEN, TX, RX,
 * TYPE, terminator and CRC. `out` is exactly HEADER_BYTES + payload + 1 bytes long.
 */
export function sealFrame(out: Uint8Array, tx: number, rx: number, type: number): Uint8Array {
  const len = out.length - HEADER_BYTES - 1 + LEN_OVERHEAD;
  if (len > MAX_LEN) throw new RangeError(`a payload of ${len - LEN_OVERHEAD} bytes does not fit a P3 frame (LEN is 16 bits)`);
  out[0] = SYNC;
  out[3] = len >> 8;
  out[4] = len & 0xff;
  out[5] = tx;
  out[6] = rx;
  out[7] = type;
  out[out.length - 1] = TERMINATOR;
  const crc = crc16arc(out, 3, out.length - 1);
  out[1] = crc >> 8;
  out[2] = crc & 0xff;
  return out;
}

/** The frame's bytes; throws RangeError when the payload does not fit LEN's 16 bits. */
export function buildFrame(f: FrameFields): Uint8Array {
  if (LEN_OVERHEAD + f.payload.length > MAX_LEN) throw new RangeError(`a payload of ${f.payload.length} bytes does not fit a P3 frame (LEN is 16 bits)`);
  const out = new Uint8Array(HEADER_BYTES + f.payload.length + 1);
  out.set(f.payload, HEADER_BYTES);
  return sealFrame(out, f.tx, f.rx, f.type);
}

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/**
 * Parses the frame starting at `offset`. A failure names the check and the byte offset of
 * the offending byte; `size` is how far a reader may skip (0 when LEN cannot be trusted).
 */
function fail(check: P3Failure['check'], at: number, message: string, size = 0): { failure: P3Failure; size: number } {
  return { failure: { check, offset: at, message }, size };
}

export function parseFrame(bytes: Uint8Array, offset = 0): { frame: ParsedFrame } | { failure: P3Failure; size: number } {
  const left = bytes.length - offset;
  if (left <= 0) return fail('short', offset, 'no bytes left for a frame');
  if (bytes[offset] !== SYNC) return fail('sync', offset, `byte ${offset} is 0x${hex2(bytes[offset]!)}, not the sync byte 0x5A`);
  if (left < MIN_FRAME_BYTES) return fail('short', offset, `${left} bytes at ${offset}: a frame has at least ${MIN_FRAME_BYTES}`);
  const len = u16(bytes, offset + 3);
  if (len < LEN_OVERHEAD) return fail('length', offset + 3, `LEN ${len} at byte ${offset + 3} is below 3 (TX, RX and TYPE)`);
  const size = len + 6;
  if (size > left) return fail('short', offset + 3, `LEN ${len} at byte ${offset + 3} announces a ${size}-byte frame but only ${left} bytes remain`);
  const end = offset + size - 1;
  if (bytes[end] !== TERMINATOR) return fail('terminator', end, `byte ${end} (end of the frame by LEN) is 0x${hex2(bytes[end]!)}, not 0x0D`);
  const crc = u16(bytes, offset + 1);
  const computed = crc16arc(bytes, offset + 3, end);
  if (crc !== computed)
    return fail('crc', offset + 1, `CRC 0x${hex4(crc)} at byte ${offset + 1} does not match 0x${hex4(computed)} computed over LEN..payload`, size);
  const type = bytes[offset + 7]!;
  return {
    frame: {
      offset,
      bytes: bytes.subarray(offset, offset + size),
      len,
      crc,
      tx: bytes[offset + 5]!,
      rx: bytes[offset + 6]!,
      type,
      typeName: frameTypeName(type),
      client: (type & CLIENT_BIT) !== 0,
      payload: bytes.subarray(offset + HEADER_BYTES, end),
    },
  };
}

export interface FrameList {
  frames: ParsedFrame[];
  /** at most `maxFailures` of them */
  failures: P3Failure[];
  failureCount: number;
}

/** Whether a structurally sound frame (sync, LEN within the buffer, terminator) starts at `at`; no messages, no allocation. */
function plausibleFrameAt(bytes: Uint8Array, at: number): boolean {
  if (bytes[at] !== SYNC || bytes.length - at < MIN_FRAME_BYTES) return false;
  const len = u16(bytes, at + 3);
  return len >= LEN_OVERHEAD && at + len + 6 <= bytes.length && bytes[at + len + 5] === TERMINATOR;
}

/**
 * Every frame in a buffer holding several back to back. After a bad frame the reader skips
 * it by LEN when LEN was trustworthy (only the CRC failed); otherwise it reports the failure
 * once and resumes at the next place a frame could start (sync byte, LEN inside the buffer,
 * terminator where LEN puts it), so a run of junk costs one failure, not one per byte.
 */
/** The next place at or after `from` where a frame could start, or the buffer's end. */
function nextPlausible(bytes: Uint8Array, from: number): number {
  const n = bytes.length;
  for (let p = from; p < n; p++) if (bytes[p] === SYNC && plausibleFrameAt(bytes, p)) return p;
  return n;
}

export function parseFrames(bytes: Uint8Array, maxFailures = 1000): FrameList {
  const frames: ParsedFrame[] = [];
  const failures: P3Failure[] = [];
  let failureCount = 0;
  let at = 0;
  while (at < bytes.length) {
    if (bytes[at] !== SYNC) {
      const next = nextPlausible(bytes, at);
      failureCount++;
      if (failures.length < maxFailures)
        failures.push({
          check: 'sync',
          offset: at,
          message: `${next - at} bytes at ${at} before ${next < bytes.length ? `the next frame (${next})` : 'the end'} are not a frame`,
        });
      at = next;
      continue;
    }
    const r = parseFrame(bytes, at);
    if ('frame' in r) {
      frames.push(r.frame);
      at += r.frame.bytes.length;
      continue;
    }
    failureCount++;
    if (r.size > 0) {
      if (failures.length < maxFailures) failures.push(r.failure);
      at += r.size;
      continue;
    }
    const next = nextPlausible(bytes, at + 1);
    if (failures.length < maxFailures)
      failures.push({
        ...r.failure,
        message: `${r.failure.message}; ${next - at} bytes skipped to ${next < bytes.length ? `the next frame (${next})` : 'the end'}`,
      });
    at = next;
  }
  return { frames, failures, failureCount };
}
